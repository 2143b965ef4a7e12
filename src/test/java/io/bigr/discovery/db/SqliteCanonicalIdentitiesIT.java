package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteCanonicalIdentitiesIT extends CanonicalIdentitiesContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
