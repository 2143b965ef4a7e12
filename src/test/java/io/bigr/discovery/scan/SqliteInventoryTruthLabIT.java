package io.bigr.discovery.scan;

import io.bigr.discovery.testing.TestDb;

class SqliteInventoryTruthLabIT extends InventoryTruthLabContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.sqlite();
    }

    @Override
    protected int thirdOctet() {
        return 78;
    }

    @Override
    protected boolean scanSavesItself() {
        return true;
    }
}
