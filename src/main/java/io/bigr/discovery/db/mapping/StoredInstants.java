package io.bigr.discovery.db.mapping;

import io.bigr.discovery.core.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a time column whatever an earlier release or another writer left in it (docs/DOMAIN.md §2.8, no poison
 * rows): on SQLite epoch milliseconds as an integer or a real, or text (ISO-8601, or digits); on PostgreSQL any
 * {@code timestamptz}, infinity included. Text nothing can read is the epoch, the value changeSet 13-2 repairs it to,
 * so one bad cell never fails a read. NULL stays null.
 */
public final class StoredInstants implements ColumnMapper<Instant> {
    @Override
    public Instant map(ResultSet rs, int column, StatementContext ctx) throws SQLException {
        return read(rs, column);
    }

    /** The column's instant, as {@link #map} reads it, for hand-written row mappers. */
    public static Instant read(ResultSet rs, int column) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (raw instanceof Timestamp t) {
            return t.toInstant();
        }
        if (raw instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (raw instanceof String s) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                Instant parsed = Timestamps.parseOrNull(s);
                return parsed == null ? Instant.EPOCH : parsed;
            }
        }
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
