package io.bigr.discovery.reports;

import io.bigr.discovery.testing.TestDb;

class PostgresReportsIT extends ReportsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
