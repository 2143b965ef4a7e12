package io.bigr.discovery.api;

import io.bigr.discovery.testing.TestDb;

class PostgresReadWarmIT extends ReadWarmContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
