package io.bigr.discovery.db;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Dropwizard's pool configuration, taught the URL forms of {@link DatabaseUrls} and this project's defaults:
 * no SQL auto-comments (they break sqlite-jdbc's generated keys, docs/STACK-NOTES.md Q4.1), connection state reset on
 * return (docs/STACK-NOTES.md Q4.6), validation on borrow, a small pool, and the SQLite file's folder created on
 * demand.
 */
public class BigrDataSourceFactory extends DataSourceFactory {
    private Dialect dialect;
    private Boolean migrateOnStart;

    public BigrDataSourceFactory() {
        setAutoCommentsEnabled(false);
        setAutoCommitByDefault(true);
        setJdbcInterceptors(Optional.of("ConnectionState"));
        setInitialSize(1);
        setMinSize(1);
        setMaxSize(8);
        setCheckConnectionOnBorrow(true);
        setValidationQuery("SELECT 1");
    }

    /** Normalises the URL as it is bound from YAML or an override, so every entry point sees a JDBC URL. */
    @Override
    @JsonProperty
    public void setUrl(String url) {
        DatabaseUrls.Jdbc jdbc = DatabaseUrls.normalize(url);
        super.setUrl(jdbc.url());
        this.dialect = jdbc.dialect();
        if (jdbc.user() != null) {
            setUser(jdbc.user());
        }
        if (jdbc.password() != null) {
            setPassword(jdbc.password());
        }
        if (getDriverClass() == null || getDriverClass().isBlank()) {
            setDriverClass(jdbc.dialect() == Dialect.POSTGRESQL ? "org.postgresql.Driver" : "org.sqlite.JDBC");
        }
    }

    @JsonIgnore
    public Dialect getDialect() {
        return dialect == null ? Dialect.of(getUrl()) : dialect;
    }

    /**
     * Whether {@code bigr server} applies pending migrations at start. Unset means: yes on SQLite (a laptop user
     * never runs a separate step), no on PostgreSQL (production migrates as its own release step).
     */
    @JsonProperty
    public Boolean getMigrateOnStart() {
        return migrateOnStart;
    }

    @JsonProperty
    public void setMigrateOnStart(Boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    @JsonIgnore
    public boolean shouldMigrateOnStart() {
        return migrateOnStart != null ? migrateOnStart : getDialect() == Dialect.SQLITE;
    }

    @Override
    public ManagedDataSource build(MetricRegistry metricRegistry, String name) {
        ensureSqliteFolder();
        return super.build(metricRegistry, name);
    }

    /** Creates the folder that holds the SQLite file (a fresh laptop has no ~/.bigr). */
    public void ensureSqliteFolder() {
        String file = DatabaseUrls.sqliteFile(getUrl());
        if (file == null) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the database folder " + parent, e);
            }
        }
    }
}
