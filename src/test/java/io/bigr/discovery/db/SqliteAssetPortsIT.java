package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteAssetPortsIT extends AssetPortsContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
