package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class SqliteCollectorCommandsIT extends CollectorCommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
