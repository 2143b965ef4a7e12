package io.bigr.discovery.vuln;

import io.bigr.discovery.testing.TestDb;

class SqliteCveStoreIT extends CveStoreContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
