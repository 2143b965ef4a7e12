package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteReferencesIT extends ReferencesContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
