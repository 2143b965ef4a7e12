package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresCanonicalIdentitiesIT extends CanonicalIdentitiesContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
