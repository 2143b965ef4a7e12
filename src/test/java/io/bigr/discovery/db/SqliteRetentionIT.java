package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteRetentionIT extends RetentionContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
