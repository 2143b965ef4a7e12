package io.bigr.discovery.api;

import io.bigr.discovery.testing.TestDb;

class PostgresReadCacheIT extends ReadCacheContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
