package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class SqliteFingerprintSeamsIT extends FingerprintSeamsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
