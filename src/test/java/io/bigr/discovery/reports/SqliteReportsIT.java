package io.bigr.discovery.reports;

import io.bigr.discovery.testing.TestDb;

class SqliteReportsIT extends ReportsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
