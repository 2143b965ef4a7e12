package io.bigr.discovery.scan;

import io.bigr.discovery.testing.TestDb;

class PostgresInventoryTruthLabIT extends InventoryTruthLabContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }

    @Override
    protected int thirdOctet() {
        return 79;
    }

    @Override
    protected boolean scanSavesItself() {
        return false;
    }
}
