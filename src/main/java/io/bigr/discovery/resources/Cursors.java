package io.bigr.discovery.resources;

import io.bigr.discovery.db.StreamingReads;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Function;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * Runs a DAO query as a forward-only cursor for a streamed response, so memory stays constant whatever the row count
 * ({@link StreamingReads} says how each database is made to stream).
 */
final class Cursors {
    /** Consumes rows; may throw the I/O errors of the response it writes. */
    interface RowsConsumer<T> {
        void accept(Iterator<T> rows) throws IOException;
    }

    private Cursors() {
    }

    /**
     * Runs {@code query} and hands its rows to {@code body}, read ahead on a reader thread
     * ({@link io.bigr.discovery.db.ReadAhead}: the database and the row mapping overlap the body's writing), or on this
     * thread when no reader is free.
     */
    static <D, T> void each(StreamingReads reads, Class<D> daoType, Function<D, ResultIterator<T>> query,
                            RowsConsumer<T> body) throws IOException {
        io.bigr.discovery.db.ReadAhead<T> ahead = io.bigr.discovery.db.ReadAhead.start(reads, daoType,
                (D dao, java.util.function.Consumer<T> sink) -> {
                    try (ResultIterator<T> rows = query.apply(dao)) {
                        rows.forEachRemaining(sink);
                    }
                });
        if (ahead == null) {
            reads.read(daoType, dao -> {
                try (ResultIterator<T> rows = query.apply(dao)) {
                    body.accept(rows);
                }
            });
            return;
        }
        try (ahead) {
            body.accept(ahead);
        }
    }
}
