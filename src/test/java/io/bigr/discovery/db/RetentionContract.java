package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static io.bigr.discovery.testing.TestData.asset;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.HistoryEntry;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.DatabaseContract;
import io.bigr.discovery.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshot retention (docs/DOMAIN.md §3.16) with a worked example: what a prune removes, what it must keep (young
 * snapshots, each asset's newest N, an asset's latest even when old, both snapshots of a tie for latest), the dry
 * run, chunking past one chunk of assets, and {@code bigr prune} as a user runs it. Once per database by
 * {@link SqliteRetentionIT} and {@link PostgresRetentionIT}.
 */
abstract class RetentionContract extends DatabaseContract {
    private static final Instant NOW = T0.plus(Duration.ofDays(7));
    private SnapshotRetention retention;

    @BeforeEach
    void emptyTables() {
        retention = new SnapshotRetention(daos.assets(), daos.snapshots());
        empty("asset_changes", "scan_assets", "assets", "scans");
    }

    private static Asset host(String ip, Integer... ports) {
        return asset(ip, null, null, null, BigrCategory.UNCLASSIFIED, 0.0, ports);
    }

    private void save(Instant started, Asset... assets) {
        daos.store().save(new ScanResult("10.0.0.0/24", ScanMethod.ACTIVE, started, started.plusSeconds(60), false,
                List.of(assets)));
    }

    private List<Instant> historyOf(String ip) {
        return daos.snapshots().history(ip, null).stream().map(HistoryEntry::scanStarted).toList();
    }

    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    /**
     * 10.0.0.1 is seen on days 1..6, 10.0.0.2 only on day 1 (its latest, however old), 10.0.0.3 by two scans that
     * started at the same instant on day 1 (both are its latest).
     */
    private void seed() {
        save(day(1), host("10.0.0.1", 22), host("10.0.0.2", 80), host("10.0.0.3", 443));
        save(day(1), host("10.0.0.3", 443));
        for (int d = 2; d <= 6; d++) {
            save(day(d), host("10.0.0.1", 22, 1000 + d));
        }
    }

    @Test
    void removesOldSnapshotsBeyondTheNewestAndKeepsEveryAssetsLatest() {
        seed();
        long before = daos.snapshots().count();
        assertThat(before).isEqualTo(9);
        List<SnapshotDao.AssetPorts> latestBefore = daos.snapshots().latestPorts();
        // keep 2 days (cutoff day 5) and the newest 2 of each: 10.0.0.1 loses days 1..4.
        SnapshotRetention.Policy policy = new SnapshotRetention.Policy(Duration.ofDays(2), 2);

        SnapshotRetention.Outcome dry = retention.prune(policy, NOW, true);
        assertThat(dry.removed()).isEqualTo(4);
        assertThat(dry.dryRun()).isTrue();
        assertThat(daos.snapshots().count()).isEqualTo(before);

        SnapshotRetention.Outcome done = retention.prune(policy, NOW, false);
        assertThat(done.removed()).isEqualTo(4);
        assertThat(done.before()).isEqualTo(9);
        assertThat(historyOf("10.0.0.1")).containsExactly(day(6), day(5));
        assertThat(historyOf("10.0.0.2")).containsExactly(day(1));
        assertThat(historyOf("10.0.0.3")).containsExactly(day(1), day(1));
        assertThat(daos.snapshots().latestPorts()).containsExactlyInAnyOrderElementsOf(latestBefore);
        assertThat(daos.assets().count()).isEqualTo(3);

        // A second run with the same policy has nothing left to do, and leaves the data version (and so every
        // server's read cache) alone.
        long version = dataVersion();
        assertThat(retention.prune(policy, NOW, false).removed()).isZero();
        assertThat(dataVersion()).isEqualTo(version);
    }

    private long dataVersion() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT version FROM data_version WHERE id = 1")
                .mapTo(Long.class).one());
    }

    @Test
    void keepingOnlyTheNewestNeverRemovesALatestSnapshotOrATieForLatest() {
        seed();
        SnapshotRetention.Outcome o = retention.prune(new SnapshotRetention.Policy(Duration.ZERO, 1), NOW, false);
        assertThat(o.removed()).isEqualTo(5); // 10.0.0.1's days 1..5
        assertThat(historyOf("10.0.0.1")).containsExactly(day(6));
        assertThat(historyOf("10.0.0.2")).containsExactly(day(1));
        assertThat(historyOf("10.0.0.3")).hasSize(2);
    }

    @Test
    void youngSnapshotsAreKeptWhateverTheirRank() {
        seed();
        // Cutoff before day 1: everything is young.
        assertThat(retention.prune(new SnapshotRetention.Policy(Duration.ofDays(30), 1), NOW, false).removed())
                .isZero();
        assertThat(daos.snapshots().count()).isEqualTo(9);
    }

    @Test
    void prunesAcrossMoreThanOneChunkOfAssets() {
        int n = SnapshotRetention.CHUNK + 205;
        Asset[] many = TestData.many(n).toArray(Asset[]::new);
        save(day(1), many);
        save(day(2), many);
        SnapshotRetention.Outcome o = retention.prune(new SnapshotRetention.Policy(Duration.ZERO, 1), NOW, false);
        assertThat(o.removed()).isEqualTo(n);
        assertThat(daos.snapshots().count()).isEqualTo(n);
    }

    @Test
    void aServerWithoutScheduledScansStillPrunesOnItsScheduler() throws Exception {
        seed();
        SnapshotRetention.Policy policy = new SnapshotRetention.Policy(Duration.ofDays(2), 2);
        java.time.Clock clock = java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC);
        io.bigr.discovery.schedule.Scheduler scheduler = new io.bigr.discovery.schedule.ScheduleFactory().build(
                daos, db.factory(), target -> {
                    throw new AssertionError("no scan is scheduled");
                }, null, false, List.of(new io.bigr.discovery.schedule.Jobs.Prune(Duration.ofHours(24), policy,
                        retention, clock)));
        try {
            List<java.util.concurrent.CompletableFuture<Void>> runs = scheduler.tick();
            assertThat(runs).hasSize(1);
            java.util.concurrent.CompletableFuture.allOf(runs.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            scheduler.stop();
        }
        assertThat(historyOf("10.0.0.1")).containsExactly(day(6), day(5));
        assertThat(daos.schedules().find("prune").orElseThrow()).satisfies(s -> {
            assertThat(s.status()).isEqualTo("completed");
            assertThat(s.message()).startsWith("Removed 4 of 9 snapshot(s)");
        });
    }

    @Test
    void policyRefusesToDropTheLatest() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SnapshotRetention.Policy(Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void bigrPruneAsAUserRunsIt() throws Exception {
        seed();
        Path home = Files.createTempDirectory("bigr-home");
        Cli.Result dry = Cli.run(db, home, "prune", "--dry-run", "--keep-for", "1 day", "--keep-per-asset", "1");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).startsWith("Would remove 5 of 9 snapshot(s)");
        assertThat(daos.snapshots().count()).isEqualTo(9);

        Cli.Result bad = Cli.run(db, home, "prune", "--keep-per-asset", "0");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("--keep-per-asset");

        Cli.Result done = Cli.run(db, home, "prune", "--keep-for", "1 day", "--keep-per-asset", "1");
        assertThat(done.exit()).as(done.toString()).isZero();
        assertThat(done.out()).startsWith("Removed 5 of 9 snapshot(s)");
        assertThat(historyOf("10.0.0.1")).containsExactly(day(6));
        assertThat(daos.snapshots().count()).isEqualTo(4);
    }

}
