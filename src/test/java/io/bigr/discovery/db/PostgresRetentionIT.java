package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresRetentionIT extends RetentionContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
