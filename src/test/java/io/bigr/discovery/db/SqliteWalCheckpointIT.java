package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * A large SQLite save commits without running the WAL checkpoint on its own connection and leaves it to the
 * checkpoint thread ({@link WalCheckpoints}, docs/STACK-NOTES.md Q4.19), and hands its connection back to the pool as
 * it found it.
 */
class SqliteWalCheckpointIT {
    @Test
    void aLargeSavesPagesReachTheDatabaseFileOnTheCheckpointThread() throws Exception {
        try (TestDb db = TestDb.sqlite().migrate()) {
            Path file = Path.of(db.url().substring("jdbc:sqlite:".length()));
            String journal = db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            assertThat(journal).isEqualToIgnoringCase("wal");
            int defaultAutoCheckpoint = autoCheckpoint(db);
            long pagesBefore = pageCount(db);
            Instant t = TestData.T0;
            db.daos().store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, t, t.plusSeconds(1), false,
                    TestData.many(SaveWrites.MUTE_FROM + 200)));
            assertThat(WalCheckpoints.awaitIdle(30_000)).isTrue();
            long pages = pageCount(db);
            assertThat(pages).isGreaterThan(pagesBefore);
            // The file's own header says how many pages it holds: the save's pages were copied into it, though its
            // WAL held fewer pages than SQLite's automatic checkpoint waits for.
            assertThat(headerPageCount(file)).isEqualTo(pages);
            // Every pooled connection is back at the pool's settings.
            List<Handle> handles = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    handles.add(db.jdbi().open());
                }
                for (Handle h : handles) {
                    assertThat(h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one())
                            .isEqualTo(defaultAutoCheckpoint).isPositive();
                }
            } finally {
                handles.forEach(Handle::close);
            }
        }
    }

    @Test
    void aSmallSaveChangesNothingOfTheConnection() throws Exception {
        try (TestDb db = TestDb.sqlite().migrate()) {
            int before = autoCheckpoint(db);
            Instant t = TestData.T0;
            db.daos().store().save(new ScanResult("10.0.0.0/24", ScanMethod.ACTIVE, t, t.plusSeconds(1), false,
                    TestData.many(10)));
            assertThat(autoCheckpoint(db)).isEqualTo(before).isPositive();
        }
    }

    private static int autoCheckpoint(TestDb db) {
        return db.jdbi().withHandle(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
    }

    private static long pageCount(TestDb db) {
        return db.jdbi().withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
    }

    /** The "database size in pages" of the file header (bytes 28-31, big-endian). */
    private static long headerPageCount(Path file) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(28);
            return f.readInt() & 0xFFFFFFFFL;
        }
    }
}
