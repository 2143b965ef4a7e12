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
}
