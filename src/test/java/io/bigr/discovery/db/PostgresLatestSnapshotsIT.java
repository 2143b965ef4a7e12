package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class PostgresLatestSnapshotsIT extends LatestSnapshotsContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
