package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteIdentityIT extends IdentityContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
