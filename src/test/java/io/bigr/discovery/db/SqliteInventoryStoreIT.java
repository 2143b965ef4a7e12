package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteInventoryStoreIT extends InventoryStoreContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
