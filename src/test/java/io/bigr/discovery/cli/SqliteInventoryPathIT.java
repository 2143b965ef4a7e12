package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class SqliteInventoryPathIT extends InventoryPathContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
