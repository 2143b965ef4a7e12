package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** The fingerprint end-to-end contract on PostgreSQL (config.yml, DATABASE_URL). */
class PostgresFingerprintScanIT extends FingerprintScanContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
