package io.bigr.discovery.api;

import io.bigr.discovery.testing.TestDb;

class SqliteReadCacheIT extends ReadCacheContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
