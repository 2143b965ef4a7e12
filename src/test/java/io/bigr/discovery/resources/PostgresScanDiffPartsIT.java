package io.bigr.discovery.resources;

import io.bigr.discovery.testing.TestDb;

class PostgresScanDiffPartsIT extends ScanDiffPartsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
