package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** The fingerprint end-to-end contract on SQLite (packaged default configuration, BIGR_DB). */
class SqliteFingerprintScanIT extends FingerprintScanContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
