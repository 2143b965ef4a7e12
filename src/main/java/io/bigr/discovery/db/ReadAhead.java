package io.bigr.discovery.db;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A streamed read whose rows are read and mapped on a reader thread while the caller's thread uses the ones read so
 * far (docs/DOMAIN.md §6.14, "Read ahead"): the database and the driver's mapping on one core, the report's work and
 * its JSON on the other, instead of taking turns on one thread. Rows come in order, in batches through a short queue
 * ({@link #BATCH} rows x {@link #BATCHES}), so memory stays bounded whatever the row count. The reader stops at its
 * next row when the caller closes the iterator (a client gone, a failed write); a failure of the read is thrown on
 * the caller's thread as it was thrown. When every reader thread is busy the read runs on the caller's thread, as it
 * would without read-ahead.
 */
public final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
    static final int BATCH = 256;
    static final int BATCHES = 8;
    /** Reader threads at most: more concurrent whole-inventory reads run on their own threads. */
    static final int READERS = 4;
    /** How long a blocked hand-over waits before it looks again whether the other side gave up. */
    private static final long POLL_MS = 200;

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, READERS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "bigr-read-ahead-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    /** Reader threads reading now (tests). */
    static int busyReaders() {
        return POOL.getActiveCount();
    }

    /** The end of the rows: {@code failure} null when the read completed. */
    private record End(Throwable failure) {
    }

    /** Thrown inside the reader to stop the read when the caller closed the iterator. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("read-ahead stopped", null, false, false);
        }
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    private volatile boolean closed;
    private List<T> current = List.of();
    private int at;
    private boolean ended;

    private ReadAhead() {
    }

    /**
     * Runs {@code query} (which hands each row to the consumer it is given) on {@code dao} in a reader thread and hands
     * every row to {@code sink} on this thread, in order; on this thread alone when no reader is free.
     */
    public static <D, T> void forEach(StreamingReads reads, Class<D> daoType, BiConsumer<D, Consumer<T>> query,
                                      Consumer<T> sink) {
        ReadAhead<T> rows = start(reads, daoType, query);
        if (rows == null) {
            reads.read(daoType, dao -> query.accept(dao, sink));
            return;
        }
        try (rows) {
            rows.forEachRemaining(sink);
        }
    }

    /** The rows of {@code query} read ahead, or null when no reader thread is free (read them on this thread). */
    public static <D, T> ReadAhead<T> start(StreamingReads reads, Class<D> daoType, BiConsumer<D, Consumer<T>> query) {
        ReadAhead<T> rows = new ReadAhead<>();
        try {
            POOL.execute(() -> rows.read(reads, daoType, query));
        } catch (RejectedExecutionException e) {
            return null;
        }
        return rows;
    }

    private <D> void read(StreamingReads reads, Class<D> daoType, BiConsumer<D, Consumer<T>> query) {
        List<T>[] batch = new List[] {new ArrayList<T>(BATCH)};
        Throwable failure = null;
        try {
            reads.read(daoType, dao -> query.accept(dao, row -> {
                if (closed) {
                    throw new Stopped();
                }
                batch[0].add(row);
                if (batch[0].size() == BATCH) {
                    hand(batch[0]);
                    batch[0] = new ArrayList<>(BATCH);
                }
            }));
        } catch (Stopped e) {
            return; // nobody takes the rest
        } catch (Throwable t) {
            failure = t;
        }
        try {
            if (!batch[0].isEmpty()) {
                hand(batch[0]); // the rows read before a failure too, as a read on the caller's thread gives them
            }
            hand(new End(failure));
        } catch (Stopped e) {
            // closed meanwhile: nobody waits for the end
        }
    }

    /** Puts one item on the queue, waiting while it is full, until the caller closes. */
    private void hand(Object item) {
        try {
            while (!queue.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (at >= current.size()) {
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = queue.take(); // the reader always ends with an End, whatever happens to its read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            if (next instanceof End end) {
                ended = true;
                if (end.failure() instanceof RuntimeException r) {
                    throw r;
                }
                if (end.failure() instanceof Error err) {
                    throw err;
                }
                if (end.failure() != null) {
                    throw new IllegalStateException(end.failure());
                }
                return false;
            }
            current = (List<T>) next;
            at = 0;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(at++);
    }

    /** Stops the reader (at its next row or hand-over) and lets go of what it read. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
    }
}
