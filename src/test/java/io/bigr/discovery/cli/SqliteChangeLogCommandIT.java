package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class SqliteChangeLogCommandIT extends ChangeLogCommandContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
