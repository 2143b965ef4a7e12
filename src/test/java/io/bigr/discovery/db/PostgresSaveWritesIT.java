package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresSaveWritesIT extends SaveWritesContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
