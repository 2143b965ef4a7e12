package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class PostgresCollectorCommandsIT extends CollectorCommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
