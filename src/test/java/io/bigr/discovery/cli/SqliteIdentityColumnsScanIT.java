package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class SqliteIdentityColumnsScanIT extends IdentityColumnsScanContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
