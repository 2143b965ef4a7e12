package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static io.bigr.discovery.testing.TestData.asset;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.DatabaseContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code latest_snapshots} (changeSet 15-2, docs/DOMAIN.md §3.6): after every kind of write it holds, per asset, the
 * snapshot a ranking of all snapshots picks (greatest scan start, then greatest scan id): saves in order, a scan
 * posted late, a tie of starts, a merge, a prune, snapshots and scans deleted, a scan's start changed, evidence
 * rewritten in place, and the changeSets' backfill of an existing database; with the copy of that snapshot's ports
 * and evidence (changeSet 15-5) and classification (15-7) beside it equal to the snapshot's. Once per database by
 * {@link SqliteLatestSnapshotsIT} and {@link PostgresLatestSnapshotsIT}.
 */
abstract class LatestSnapshotsContract extends DatabaseContract {
    private static final String RANKED = """
            SELECT asset_id, scan_id FROM (
              SELECT sa.asset_id, sa.scan_id,
                     ROW_NUMBER() OVER (PARTITION BY sa.asset_id ORDER BY s.started_at DESC, s.id DESC) AS rn
              FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id) r WHERE rn = 1""";

    @BeforeEach
    void emptyTables() {
        empty("asset_links", "asset_changes", "scan_assets", "assets", "scans");
    }

    private String save(Instant started, Asset... assets) {
        return daos.store().save(new ScanResult("10.0.0.0/24", ScanMethod.ACTIVE, started, started.plusSeconds(60),
                false, List.of(assets))).scanId();
    }

    private static Asset host(String ip, String mac) {
        return asset(ip, mac, null, null, BigrCategory.UNCLASSIFIED, 0.0, 22);
    }

    private Map<String, String> pairs(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).map((rs, ctx) -> Map.entry(rs.getString(1),
                rs.getString(2))).list()).stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** latest_snapshots agrees with a ranking of every snapshot, started_at included. */
    private void assertKept() {
        assertThat(pairs("SELECT asset_id, scan_id FROM latest_snapshots")).isEqualTo(pairs(RANKED));
        long wrongStart = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM latest_snapshots ls JOIN scans s ON s.id = ls.scan_id
                WHERE s.started_at <> ls.started_at""").mapTo(Long.class).one());
        assertThat(wrongStart).isZero();
        // the copy of the latest snapshot's ports, evidence (changeSet 15-5) and classification (15-7) beside it is the
        // snapshot's own
        long wrongCopy = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM latest_snapshots ls JOIN scan_assets sa
                  ON sa.scan_id = ls.scan_id AND sa.asset_id = ls.asset_id
                WHERE ls.open_ports IS DISTINCT FROM sa.open_ports
                   OR ls.raw_evidence IS DISTINCT FROM sa.raw_evidence
                   OR ls.bigr_category IS DISTINCT FROM sa.bigr_category
                   OR ls.confidence_score IS DISTINCT FROM sa.confidence_score
                   OR ls.device_type IS DISTINCT FROM sa.device_type
                   OR ls.product IS DISTINCT FROM sa.product
                   OR ls.os IS DISTINCT FROM sa.os
                   OR ls.os_version IS DISTINCT FROM sa.os_version""").mapTo(Long.class).one());
        assertThat(wrongCopy).isZero();
    }

    private String idOf(String ip) {
        return daos.assets().byIp(ip).get(0).id();
    }

    @Test
    void savesInOrderLateAndTiedKeepTheLatest() {
        save(T0, host("10.0.0.1", "aa:00:00:00:00:01"), host("10.0.0.2", "aa:00:00:00:00:02"));
        assertKept();
        save(T0.plus(Duration.ofHours(2)), host("10.0.0.1", "aa:00:00:00:00:01"));
        assertKept();
        // posted late: older than what is stored, so 10.0.0.1 keeps its latest and 10.0.0.3 gets its first
        save(T0.minus(Duration.ofHours(5)), host("10.0.0.1", "aa:00:00:00:00:01"),
                host("10.0.0.3", "aa:00:00:00:00:03"));
        assertKept();
        // a second scan that started at the same instant: the greater scan id wins, as the ranking has it
        save(T0.plus(Duration.ofHours(2)), host("10.0.0.1", "aa:00:00:00:00:01"));
        assertKept();
        long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM latest_snapshots")
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(3);
    }

    /** A host as a fingerprinted scan reports it: category, confidence and identity columns of this scan's own. */
    private static Asset classified(String ip, String mac, BigrCategory category, double confidence, String product) {
        return new Asset(io.bigr.discovery.core.IpAddress.of(ip), io.bigr.discovery.core.MacAddress.ofNullable(mac),
                null, null, List.of(22), null, category, confidence, ScanMethod.ACTIVE, T0, T0, null, null, null, null,
                "camera-" + product, product, "Linux " + product, product + ".1");
    }

    /**
     * The inventory read ({@code /api/data?scope=inventory}: {@link SnapshotDao#iterateInventory}, from the copy in
     * latest_snapshots) gives one row per asset with a snapshot, in asset-id order, with the classification and
     * identity columns of the snapshot a ranking picks: a later scan's, and on a tie of starts the greater scan id's.
     */
    @Test
    void theInventoryReadGivesTheRankedSnapshotsColumns() {
        save(T0, classified("10.0.0.1", "aa:00:00:00:00:01", BigrCategory.IOT, 0.4, "a"),
                classified("10.0.0.2", "aa:00:00:00:00:02", BigrCategory.UYGULAMALAR, 0.5, "b"));
        save(T0.plus(Duration.ofHours(2)), classified("10.0.0.1", "aa:00:00:00:00:01", BigrCategory.AG_VE_SISTEMLER,
                0.6, "c"));
        save(T0.plus(Duration.ofHours(2)), classified("10.0.0.1", "aa:00:00:00:00:01", BigrCategory.TASINABILIR,
                0.7, "d"));
        assertKept();
        List<String> read = db.jdbi().withHandle(h -> {
            List<String> rows = new java.util.ArrayList<>();
            try (var it = h.attach(SnapshotDao.class).iterateInventory()) {
                it.forEachRemaining(r -> rows.add(new String(r.assetId(), java.nio.charset.StandardCharsets.UTF_8)
                        + "|" + r.bigrCategory().value() + "|" + r.confidenceScore() + "|"
                        + new String(r.product(), java.nio.charset.StandardCharsets.UTF_8) + "|"
                        + new String(r.osVersion(), java.nio.charset.StandardCharsets.UTF_8)));
            }
            return rows;
        });
        List<String> ranked = db.jdbi().withHandle(h -> h.createQuery("SELECT sa.asset_id, sa.bigr_category,"
                + " sa.confidence_score, sa.product, sa.os_version FROM (" + RANKED + ") r JOIN scan_assets sa"
                + " ON sa.asset_id = r.asset_id AND sa.scan_id = r.scan_id ORDER BY sa.asset_id")
                .map((rs, ctx) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getDouble(3) + "|"
                        + rs.getString(4) + "|" + rs.getString(5)).list());
        assertThat(read).isEqualTo(ranked).hasSize(2);
        String tiedWinner = pairs(RANKED).get(idOf("10.0.0.1"));
        String product = db.jdbi().withHandle(h -> h.createQuery("SELECT product FROM scan_assets WHERE scan_id = :s")
                .bind("s", tiedWinner).mapTo(String.class).one());
        assertThat(read).contains(idOf("10.0.0.1") + "|" + (product.equals("c") ? "ag_ve_sistemler|0.6" :
                "tasinabilir|0.7") + "|" + product + "|" + product + ".1");
    }

    /**
     * The reports' join to each asset's latest ports and evidence ({@link ReportDao#LATEST_JOIN}: the copy in
     * latest_snapshots) gives the rows of the plain joins to the snapshot itself: the latest snapshot of every asset, a
     * tie of starts decided by scan id, and an asset without any snapshot kept with nulls.
     */
    @Test
    void theReportsJoinGivesThePlainJoinsRows() {
        save(T0, host("10.0.0.1", "aa:00:00:00:00:01"), host("10.0.0.2", "aa:00:00:00:00:02"),
                host("10.0.0.3", "aa:00:00:00:00:03"));
        save(T0.plus(Duration.ofHours(2)), host("10.0.0.1", "aa:00:00:00:00:01"));
        save(T0.plus(Duration.ofHours(2)), host("10.0.0.1", "aa:00:00:00:00:01"));
        db.execute("DELETE FROM scan_assets WHERE asset_id = '" + idOf("10.0.0.3") + "'");
        db.execute("UPDATE scan_assets SET raw_evidence = '{\"x\": 1}' WHERE asset_id = '" + idOf("10.0.0.2") + "'");
        String select = "SELECT a.ip, sa.scan_id, sa.open_ports, sa.raw_evidence FROM assets a%s"
                + " ORDER BY a.last_seen DESC, a.id";
        java.util.function.Function<String, List<String>> rows = join -> db.jdbi().withHandle(h -> h.createQuery(
                String.format(select, join)).map((rs, ctx) -> rs.getString(1) + "|" + rs.getString(2) + "|"
                + rs.getString(3) + "|" + rs.getString(4)).list());
        List<String> plain = rows.apply(" LEFT JOIN latest_snapshots ls ON ls.asset_id = a.id"
                + " LEFT JOIN scan_assets sa ON sa.scan_id = ls.scan_id AND sa.asset_id = ls.asset_id");
        assertThat(rows.apply(ReportDao.LATEST_JOIN)).isEqualTo(plain);
        assertThat(plain).hasSize(3).contains("10.0.0.3|null|null|null").anyMatch(r -> r.endsWith("|{\"x\": 1}"))
                .anyMatch(r -> r.startsWith("10.0.0.1|" + pairs(RANKED).get(idOf("10.0.0.1")) + "|"));
    }

    @Test
    void mergesPrunesAndDeletesKeepTheLatest() {
        save(T0, host("10.0.0.1", "aa:00:00:00:00:01"), host("10.0.0.2", "aa:00:00:00:00:02"));
        save(T0.plus(Duration.ofDays(1)), host("10.0.0.2", "aa:00:00:00:00:02"));
        String late = save(T0.plus(Duration.ofDays(2)), host("10.0.0.1", "aa:00:00:00:00:01"),
                host("10.0.0.9", "aa:00:00:00:00:09"));
        save(T0.plus(Duration.ofDays(3)), host("10.0.0.2", "aa:00:00:00:00:02"));
        assertKept();

        InventoryAsset kept = daos.store().merge(idOf("10.0.0.2"), idOf("10.0.0.1"));
        assertThat(kept.ip()).isEqualTo("10.0.0.2");
        assertKept();

        new SnapshotRetention(daos.assets(), daos.snapshots()).prune(new SnapshotRetention.Policy(Duration.ofDays(1), 1),
                T0.plus(Duration.ofDays(30)), false);
        assertKept();

        // the latest snapshot of 10.0.0.9 goes: it has no other, so it has no latest
        db.execute("DELETE FROM scan_assets WHERE scan_id = '" + late + "'");
        assertKept();
        db.execute("DELETE FROM asset_changes WHERE scan_id = '" + late + "'");
        db.execute("DELETE FROM scans WHERE id = '" + late + "'");
        assertKept();
    }

    /**
     * A snapshot's evidence rewritten in place (a switch poll adds the port it found to the latest scan's evidence)
     * reaches the latest copy; a rewrite of an older snapshot leaves it alone.
     */
    @Test
    void evidenceRewrittenInPlaceReachesTheLatestCopy() {
        String older = save(T0, host("10.0.0.1", "aa:00:00:00:00:01"));
        String newer = save(T0.plus(Duration.ofHours(1)), host("10.0.0.1", "aa:00:00:00:00:01"));
        String id = idOf("10.0.0.1");
        db.jdbi().useExtension(SwitchEvidenceDao.class, dao -> dao.setEvidence(newer, id,
                "{\"switch_port\": \"Gi0/7\"}"));
        assertKept();
        db.execute("UPDATE scan_assets SET open_ports = '[80]', raw_evidence = '{}' WHERE scan_id = '" + older + "'");
        assertKept();
        String copy = db.jdbi().withHandle(h -> h.createQuery("SELECT raw_evidence FROM latest_snapshots")
                .mapTo(String.class).one());
        assertThat(copy).isEqualTo("{\"switch_port\": \"Gi0/7\"}");
    }

    @Test
    void aScanWhoseStartChangesMovesTheLatest() {
        String first = save(T0, host("10.0.0.1", "aa:00:00:00:00:01"), host("10.0.0.2", "aa:00:00:00:00:02"));
        save(T0.plus(Duration.ofHours(1)), host("10.0.0.1", "aa:00:00:00:00:01"));
        assertKept();
        // as a repair of a wrong clock would: the first scan now started after the second
        db.execute(db.dialect() == Dialect.POSTGRESQL
                ? "UPDATE scans SET started_at = started_at + INTERVAL '3 hours' WHERE id = '" + first + "'"
                : "UPDATE scans SET started_at = started_at + 10800000 WHERE id = '" + first + "'");
        assertKept();
        assertThat(pairs("SELECT asset_id, scan_id FROM latest_snapshots").get(idOf("10.0.0.1"))).isEqualTo(first);
    }

    @Test
    void theChangeSetFillsTheTableOfAnExistingDatabase() {
        save(T0, classified("10.0.0.1", "aa:00:00:00:00:01", BigrCategory.IOT, 0.4, "a"),
                host("10.0.0.2", "aa:00:00:00:00:02"));
        save(T0.plus(Duration.ofHours(1)), classified("10.0.0.2", "aa:00:00:00:00:02", BigrCategory.UYGULAMALAR, 0.5,
                "b"));
        save(T0.plus(Duration.ofHours(1)), host("10.0.0.2", "aa:00:00:00:00:02"));
        // the database as the release before 15-2 left it, then migrated
        if (db.dialect() == Dialect.POSTGRESQL) {
            for (String t : List.of("ls_scan_assets_insert ON scan_assets", "ls_scan_assets_delete ON scan_assets",
                    "ls_scan_assets_update ON scan_assets", "ls_scan_assets_content ON scan_assets",
                    "ls_scans_update ON scans", "ls_scans_delete ON scans")) {
                db.execute("DROP TRIGGER " + t);
            }
        } else {
            for (String t : List.of("ls_scan_assets_insert", "ls_scan_assets_delete", "ls_scan_assets_update",
                    "ls_scan_assets_content", "ls_scans_update", "ls_scans_delete")) {
                db.execute("DROP TRIGGER " + t);
            }
        }
        db.execute("DROP TABLE latest_snapshots");
        db.execute("DELETE FROM DATABASECHANGELOG WHERE id IN ('15-2-latest-snapshots',"
                + " '15-5-latest-snapshot-ports-evidence', '15-7-latest-snapshot-classification')");
        db.migrate();
        assertKept();
        save(T0.plus(Duration.ofHours(2)), host("10.0.0.1", "aa:00:00:00:00:01"));
        assertKept();
    }

    /**
     * On PostgreSQL each page keeps room for its rows' next versions (changeSet 15-8, docs/STACK-NOTES.md Q4.15); the
     * changeSet is recorded on SQLite too (which rewrites a row in place), so neither database sees it pending.
     */
    @Test
    void postgresKeepsRoomForTheNextVersions() {
        long recorded = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM DATABASECHANGELOG"
                + " WHERE id = '15-8-latest-snapshots-fillfactor'").mapTo(Long.class).one());
        assertThat(recorded).isOne();
        if (db.dialect() == Dialect.POSTGRESQL) {
            String options = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'latest_snapshots'")
                    .mapTo(String.class).one());
            assertThat(options).contains("fillfactor=50");
        }
    }
}
