package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;
import java.util.List;
import java.util.Map;

class SqliteCollectorCommandsIT extends CollectorCommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }

    @Override
    Map<String, String> env(TestDb db) {
        return Map.of("BIGR_DB", db.url());
    }

    @Override
    List<String> config() {
        return List.of();
    }
}
