package io.bigr.discovery.api;

import io.bigr.discovery.testing.TestDb;

class SqliteLargeBodyIT extends LargeBodyContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
