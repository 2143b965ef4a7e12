package io.bigr.discovery.resources;

import io.bigr.discovery.testing.TestDb;

class PostgresKillDuringSaveIT extends KillDuringSaveContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
