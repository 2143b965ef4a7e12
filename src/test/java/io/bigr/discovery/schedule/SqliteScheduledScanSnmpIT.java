package io.bigr.discovery.schedule;

import io.bigr.discovery.testing.TestDb;

class SqliteScheduledScanSnmpIT extends ScheduledScanSnmpContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
