package io.bigr.discovery.schedule;

import io.bigr.discovery.testing.TestDb;

class PostgresScheduledScanSnmpIT extends ScheduledScanSnmpContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }
}
