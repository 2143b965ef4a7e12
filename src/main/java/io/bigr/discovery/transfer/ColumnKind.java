package io.bigr.discovery.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Dialect;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * How one column's value is read from either schema variant (docs/DOMAIN.md §1.2) and written to either database.
 *
 * <p>{@link #convert} is the single place where the earlier releases' local-store representations (ISO-8601 text
 * timestamps with {@code +00:00} or {@code Z}, INTEGER 0/1 booleans, JSON text) and this version's (epoch-millis
 * INTEGER timestamps on SQLite, {@code timestamptz} and {@code boolean} on PostgreSQL) meet one canonical Java value:
 * String, Long, Double, Boolean or Instant (truncated to milliseconds, the precision every BİGR store keeps). A
 * value that cannot be converted raises {@link Unconvertible} naming the problem, so the row is reported, never
 * guessed at.
 */
enum ColumnKind {
    TEXT, JSON, INTEGER, DOUBLE, BOOLEAN, TIMESTAMP;

    /** A value that has no faithful canonical form; the message names the value, never a secret column. */
    static final class Unconvertible extends Exception {
        private static final long serialVersionUID = 1L;

        Unconvertible(String message) {
            super(message, null, false, false);
        }
    }

    Object convert(Object raw) throws Unconvertible {
        if (raw == null) {
            return null;
        }
        return switch (this) {
            case TEXT -> raw instanceof String s ? s : String.valueOf(raw);
            case JSON -> json(raw);
            case INTEGER -> integer(raw);
            case DOUBLE -> decimal(raw);
            case BOOLEAN -> bool(raw);
            case TIMESTAMP -> timestamp(raw);
        };
    }

    /** Writes a canonical value; timestamps as epoch millis on SQLite and timestamptz on PostgreSQL. */
    void bind(PreparedStatement ps, int index, Object value, Dialect target) throws SQLException {
        if (value == null) {
            ps.setNull(index, switch (this) {
                case TEXT, JSON -> Types.VARCHAR;
                case INTEGER -> Types.BIGINT;
                case DOUBLE -> Types.DOUBLE;
                case BOOLEAN -> Types.BOOLEAN;
                case TIMESTAMP -> target == Dialect.SQLITE ? Types.BIGINT : Types.TIMESTAMP_WITH_TIMEZONE;
            });
            return;
        }
        switch (this) {
            case TEXT, JSON -> ps.setString(index, (String) value);
            case INTEGER -> ps.setLong(index, (Long) value);
            case DOUBLE -> ps.setDouble(index, (Double) value);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case TIMESTAMP -> {
                Instant t = (Instant) value;
                if (target == Dialect.SQLITE) {
                    ps.setLong(index, t.toEpochMilli());
                } else {
                    ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                }
            }
        }
    }

    /** Equality of two canonical values; JSON compares as documents, so {@code [22, 80]} equals {@code [22,80]}. */
    boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (this == JSON) {
            try {
                return Json.MAPPER.readTree((String) a).equals(Json.MAPPER.readTree((String) b));
            } catch (JsonProcessingException e) {
                return a.equals(b);
            }
        }
        return Objects.equals(a, b);
    }

    private static String json(Object raw) throws Unconvertible {
        String s = raw instanceof String str ? str : String.valueOf(raw);
        try {
            Json.MAPPER.readTree(s);
            return s;
        } catch (JsonProcessingException e) {
            throw new Unconvertible("not valid JSON: " + abbreviate(s));
        }
    }

    private static Long integer(Object raw) throws Unconvertible {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        try {
            BigDecimal d = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString().trim());
            return d.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Unconvertible("not an integer: " + abbreviate(raw.toString()));
        }
    }

    private static Double decimal(Object raw) throws Unconvertible {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new Unconvertible("not a number: " + abbreviate(raw.toString()));
        }
    }

    private static Boolean bool(Object raw) throws Unconvertible {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "1", "true", "t" -> true;
            case "0", "false", "f" -> false;
            default -> throw new Unconvertible("not a boolean (expected 0/1): " + abbreviate(raw.toString()));
        };
    }

    /**
     * Epoch millis (this version's SQLite files), timestamptz (PostgreSQL), or ISO-8601 text (earlier releases):
     * {@code +00:00}, {@code Z}, any offset, a space instead of {@code T}, or no offset at all (taken as UTC, which
     * is what SQLite's CURRENT_TIMESTAMP writes).
     */
    private static Instant timestamp(Object raw) throws Unconvertible {
        Instant t;
        if (raw instanceof OffsetDateTime o) {
            t = o.toInstant();
        } else if (raw instanceof Timestamp ts) {
            t = ts.toInstant();
        } else if (raw instanceof Long || raw instanceof Integer) {
            t = Instant.ofEpochMilli(((Number) raw).longValue());
        } else {
            String s = raw.toString().trim();
            if (s.matches("-?\\d{1,15}")) {
                t = Instant.ofEpochMilli(Long.parseLong(s));
            } else {
                if (s.length() > 10 && s.charAt(10) == ' ') {
                    s = s.substring(0, 10) + 'T' + s.substring(11);
                }
                try {
                    t = Timestamps.parse(s);
                } catch (IllegalArgumentException e) {
                    t = null;
                }
                if (t == null) {
                    throw new Unconvertible("not an ISO-8601 timestamp: " + abbreviate(raw.toString()));
                }
            }
        }
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return "'" + (one.length() > 40 ? one.substring(0, 40) + "…" : one) + "'";
    }
}
