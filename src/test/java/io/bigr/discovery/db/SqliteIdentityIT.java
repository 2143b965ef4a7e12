package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteIdentityIT extends IdentityContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
