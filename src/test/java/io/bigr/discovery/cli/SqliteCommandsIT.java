package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** SQLite through the packaged default configuration (no config argument), file chosen with BIGR_DB. */
class SqliteCommandsIT extends CommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
