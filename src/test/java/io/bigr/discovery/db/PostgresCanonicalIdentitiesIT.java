package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresCanonicalIdentitiesIT extends CanonicalIdentitiesContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
