package io.bigr.discovery.mdns;

import io.bigr.discovery.testing.TestDb;

class PostgresMdnsCollectorIT extends MdnsCollectorContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
