package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class PostgresInventoryPathIT extends InventoryPathContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
