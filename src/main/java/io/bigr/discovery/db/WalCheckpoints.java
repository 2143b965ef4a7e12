package io.bigr.discovery.db;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite WAL checkpoints after large saves, on a thread of their own (docs/STACK-NOTES.md Q4.19). A large save turns
 * its connection's automatic checkpoint off, so its commit returns without copying the WAL into the database file;
 * this thread then runs a {@code PASSIVE} checkpoint (it never waits for readers or writers, and copies what it can).
 * At most one runs and one waits; a request while one waits is the same request. A checkpoint that fails (the
 * database closed, the file busy) is logged and dropped: the next commit of any connection, or the last connection's
 * close, checkpoints as SQLite always does.
 */
final class WalCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    private static final ThreadPoolExecutor RUNNER = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), r -> {
                Thread t = new Thread(r, "bigr-wal-checkpoint");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    private WalCheckpoints() {
    }

    /** Asks for a checkpoint of {@code jdbi}'s SQLite database soon, on the checkpoint thread. */
    static void request(Jdbi jdbi) {
        RUNNER.execute(() -> {
            try {
                jdbi.useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().list());
            } catch (RuntimeException e) {
                LOG.debug("WAL checkpoint after a large save did not run: {}", e.getClass().getSimpleName());
            }
        });
    }

    /** Waits until no checkpoint runs or waits (tests). */
    static boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (RUNNER.getActiveCount() > 0 || !RUNNER.getQueue().isEmpty()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
