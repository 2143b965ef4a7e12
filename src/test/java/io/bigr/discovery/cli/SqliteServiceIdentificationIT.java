package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

class SqliteServiceIdentificationIT extends ServiceIdentificationContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
