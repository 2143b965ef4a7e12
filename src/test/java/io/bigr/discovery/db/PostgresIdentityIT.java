package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresIdentityIT extends IdentityContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
