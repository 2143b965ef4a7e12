package io.bigr.discovery.schedule;

import io.bigr.discovery.testing.TestDb;

class SqliteSchedulerIT extends SchedulerContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
