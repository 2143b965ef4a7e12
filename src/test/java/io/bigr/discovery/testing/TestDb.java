package io.bigr.discovery.testing;

import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.db.BigrDataSourceFactory;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.vuln.CveStore;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one test class: a temporary SQLite file, or a new PostgreSQL database created on the
 * local server and dropped afterwards (so parallel runs never share state). Build with {@link #create(Dialect)}.
 *
 * <p>PostgreSQL comes from {@code BIGR_TEST_PG} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}). When it is unreachable the test is aborted (skipped) on a developer machine, and FAILS when
 * {@code CI=true}: CI never silently skips the PostgreSQL half.
 */
public final class TestDb implements AutoCloseable {
    public static final String PG_ADMIN_URL = System.getenv().getOrDefault("BIGR_TEST_PG",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("BIGR_TEST_PG_USER", "postgres");

    private final Dialect dialect;
    private final String url;
    private final Path sqliteDir;
    private final String pgDatabase;
    private ManagedDataSource dataSource;
    private Jdbi jdbi;
    private Daos daos;
    private final List<ManagedDataSource> extraPools = new ArrayList<>();

    private TestDb(Dialect dialect, String url, Path sqliteDir, String pgDatabase) {
        this.dialect = dialect;
        this.url = url;
        this.sqliteDir = sqliteDir;
        this.pgDatabase = pgDatabase;
    }

    public static TestDb create(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqlite() : postgres();
    }

    public static TestDb sqlite() {
        try {
            Path dir = Files.createTempDirectory("bigr-test-");
            return new TestDb(Dialect.SQLITE, "jdbc:sqlite:" + dir.resolve("bigr.db"), dir, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestDb postgres() {
        String name = "bigr_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, null);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            requirePostgres(e);
        }
        String base = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1);
        return new TestDb(Dialect.POSTGRESQL, base + name, null, name);
    }

    /** Skips outside CI, fails under CI=true. */
    public static void requirePostgres(Exception cause) {
        String message = "PostgreSQL at " + PG_ADMIN_URL + " is unreachable: " + cause.getMessage();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: PostgreSQL tests must run)", cause);
        }
        Assumptions.abort(message);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** JDBC URL of this database (no credentials in it). */
    public String url() {
        return url;
    }

    /** A configuration for this database, as a config file would give it. */
    public BigrDataSourceFactory factory() {
        BigrDataSourceFactory f = new BigrDataSourceFactory();
        f.setUrl(url);
        if (dialect == Dialect.POSTGRESQL) {
            f.setUser(PG_USER);
        }
        return f;
    }

    /** Applies the real changelog. */
    public TestDb migrate() {
        try {
            Databases.migrate(factory());
        } catch (Exception e) {
            throw new IllegalStateException("migration failed", e);
        }
        return this;
    }

    public synchronized Jdbi jdbi() {
        if (jdbi == null) {
            dataSource = Databases.newDataSource(factory(), "test");
            jdbi = Databases.newJdbi(dataSource);
        }
        return jdbi;
    }

    /** The DAOs and data services over {@link #jdbi}, built as the server and the commands build them. */
    public synchronized Daos daos() {
        if (daos == null) {
            daos = Daos.create(jdbi(), dialect);
        }
        return daos;
    }

    /** The analysis reports over {@link #daos}, wired as the server wires them. */
    public Reports reports() {
        Daos d = daos();
        return new Reports(d.assets(), d.subnets(), d.reads(), new CveStore(d.cves()));
    }

    /** A second, independent pool on the same database (another "process"), stopped with this database. */
    public synchronized Jdbi independentJdbi() {
        ManagedDataSource ds = Databases.newDataSource(factory(), "test-" + (extraPools.size() + 2));
        extraPools.add(ds);
        return Databases.newJdbi(ds);
    }

    /** The DAOs and data services over an {@link #independentJdbi}. */
    public Daos independentDaos() {
        return Daos.create(independentJdbi(), dialect);
    }

    /** Runs raw SQL (fixtures, triggers). */
    public void execute(String sql) {
        jdbi().useHandle(h -> h.execute(sql));
    }

    @Override
    public void close() throws Exception {
        if (dataSource != null) {
            dataSource.stop();
        }
        for (ManagedDataSource pool : extraPools) {
            pool.stop();
        }
        if (pgDatabase != null) {
            try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, null);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
            }
        }
        if (sqliteDir != null) {
            try (Stream<Path> files = Files.walk(sqliteDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
