package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class SqliteOutboxDeliveryIT extends OutboxDeliveryContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
