package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresAssetPortsIT extends AssetPortsContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
