package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** SQLite through the packaged default configuration (no config argument), file chosen with BIGR_DB. */
class SqliteScanCommandIT extends ScanCommandContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
