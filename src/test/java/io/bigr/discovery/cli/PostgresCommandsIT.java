package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** PostgreSQL through config.yml and a libpq-style DATABASE_URL, as Neon and Render hand it out. */
class PostgresCommandsIT extends CommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
