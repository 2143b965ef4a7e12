package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.testing.TestDb;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferencesContract} on PostgreSQL, where two write transactions overlap: a foreign key's lock makes a delete
 * and a save racing in either order end with exactly one of them, and no row pointing nowhere.
 */
class PostgresReferencesIT extends ReferencesContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }

    /** A save's snapshot rows committed while a delete of their asset waits: the delete fails, nothing is orphaned. */
    @Test
    void aDeleteWaitingForASaveFailsWhenTheSaveCommits() throws Exception {
        Jdbi other = db.independentJdbi();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Handle saver = jdbi.open()) {
            saver.begin();
            String scan2 = newScan(saver);
            insertSnapshot(saver, scan2, assetId); // holds the asset's key-share lock until it commits
            Future<?> delete = pool.submit(() -> other.useHandle(h -> {
                h.execute("SET lock_timeout = '20s'");
                h.execute("DELETE FROM asset_changes WHERE asset_id = ?", assetId);
                h.execute("DELETE FROM scan_assets WHERE asset_id = ? AND scan_id = ?", assetId, scanId);
                h.execute("DELETE FROM assets WHERE id = ?", assetId);
            }));
            Thread.sleep(500);
            assertThat(delete.isDone()).as("the delete waits for the save").isFalse();
            saver.commit();
            assertThatThrownBy(() -> delete.get(30, TimeUnit.SECONDS)).satisfies(this::assertReferenceError);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("assets")).isEqualTo(1);
        assertThat(orphans()).isZero();
    }

    /** A delete committed while a save's rows wait for its lock: the save fails, nothing is orphaned. */
    @Test
    void aSaveWaitingForADeleteFailsWhenTheDeleteCommits() throws Exception {
        Jdbi other = db.independentJdbi();
        String scan2 = jdbi.withHandle(this::newScan);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Handle deleter = jdbi.open()) {
            deleter.begin();
            deleter.execute("DELETE FROM asset_changes WHERE asset_id = ?", assetId);
            deleter.execute("DELETE FROM scan_assets WHERE asset_id = ?", assetId);
            deleter.execute("DELETE FROM assets WHERE id = ?", assetId); // row lock held until it commits
            Future<?> save = pool.submit(() -> other.useHandle(h -> {
                h.execute("SET lock_timeout = '20s'");
                insertSnapshot(h, scan2, assetId);
            }));
            Thread.sleep(500);
            assertThat(save.isDone()).as("the save waits for the delete").isFalse();
            deleter.commit();
            assertThatThrownBy(() -> save.get(30, TimeUnit.SECONDS)).satisfies(this::assertReferenceError);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("assets")).isZero();
        assertThat(orphans()).isZero();
    }

}
