package io.bigr.discovery.vuln;

import io.bigr.discovery.testing.TestDb;

class PostgresCveStoreIT extends CveStoreContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
