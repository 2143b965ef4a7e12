package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** {@link ImportExportContract} on Postgres. */
class PostgresImportExportIT extends ImportExportContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
