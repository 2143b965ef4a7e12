package io.bigr.discovery.snmp;

import io.bigr.discovery.testing.TestDb;

class SqliteSwitchPollerIT extends SwitchPollerContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
