package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteSaveWritesIT extends SaveWritesContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
