package io.bigr.discovery.db;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent to PostgreSQL with {@code COPY table (columns) FROM STDIN} in the text format, through pgjdbc's
 * CopyManager on the handle's connection (so inside the handle's transaction), 64 KiB at a time: a save's rows cost
 * one statement per table instead of one per row. COPY fires the tables' statement triggers like an INSERT does (the
 * data version, docs/DOMAIN.md §6.14) and fills defaulted columns (an {@code asset_changes} id from its sequence, in
 * row order).
 *
 * <p>Values are written as the JDBC path binds them: text escaped (backslash, newline, carriage return, tab; a NUL,
 * which no PostgreSQL text can hold, is refused), null as {@code \N}, doubles in Java's shortest round-trip form,
 * instants in UTC to the microsecond, rounded half up as pgjdbc rounds a bound timestamp.
 */
final class PgCopy implements AutoCloseable {
    private static final int BUFFER = 1 << 16;
    private static final byte[] NULL = {'\\', 'N'};

    private final String table;
    private final CopyIn copy;
    private final byte[] buf = new byte[BUFFER];
    private int len;
    private boolean rowStarted;
    private long rows;

    private PgCopy(String table, CopyIn copy) {
        this.table = table;
        this.copy = copy;
    }

    /** Starts {@code COPY table (columns) FROM STDIN} on the handle's connection. */
    static PgCopy into(Handle h, String table, String columns) {
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            return new PgCopy(table, pg.getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
        } catch (SQLException e) {
            throw failed(table, e);
        }
    }

    PgCopy text(String s) {
        separate();
        if (s == null) {
            put(NULL);
            return this;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                escaped(s.getBytes(StandardCharsets.UTF_8)); // multi-byte UTF-8 never holds an ASCII byte
                return this;
            }
        }
        for (int i = 0; i < s.length(); i++) {
            escape((byte) s.charAt(i));
        }
        return this;
    }

    PgCopy number(double d) {
        separate();
        ascii(Double.toString(d));
        return this;
    }

    PgCopy integer(Integer n) {
        separate();
        if (n == null) {
            put(NULL);
        } else {
            ascii(Integer.toString(n));
        }
        return this;
    }

    PgCopy time(Instant t) {
        separate();
        if (t == null) {
            put(NULL);
        } else {
            ascii(timestamp(t));
        }
        return this;
    }

    /** Ends the current row. */
    void endRow() {
        put((byte) '\n');
        rowStarted = false;
        rows++;
    }

    /** Sends what is buffered and completes the COPY; returns the rows the server stored. */
    long finish() {
        try {
            flush();
            long stored = copy.endCopy();
            if (stored != rows) {
                throw new IllegalStateException("COPY stored " + stored + " of " + rows + " rows");
            }
            return stored;
        } catch (SQLException e) {
            throw failed(table, e);
        }
    }

    /** Abandons a COPY that did not finish (the transaction is rolled back by its owner). */
    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the connection reports the failure to the transaction that owns it
            }
        }
    }

    /**
     * An instant as PostgreSQL reads a {@code timestamptz}: UTC, microseconds rounded half up, ISO date order
     * whatever the session's DateStyle.
     */
    static String timestamp(Instant t) {
        long seconds = t.getEpochSecond();
        int micros = (t.getNano() + 500) / 1000;
        if (micros == 1_000_000) {
            seconds++;
            micros = 0;
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(32);
        int year = d.getYear();
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("time out of range: " + t);
        }
        pad(sb, year, 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append(' ');
        pad(sb, d.getHour(), 2).append(':');
        pad(sb, d.getMinute(), 2).append(':');
        pad(sb, d.getSecond(), 2).append('.');
        pad(sb, micros, 6).append("+00");
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    private void escaped(byte[] bytes) {
        for (byte b : bytes) {
            escape(b);
        }
    }

    private void escape(byte b) {
        switch (b) {
            case '\\' -> {
                put((byte) '\\');
                put((byte) '\\');
            }
            case '\n' -> {
                put((byte) '\\');
                put((byte) 'n');
            }
            case '\r' -> {
                put((byte) '\\');
                put((byte) 'r');
            }
            case '\t' -> {
                put((byte) '\\');
                put((byte) 't');
            }
            case 0 -> throw new IllegalArgumentException("text with a NUL character cannot be stored");
            default -> put(b);
        }
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    private void put(byte[] bytes) {
        for (byte b : bytes) {
            put(b);
        }
    }

    private void put(byte b) {
        if (len == buf.length) {
            flush();
        }
        buf[len++] = b;
    }

    private void flush() {
        if (len == 0) {
            return;
        }
        try {
            copy.writeToCopy(buf, 0, len);
            len = 0;
        } catch (SQLException e) {
            throw failed(table, e);
        }
    }

    private static RuntimeException failed(String what, SQLException e) {
        return new org.jdbi.v3.core.statement.UnableToExecuteStatementException("COPY into " + what + " failed", e,
                null);
    }
}
