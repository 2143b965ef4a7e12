package io.bigr.discovery.api;

import io.bigr.discovery.testing.TestDb;

class PostgresLargeBodyIT extends LargeBodyContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
