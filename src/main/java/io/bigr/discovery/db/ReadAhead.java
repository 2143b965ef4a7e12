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
public final class ReadAhead<T> implements Rows<T> {
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

    /**
     * Split reads ({@link #inOneSnapshot}) at once at most: each takes a reader thread and a connection per part, and
     * a second one would leave too few of either for the other requests.
     */
    private static final java.util.concurrent.Semaphore SPLITS = new java.util.concurrent.Semaphore(1);
    private static final java.util.concurrent.atomic.AtomicLong SPLIT_READS =
            new java.util.concurrent.atomic.AtomicLong();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    /** The data version of a snapshot read's snapshot once read; null when the read failed before it knew it. */
    private final java.util.concurrent.CompletableFuture<Long> version = new java.util.concurrent.CompletableFuture<>();
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
        return start(reads, daoType, query, false);
    }

    private static <D, T> ReadAhead<T> start(StreamingReads reads, Class<D> daoType, BiConsumer<D, Consumer<T>> query,
                                             boolean snapshot) {
        ReadAhead<T> rows = new ReadAhead<>();
        try {
            POOL.execute(() -> rows.read(reads, daoType, query, snapshot));
        } catch (RejectedExecutionException e) {
            return null;
        }
        return rows;
    }

    /**
     * Reads {@code parts} at once, each on its own reader thread and connection in a snapshot of the data whose version
     * it reads first ({@link StreamingReads#readSnapshot}), and hands their rows on as one sequence: every row of the
     * first part, then every row of the second, and so on. Null, with nothing read or handed on, when another split
     * read is running, when not every part found a reader thread, or when the parts' snapshots hold different
     * versions of the data (a write committed between their starts); the caller then reads the rows as one query.
     */
    public static <D, T> Rows<T> inOneSnapshot(StreamingReads reads, Class<D> daoType,
                                               List<BiConsumer<D, Consumer<T>>> parts) {
        if (!SPLITS.tryAcquire()) {
            return null;
        }
        List<ReadAhead<T>> started = new ArrayList<>(parts.size());
        try {
            for (BiConsumer<D, Consumer<T>> part : parts) {
                ReadAhead<T> rows = start(reads, daoType, part, true);
                if (rows == null) {
                    return abandon(started);
                }
                started.add(rows);
            }
            Long first = started.get(0).version.join();
            for (ReadAhead<T> rows : started) {
                Long v = rows.version.join();
                if (v == null || !v.equals(first)) {
                    return abandon(started);
                }
            }
        } catch (RuntimeException | Error e) {
            abandon(started);
            throw e;
        }
        SPLIT_READS.incrementAndGet();
        return new Sequence<>(started);
    }

    /** How many split reads ({@link #inOneSnapshot}) this process has handed on so far (tests). */
    public static long splitReads() {
        return SPLIT_READS.get();
    }

    /** Stops the parts a split read started and lets another split read start: null. */
    private static <T> Rows<T> abandon(List<ReadAhead<T>> started) {
        started.forEach(ReadAhead::close);
        SPLITS.release();
        return null;
    }

    /** The rows of several reads one read after another ({@link #inOneSnapshot}). */
    private static final class Sequence<T> implements Rows<T> {
        private final List<ReadAhead<T>> parts;
        private int at;
        private boolean closed;

        Sequence(List<ReadAhead<T>> parts) {
            this.parts = parts;
        }

        @Override
        public boolean hasNext() {
            while (at < parts.size()) {
                if (parts.get(at).hasNext()) {
                    return true;
                }
                at++;
            }
            return false;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return parts.get(at).next();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                parts.forEach(ReadAhead::close);
                SPLITS.release();
            }
        }
    }

    private <D> void read(StreamingReads reads, Class<D> daoType, BiConsumer<D, Consumer<T>> query,
                          boolean snapshot) {
        List<T>[] batch = new List[] {new ArrayList<T>(BATCH)};
        Throwable failure = null;
        Consumer<T> each = row -> {
            if (closed) {
                throw new Stopped();
            }
            batch[0].add(row);
            if (batch[0].size() == BATCH) {
                hand(batch[0]);
                batch[0] = new ArrayList<>(BATCH);
            }
        };
        try {
            if (snapshot) {
                reads.readSnapshot(daoType, (D dao, long v) -> {
                    version.complete(v);
                    query.accept(dao, each);
                });
            } else {
                reads.read(daoType, dao -> query.accept(dao, each));
            }
        } catch (Stopped e) {
            return; // nobody takes the rest
        } catch (Throwable t) {
            failure = t;
        } finally {
            version.complete(null); // a read that failed before its version: no split read waits for it in vain
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
