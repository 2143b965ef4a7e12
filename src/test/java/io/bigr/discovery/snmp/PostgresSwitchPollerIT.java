package io.bigr.discovery.snmp;

import io.bigr.discovery.testing.TestDb;

class PostgresSwitchPollerIT extends SwitchPollerContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
