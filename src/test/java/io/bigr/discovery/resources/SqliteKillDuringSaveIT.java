package io.bigr.discovery.resources;

import io.bigr.discovery.testing.TestDb;

class SqliteKillDuringSaveIT extends KillDuringSaveContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
