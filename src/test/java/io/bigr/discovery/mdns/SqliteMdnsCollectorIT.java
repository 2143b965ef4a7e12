package io.bigr.discovery.mdns;

import io.bigr.discovery.testing.TestDb;

class SqliteMdnsCollectorIT extends MdnsCollectorContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
