package io.bigr.discovery.cli;

import io.bigr.discovery.testing.TestDb;

/** PostgreSQL through config.yml and a libpq-style DATABASE_URL. */
class PostgresReportCommandsIT extends ReportCommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
