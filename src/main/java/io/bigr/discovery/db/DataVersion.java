package io.bigr.discovery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * The data version as a server's reads see it (docs/DOMAIN.md §6.14), without a database round trip per request.
 * The stored number ({@link DataVersionDao}, bumped by triggers in every writing transaction) is read again when
 * this process itself has written since the last read (a write statement ran on a handle of this {@link Jdbi} and
 * the handle has closed, so its transaction is over: read-your-writes for this server's clients, its scheduler and
 * every other writer in the process), and otherwise at most every {@code maxAge}: a write by another process (a
 * second server on the same PostgreSQL, a CLI) is seen at the latest {@code maxAge} after it committed.
 */
public final class DataVersion implements LongSupplier {
    /** How long a version read from the database is trusted when this process has not written since. */
    public static final Duration MAX_AGE = Duration.ofMillis(250);

    private final LongSupplier stored;
    private final long maxAgeNanos;
    private final AtomicLong localWrites = new AtomicLong();
    private final Set<Connection> writing = Collections.synchronizedSet(Collections.newSetFromMap(
            new IdentityHashMap<>()));
    private volatile Seen seen;

    private record Seen(long version, long writes, long at) {
    }

    DataVersion(LongSupplier stored, Duration maxAge) {
        this.stored = Objects.requireNonNull(stored);
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * A data version for reads through {@code jdbi}, which it watches for this process's own writes: install before
     * the DAOs are built, so every handle they open carries the watch.
     */
    public static DataVersion watch(Jdbi jdbi, Duration maxAge) {
        DataVersion version = new DataVersion(jdbi.onDemand(DataVersionDao.class)::current, maxAge);
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void afterExecution(PreparedStatement statement, StatementContext context) {
                if (writes(context.getRawSql())) {
                    version.writing.add(context.getConnection());
                }
            }
        });
        jdbi.getConfig(Handles.class).addListener(new HandleListener() {
            @Override
            public void handleClosed(Handle handle) {
                if (version.writing.remove(handle.getConnection())) {
                    version.written();
                }
            }
        });
        return version;
    }

    /** Whether a statement may write: anything but a plain query (a write CTE or SELECT FOR UPDATE counts). */
    static boolean writes(String sql) {
        if (sql == null) {
            return true;
        }
        String s = sql.stripLeading();
        if (s.regionMatches(true, 0, "SELECT", 0, 6)) {
            return s.toUpperCase(Locale.ROOT).contains("FOR UPDATE");
        }
        if (s.regionMatches(true, 0, "WITH", 0, 4)) {
            String u = s.toUpperCase(Locale.ROOT);
            return u.contains("INSERT") || u.contains("UPDATE") || u.contains("DELETE");
        }
        return !s.regionMatches(true, 0, "VALUES", 0, 6) && !s.regionMatches(true, 0, "EXPLAIN", 0, 7);
    }

    /** Records that this process committed (or ended) a writing transaction: the next read asks the database. */
    public void written() {
        localWrites.incrementAndGet();
    }

    /**
     * The current data version: the stored one, read again when this process wrote since the last read or the last
     * read is {@code maxAge} old. Throws what the database throws (down, not migrated).
     */
    @Override
    public long getAsLong() {
        Seen s = seen;
        if (s != null && s.writes() == localWrites.get() && System.nanoTime() - s.at() < maxAgeNanos) {
            return s.version();
        }
        synchronized (this) {
            s = seen;
            long writes = localWrites.get();
            long now = System.nanoTime();
            if (s != null && s.writes() == writes && now - s.at() < maxAgeNanos) {
                return s.version();
            }
            // the write count and the time are taken before the query: a write during it forces another read
            long version = stored.getAsLong();
            seen = new Seen(version, writes, now);
            return version;
        }
    }
}
