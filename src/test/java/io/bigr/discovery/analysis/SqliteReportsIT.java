package io.bigr.discovery.analysis;

import io.bigr.discovery.testing.TestDb;

class SqliteReportsIT extends ReportsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
