package io.bigr.discovery.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Small helpers for hand-written row mappers. */
final class Jdbc {
    private Jdbc() {
    }

    /**
     * The driver's own result set behind the pool's proxy (tomcat-jdbc wraps each one and reaches every getter by
     * reflection): a mapper of many columns over many rows takes it once per row, one proxied call instead of one
     * per column, which at 100,000 rows of 24 columns was a third of the mapping. Only for reading columns.
     */
    static ResultSet direct(ResultSet rs) throws SQLException {
        return rs.unwrap(ResultSet.class);
    }

    /** Reads one row by the column indexes {@link #specialized} looked up, in the order of its names. */
    @FunctionalInterface
    interface IndexedRow<T> {
        T read(ResultSet rs, int[] at) throws SQLException;
    }

    /**
     * A row mapper specialized to one result set ({@code RowMapper.specialize}): the columns {@code names} are looked
     * up once instead of by name in every row (at 100,000 rows the drivers' name lookups were a twentieth of a
     * whole-inventory read on PostgreSQL), and the driver's own result set ({@link #direct}) is taken once.
     */
    static <T> org.jdbi.v3.core.mapper.RowMapper<T> specialized(ResultSet proxied, String[] names, IndexedRow<T> row)
            throws SQLException {
        ResultSet direct = direct(proxied);
        int[] at = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            at[i] = direct.findColumn(names[i]);
        }
        return (rs, ctx) -> row.read(rs == proxied ? direct : direct(rs), at);
    }

    /**
     * A text column as a String. On SQLite it is read as its UTF-8 bytes and decoded here: the driver's
     * {@code getString} hands the text over in a direct buffer that its native code makes by calling back into Java,
     * per column and row (16 text columns of 100,000 assets: 0.30 s with it, 0.22 s this way); the same String,
     * replacement characters for malformed bytes included.
     */
    static String text(ResultSet rs, int column) throws SQLException {
        if (rs instanceof org.sqlite.jdbc3.JDBC3ResultSet) {
            byte[] utf8 = rs.getBytes(column);
            return utf8 == null ? null : new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        }
        return rs.getString(column);
    }

    /** A timestamp column as an Instant on both dialects (SQLite stores epoch millis, PostgreSQL timestamptz). */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        return io.bigr.discovery.db.mapping.StoredInstants.read(rs, rs.findColumn(column));
    }

    /**
     * A nullable integer column, read defensively (docs/DOMAIN.md §2.8): a number past an int's range is clamped,
     * text that is no number (SQLite keeps any type in any column) is null.
     */
    static Integer integer(ResultSet rs, String column) throws SQLException {
        return integer(rs, rs.findColumn(column));
    }

    /** {@link #integer(ResultSet, String)} by column index. */
    static Integer integer(ResultSet rs, int column) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw instanceof Number n) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.longValue()));
        }
        if (raw instanceof String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
