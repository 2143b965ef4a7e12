package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class PostgresServiceIdentificationIT extends ServiceIdentificationContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
