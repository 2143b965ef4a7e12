package io.bigr.discovery.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small helpers for hand-written row mappers. */
final class Jdbc {
    private Jdbc() {
    }

    /** A timestamp column as an Instant on both dialects (SQLite stores epoch millis, PostgreSQL timestamptz). */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
