package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteSnapshotReadsIT extends SnapshotReadsContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
