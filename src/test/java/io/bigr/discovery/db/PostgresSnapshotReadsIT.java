package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresSnapshotReadsIT extends SnapshotReadsContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
