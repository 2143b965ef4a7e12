package io.bigr.discovery.db;

import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads that stream a large result through a DAO on one handle, so memory stays constant whatever the row count.
 * PostgreSQL honours the fetch size only inside a transaction (otherwise pgjdbc buffers the whole result), so there
 * the work runs in a transaction that is rolled back (it only reads); SQLite steps its result set lazily anyway, and
 * a transaction there would be BEGIN IMMEDIATE ({@code transaction_mode=IMMEDIATE}), holding the write lock against
 * scans being saved, so there the work runs without one.
 */
public final class StreamingReads {
    /** Work on an attached DAO; may throw the checked exception of what it writes to (a response stream). */
    public interface Work<D, X extends Exception> {
        void accept(D dao) throws X;
    }

    /** {@link Work} that is also handed the data version its snapshot holds ({@link #readSnapshot}). */
    public interface SnapshotWork<D, X extends Exception> {
        void accept(D dao, long dataVersion) throws X;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamingReads.class);

    private final Jdbi jdbi;
    private final Dialect dialect;

    public StreamingReads(Jdbi jdbi, Dialect dialect) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.dialect = Objects.requireNonNull(dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} with a {@code daoType} attached to one handle, in a read-only transaction on PostgreSQL. */
    public <D, X extends Exception> void read(Class<D> daoType, Work<D, X> work) throws X {
        try (Handle h = jdbi.open()) {
            if (dialect == Dialect.POSTGRESQL) {
                h.begin();
                // A whole-inventory read costs enough for PostgreSQL to compile it (JIT): 0.2-0.4 s per request
                // that a read of this shape never earns back (docs/STACK-NOTES.md Q4.8). Only this transaction's.
                h.execute("SET LOCAL jit = off");
            }
            try {
                work.accept(h.attach(daoType));
            } finally {
                if (h.isInTransaction()) {
                    h.rollback();
                }
            }
        }
    }

    /**
     * {@link #read} in one snapshot of the database, handing {@code work} the data version that snapshot holds
     * (docs/DOMAIN.md §6.14: every write increases it in its own transaction), so two reads handed the same version
     * read the same data. SQLite: a deferred transaction ({@code BEGIN DEFERRED}: a read snapshot from its first read
     * on, and no write lock, unlike the pool's IMMEDIATE ones), rolled back at the end; PostgreSQL: a repeatable-read,
     * read-only transaction.
     */
    public <D, X extends Exception> void readSnapshot(Class<D> daoType, SnapshotWork<D, X> work) throws X {
        try (Handle h = jdbi.open()) {
            if (dialect == Dialect.POSTGRESQL) {
                h.begin();
                h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                h.execute("SET LOCAL jit = off");
            } else {
                h.execute("BEGIN DEFERRED");
            }
            try {
                long version = h.attach(DataVersionDao.class).current();
                work.accept(h.attach(daoType), version);
            } finally {
                end(h);
            }
        }
    }

    /** Ends {@link #readSnapshot}'s transaction; a failure to is logged, never hides the read's own failure. */
    private void end(Handle h) {
        try {
            if (dialect == Dialect.POSTGRESQL) {
                if (h.isInTransaction()) {
                    h.rollback();
                }
            } else {
                h.execute("ROLLBACK");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not end a read transaction: {}", e.getClass().getSimpleName());
        }
    }
}
