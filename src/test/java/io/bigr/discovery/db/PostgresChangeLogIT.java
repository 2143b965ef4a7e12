package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresChangeLogIT extends ChangeLogContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
