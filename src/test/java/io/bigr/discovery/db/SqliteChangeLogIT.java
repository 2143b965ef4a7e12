package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteChangeLogIT extends ChangeLogContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
