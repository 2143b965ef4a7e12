package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** SQLite through the packaged default configuration, file chosen with BIGR_DB. */
class SqliteReportCommandsIT extends ReportCommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
