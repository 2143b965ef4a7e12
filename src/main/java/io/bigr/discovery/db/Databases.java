package io.bigr.discovery.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.bigr.discovery.db.mapping.ValueTypesPlugin;
import io.dropwizard.jdbi3.JdbiFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The one way a {@link Jdbi} is built (server, commands and tests all come through here), and programmatic access to
 * the packaged Liquibase changelog.
 */
public final class Databases {
    /** The changelog, packaged at the classpath root (it lives at the repository root). */
    public static final String CHANGELOG = "migrations.xml";

    private Databases() {
    }

    /** For the server: pool managed by the lifecycle, Dropwizard's health check and SQL metrics. */
    public static Jdbi newJdbi(Environment environment, BigrDataSourceFactory factory, String name) {
        factory.ensureSqliteFolder();
        return configure(new JdbiFactory().build(environment, factory, name));
    }

    /** For commands and tests: an existing pool or data source. */
    public static Jdbi newJdbi(DataSource dataSource) {
        return configure(Jdbi.create(dataSource));
    }

    /** For commands: a small pool the caller stops. */
    public static ManagedDataSource newDataSource(BigrDataSourceFactory factory, String name) {
        return factory.build(new com.codahale.metrics.MetricRegistry(), name);
    }

    private static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new ValueTypesPlugin());
        jdbi.installPlugin(new SqlFunctions());
        return jdbi;
    }

    /** A single unpooled connection, so Liquibase never leaves its state on a pooled one (docs/STACK-NOTES.md Q4.6). */
    public static Connection connect(BigrDataSourceFactory factory) throws SQLException {
        factory.ensureSqliteFolder();
        Properties props = new Properties();
        if (factory.getUser() != null) {
            props.setProperty("user", factory.getUser());
        }
        if (factory.getPassword() != null) {
            props.setProperty("password", factory.getPassword());
        }
        props.putAll(factory.getProperties());
        return DriverManager.getConnection(factory.getUrl(), props);
    }

    /**
     * Applies the pending changeSets unless the database already recorded every one of them: a plain query instead of
     * Liquibase's start-up (parsing and schema-validating the changelog costs about a second), so a server or command
     * on an up-to-date database starts at once. Returns whether Liquibase ran.
     */
    public static boolean migrateIfBehind(BigrDataSourceFactory factory) throws SQLException, LiquibaseException {
        if (recordedEveryChangeSet(factory)) {
            return false;
        }
        migrate(factory);
        return true;
    }

    /** Applies every pending changeSet. */
    public static void migrate(BigrDataSourceFactory factory) throws SQLException, LiquibaseException {
        // The update summary goes to the log, not stdout: commands such as `risk --format json` print JSON only.
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        System.setProperty("liquibase.command.showSummary", "SUMMARY");
        try (Connection c = connect(factory)) {
            withLiquibase(c, lb -> {
                lb.update(new Contexts(), new LabelExpression());
                return null;
            });
        }
    }

    /**
     * True when the database's DATABASECHANGELOG holds every changeSet id of the packaged changelog: a plain query,
     * no Liquibase start-up. False (so the caller runs Liquibase) when the table is missing, anything cannot be
     * read, or any id is absent (including changeSets qualified for the other database).
     */
    public static boolean recordedEveryChangeSet(BigrDataSourceFactory factory) {
        java.util.Set<String> wanted = changeSetIds();
        if (wanted == null) {
            return false;
        }
        wanted = new java.util.HashSet<>(wanted);
        try (Connection c = connect(factory); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT id FROM databasechangelog")) {
            while (rs.next()) {
                wanted.remove(rs.getString(1));
            }
            return wanted.isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    /** The packaged changelog's changeSet ids, read once per process; null when any cannot be read. */
    private static java.util.Set<String> changeSetIds() {
        return ChangeSetIds.IDS;
    }

    private static final class ChangeSetIds {
        static final java.util.Set<String> IDS = read();

        private static java.util.Set<String> read() {
            java.util.Set<String> ids = new java.util.HashSet<>();
            try (java.io.InputStream in = Databases.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
                if (in == null) {
                    return null;
                }
                // Every <changeSet ...> tag, whatever the attribute order; one without a readable id means "ask
                // Liquibase".
                java.util.regex.Matcher tag = java.util.regex.Pattern.compile("<changeSet\\b[^>]*>")
                        .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                java.util.regex.Pattern idAttr = java.util.regex.Pattern.compile("\\sid\\s*=\\s*\"([^\"]+)\"");
                while (tag.find()) {
                    java.util.regex.Matcher id = idAttr.matcher(tag.group());
                    if (!id.find()) {
                        return null;
                    }
                    ids.add(id.group(1));
                }
            } catch (java.io.IOException e) {
                return null;
            }
            return ids.isEmpty() ? null : java.util.Set.copyOf(ids);
        }
    }

    /**
     * Number of changeSets not yet applied, on a connection of its own (Liquibase leaves connection state behind).
     * A database that recorded every changeSet id has none, and is answered without starting Liquibase (the first
     * {@code /api/health} of a fresh server would otherwise parse and schema-validate the changelog).
     */
    public static int pendingMigrations(BigrDataSourceFactory factory) throws SQLException, LiquibaseException {
        if (recordedEveryChangeSet(factory)) {
            return 0;
        }
        try (Connection c = connect(factory)) {
            return pendingMigrations(c);
        }
    }

    /** Number of changeSets not yet applied. */
    public static int pendingMigrations(Connection connection) throws LiquibaseException {
        return withLiquibase(connection, lb -> lb.listUnrunChangeSets(new Contexts(), new LabelExpression()).size());
    }

    private interface LiquibaseWork<T> {
        T run(Liquibase liquibase) throws LiquibaseException;
    }

    /** Runs Liquibase with its console output sent to the log, so command output (JSON) stays clean. */
    @SuppressWarnings("deprecation")
    private static <T> T withLiquibase(Connection c, LiquibaseWork<T> work) throws LiquibaseException {
        try {
            return Scope.child(java.util.Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
                Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), db);
                return work.run(liquibase);
            });
        } catch (LiquibaseException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseException(e);
        }
    }
}
