package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.InventoryStore;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * Runs a query as a forward-only cursor for a streamed response, so memory stays constant whatever the row count.
 * PostgreSQL honours the fetch size only inside a transaction (read-only here, rolled back); SQLite steps its
 * result set lazily anyway, and a transaction there would take the write lock ({@code transaction_mode=IMMEDIATE}).
 */
final class Cursors {
    /** Consumes rows; may throw the I/O errors of the response it writes. */
    interface RowsConsumer<T> {
        void accept(Iterator<T> rows) throws IOException;
    }

    private Cursors() {
    }

    static <T> void each(InventoryStore store, Function<Handle, ResultIterator<T>> query, RowsConsumer<T> body)
            throws IOException {
        try (Handle h = store.jdbi().open()) {
            if (store.dialect() == Dialect.POSTGRESQL) {
                h.begin();
            }
            try (ResultIterator<T> rows = query.apply(h)) {
                body.accept(rows);
            } finally {
                if (h.isInTransaction()) {
                    h.rollback();
                }
            }
        }
    }
}
