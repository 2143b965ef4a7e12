package io.bigr.discovery.analysis;

import io.bigr.discovery.testing.TestDb;

class PostgresReportsIT extends ReportsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
