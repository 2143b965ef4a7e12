package io.bigr.discovery.db;

/** The two databases BİGR Discovery runs on. Decided once from the JDBC URL. */
public enum Dialect {
    SQLITE("sqlite"), POSTGRESQL("postgresql");

    private final String value;

    Dialect(String value) {
        this.value = value;
    }

    /** Name as the health endpoint reports it. */
    public String value() {
        return value;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalArgumentException("unsupported database URL (expected PostgreSQL or SQLite)");
    }
}
