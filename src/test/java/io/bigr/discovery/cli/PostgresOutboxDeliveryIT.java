package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class PostgresOutboxDeliveryIT extends OutboxDeliveryContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
