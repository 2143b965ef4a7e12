package io.bigr.discovery.api;

import io.bigr.discovery.testing.TestDb;

class SqliteReadWarmIT extends ReadWarmContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
