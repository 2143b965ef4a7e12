package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** PostgreSQL through config.yml and a libpq-style DATABASE_URL, as Neon and Render hand it out. */
class PostgresScanCommandIT extends ScanCommandContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
