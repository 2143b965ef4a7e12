package io.bigr.discovery.db;

import io.bigr.discovery.testing.TestDb;

class SqliteLatestSnapshotsIT extends LatestSnapshotsContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
