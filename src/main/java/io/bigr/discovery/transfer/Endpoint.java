package io.bigr.discovery.transfer;

import io.bigr.discovery.db.BigrDataSourceFactory;
import io.bigr.discovery.db.DatabaseUrls;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * One side of a transfer: a database given by any URL form {@link DatabaseUrls} accepts, with the same connection
 * settings the service uses (through {@link BigrDataSourceFactory}).
 *
 * <p>A SQLite source is opened read-only and must already exist: the transfer never creates, migrates or switches the
 * journal mode of the file it copies from (an earlier release's file stays exactly as it was).
 */
public final class Endpoint {
    private final BigrDataSourceFactory factory;

    private Endpoint(BigrDataSourceFactory factory) {
        this.factory = factory;
    }

    /** Parses the URL; an {@link IllegalArgumentException} names the problem and never the password. */
    public static Endpoint of(String url) {
        BigrDataSourceFactory f = new BigrDataSourceFactory();
        f.setUrl(url);
        if (f.getDialect() == Dialect.POSTGRESQL) {
            // A suspended Neon compute takes seconds to wake; the driver default (10 s) is too tight for a cold start.
            f.getProperties().putIfAbsent("connectTimeout", "30");
            f.getProperties().putIfAbsent("ApplicationName", "bigr-transfer");
        }
        return new Endpoint(f);
    }

    public Dialect dialect() {
        return factory.getDialect();
    }

    /** The factory the target is migrated with. */
    BigrDataSourceFactory factory() {
        return factory;
    }

    /** The JDBC URL and user, for printing: never the password, not even one given as a URL parameter. */
    public String display() {
        String url = factory.getUrl().replaceAll("(?i)([?&]password=)[^&]*", "$1***");
        return url + (factory.getUser() == null ? "" : " (user " + factory.getUser() + ")");
    }

    /** The SQLite file behind this endpoint, or null for PostgreSQL. */
    public Path sqliteFile() {
        String file = DatabaseUrls.sqliteFile(factory.getUrl());
        return file == null ? null : Path.of(file);
    }

    Connection openSource() throws SQLException {
        if (dialect() == Dialect.SQLITE) {
            Path file = sqliteFile();
            if (file == null || !Files.isRegularFile(file)) {
                throw new TransferException("source database not found: " + file);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(10_000);
            return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        }
        return Databases.connect(factory);
    }

    Connection openTarget() throws SQLException {
        return Databases.connect(factory);
    }
}
