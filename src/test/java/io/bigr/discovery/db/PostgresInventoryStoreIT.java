package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresInventoryStoreIT extends InventoryStoreContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
