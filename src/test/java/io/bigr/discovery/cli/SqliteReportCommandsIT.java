package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;
import java.util.List;
import java.util.Map;

/** SQLite through the packaged default configuration, file chosen with BIGR_DB. */
class SqliteReportCommandsIT extends ReportCommandsContract {
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
