package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class PostgresIdentityColumnsScanIT extends IdentityColumnsScanContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
