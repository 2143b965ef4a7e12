package io.bigr.discovery.resources;

import io.bigr.discovery.testing.TestDb;

class SqliteScanDiffPartsIT extends ScanDiffPartsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
