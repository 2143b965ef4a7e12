package io.bigr.discovery.cli;

import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.util.List;
import java.util.Map;

/** PostgreSQL through config.yml and a libpq-style DATABASE_URL. */
class PostgresReportCommandsIT extends ReportCommandsContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }

    @Override
    Map<String, String> env(TestDb db) {
        String name = db.url().substring(db.url().lastIndexOf('/') + 1);
        return Map.of("DATABASE_URL", "postgresql://" + TestDb.PG_USER + "@127.0.0.1:5432/" + name + "?sslmode=disable");
    }

    @Override
    List<String> config() {
        return List.of(Cli.repoFile("config.yml"));
    }
}
