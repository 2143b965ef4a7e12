package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class PostgresChangeLogCommandIT extends ChangeLogCommandContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
