package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** {@link ImportExportContract} on Sqlite. */
class SqliteImportExportIT extends ImportExportContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
