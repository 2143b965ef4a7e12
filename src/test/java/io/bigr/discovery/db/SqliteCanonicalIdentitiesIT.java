package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteCanonicalIdentitiesIT extends CanonicalIdentitiesContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
