package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class PostgresFingerprintSeamsIT extends FingerprintSeamsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
