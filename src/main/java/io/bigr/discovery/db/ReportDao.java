package io.bigr.discovery.db;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.analytics.AnalyticsEngine;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Read-only queries behind the analysis reports (analytics, risk, vulnerabilities) beyond what
 * {@link InventoryStore} offers. The SQL is identical on both databases: no date functions (dates are bucketed in
 * Java, since timestamps are epoch millis on SQLite and timestamptz on PostgreSQL). Window rows are streamed to a
 * consumer so a long window never materialises as one list.
 */
public interface ReportDao extends org.jdbi.v3.sqlobject.SqlObject {
    int FETCH = 1000;

    @SqlQuery("SELECT started_at, total_assets FROM scans WHERE started_at >= :cutoff")
    @RegisterRowMapper(ScanRowMapper.class)
    @FetchSize(FETCH)
    void scansSince(Instant cutoff, Consumer<AnalyticsEngine.ScanRow> sink);

    /** A scan of the window by id, and how many of its snapshots carry one stored category. */
    record ScanCategoryCount(String scanId, Instant startedAt, String bigrCategory, long n) {
    }

    /**
     * Snapshots of the window's scans counted per scan and stored category in the database (the analytics report's
     * category series and per-day asset counts), instead of one row per snapshot: 3 million at 100,000 assets x 30
     * daily scans.
     */
    @SqlQuery("<counts>")
    @RegisterRowMapper(ScanCategoryCountMapper.class)
    @FetchSize(FETCH)
    void categoryCountsSince(@Define("counts") String counts, @org.jdbi.v3.sqlobject.customizer.Bind("cutoff")
            Instant cutoff, Consumer<ScanCategoryCount> sink);

    /**
     * {@link #categoryCountsSince}'s statement for the dialect. Both read the {@code (scan_id, bigr_category)} index
     * alone (changeSet 15-4). PostgreSQL counts scan by scan (a LATERAL group per scan, over that scan's stretch of
     * the index): grouped in one piece, it hashed 3 million (scan id, category) keys, 0.64 s against 0.16-0.21 s at
     * 100,000 x 30 in psql. SQLite's one grouping walks the index in order already (0.57 s).
     */
    static String categoryCounts(Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL) {
            return """
                    SELECT s.id AS scan_id, s.started_at, c.bigr_category, c.n
                    FROM scans s CROSS JOIN LATERAL (
                        SELECT sa.bigr_category, COUNT(*) AS n FROM scan_assets sa WHERE sa.scan_id = s.id
                        GROUP BY sa.bigr_category) c
                    WHERE s.started_at >= :cutoff""";
        }
        return """
                SELECT s.id AS scan_id, s.started_at, sa.bigr_category, COUNT(*) AS n
                FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id
                WHERE s.started_at >= :cutoff
                GROUP BY s.id, s.started_at, sa.bigr_category""";
    }

    /** Distinct assets with a snapshot in any of the given scans (the scans of one day, when it has several). */
    @SqlQuery("SELECT COUNT(DISTINCT asset_id) FROM scan_assets WHERE scan_id IN (<ids>)")
    long distinctAssetsOf(@org.jdbi.v3.sqlobject.customizer.BindList("ids") java.util.Collection<String> ids);

    class ScanCategoryCountMapper implements RowMapper<ScanCategoryCount> {
        @Override
        public ScanCategoryCount map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ScanCategoryCount(rs.getString("scan_id"), Jdbc.instant(rs, "started_at"),
                    rs.getString("bigr_category"), rs.getLong("n"));
        }
    }

    @SqlQuery("SELECT detected_at, change_type FROM asset_changes WHERE detected_at >= :cutoff")
    @RegisterRowMapper(ChangeRowMapper.class)
    @FetchSize(FETCH)
    void changesSince(Instant cutoff, Consumer<AnalyticsEngine.ChangeRow> sink);

    /** All-time change count and latest change per inventory row (one row per asset with changes). */
    @SqlQuery("""
            SELECT a.ip, a.mac, a.hostname, c.change_count, c.last_change
            FROM (SELECT asset_id, COUNT(*) AS change_count, MAX(detected_at) AS last_change FROM asset_changes
                  GROUP BY asset_id) c
            JOIN assets a ON a.id = c.asset_id""")
    @RegisterRowMapper(AssetChangesMapper.class)
    List<AnalyticsEngine.AssetChanges> changeTotals();

    /**
     * Joins each asset row {@code a} to its latest snapshot's ports and evidence {@code sa} ({@code sa.open_ports},
     * {@code sa.raw_evidence}, {@code sa.scan_id}; at most one row, nulls for an asset never scanned): the copy of
     * them that {@code latest_snapshots} keeps beside each asset (changeSets 15-2 and 15-5, kept by triggers), so a
     * whole-inventory report joins two tables of one row per asset. Probing the 3 million snapshots once per asset
     * instead (two primary-key lookups each) took 2.2 s of PostgreSQL's time at 100,000 x 30, against 0.7 s
     * (docs/STACK-NOTES.md Q4.8). The same SQL on both databases.
     */
    String LATEST_JOIN = " LEFT JOIN latest_snapshots sa ON sa.asset_id = a.id";

    /**
     * The {@code <assets>} (aliased {@code a}) of a read of the whole inventory in inventory order (last seen, newest
     * first, then id). On SQLite {@code assets a NOT INDEXED}: the table is walked in its stored order and the rows
     * sorted, instead of walked in last-seen order through its index, which jumped to a random page of assets (and of
     * latest_snapshots) for every row: at 100,000 x 30 in the sqlite3 shell 0.60 -> 0.31 s with the evidence, 0.29 -> 0.13 s without
     * the join (docs/STACK-NOTES.md Q4.13). PostgreSQL's planner chooses for itself.
     */
    static String wholeInventory(Dialect dialect) {
        return dialect == Dialect.SQLITE ? "assets a NOT INDEXED" : "assets a";
    }

    /**
     * {@link #wholeInventory} as two halves that follow each other in inventory order: the assets last seen after the
     * last-seen time {@code offset} rows into that order, then the rest (all of them when there is no such row).
     * Read at once on two connections in one snapshot ({@link ReadAhead#inOneSnapshot}) they share one subquery's
     * answer, and each sorts half the rows: docs/STACK-NOTES.md Q4.16.
     */
    static java.util.List<String> inventoryHalves(Dialect dialect, int offset) {
        String at = "(SELECT last_seen FROM assets ORDER BY last_seen DESC LIMIT 1 OFFSET " + Math.max(0, offset) + ")";
        String from = dialect == Dialect.SQLITE ? "assets NOT INDEXED" : "assets";
        return java.util.List.of("(SELECT * FROM " + from + " WHERE last_seen > " + at + ") a",
                "(SELECT * FROM " + from + " WHERE " + at + " IS NULL OR last_seen <= " + at + ") a");
    }

    /** The number of inventory rows. */
    @SqlQuery("SELECT count(*) FROM assets")
    int assetCount();

    /**
     * What the compliance report reads of every inventory row (docs/DOMAIN.md §6.4), in inventory order (last seen,
     * newest first, then id): four columns instead of whole inventory rows, which at 100,000 assets kept the young
     * collector copying a list it did not need.
     */
    @SqlQuery("SELECT ip, bigr_category, confidence_score, manual_category FROM <assets> ORDER BY last_seen DESC, id")
    @RegisterRowMapper(ComplianceAssetMapper.class)
    @FetchSize(FETCH)
    void complianceAssets(@Define("assets") String assets,
            Consumer<io.bigr.discovery.compliance.ComplianceAsset> sink);

    class ComplianceAssetMapper implements RowMapper<io.bigr.discovery.compliance.ComplianceAsset> {
        @Override
        public io.bigr.discovery.compliance.ComplianceAsset map(java.sql.ResultSet rs,
                org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
            return io.bigr.discovery.compliance.ComplianceAsset.stored(rs.getString("ip"),
                    rs.getString("bigr_category"), rs.getDouble("confidence_score"), rs.getString("manual_category"));
        }
    }

    /** IPs held by more than one inventory row (same IP, different MACs): their report signals are merged per IP. */
    String SHARED_IPS = "SELECT ip FROM assets GROUP BY ip HAVING COUNT(*) > 1";

    /** Distinct vendor names of the inventory (the vendor keys of the CVE catalog a report needs). */
    @SqlQuery("SELECT DISTINCT vendor FROM assets WHERE vendor IS NOT NULL")
    List<String> vendors();

    /** Number of change-log rows per asset id (assets without changes have no row). */
    @SqlQuery("SELECT asset_id, COUNT(*) AS n FROM asset_changes GROUP BY asset_id")
    @RegisterRowMapper(CountMapper.class)
    @FetchSize(FETCH)
    void changeCountsByAsset(Consumer<Count> sink);

    /** Number of change-log rows per shared IP, summed over every row holding it. */
    @SqlQuery("SELECT a.ip AS k, COUNT(*) AS n FROM asset_changes c JOIN assets a ON a.id = c.asset_id"
            + " WHERE a.ip IN (" + SHARED_IPS + ") GROUP BY a.ip")
    @RegisterRowMapper(CountMapper.class)
    List<Count> sharedIpChangeCounts();

    /** A key (asset id or IP) and a count. */
    record Count(String key, int count) {
    }

    class CountMapper implements RowMapper<Count> {
        @Override
        public Count map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Count(rs.getString(1), rs.getInt(2));
        }
    }

    /**
     * What the vulnerability engine reads of every asset, in inventory order: identity, vendor, manual note and the
     * latest snapshot's evidence (null when never scanned).
     */
    @SqlQuery("SELECT a.ip, a.mac, a.vendor, a.manual_note, sa.raw_evidence FROM <assets>" + LATEST_JOIN
            + " ORDER BY a.last_seen DESC, a.id")
    @RegisterRowMapper(EvidenceSourceMapper.class)
    @FetchSize(FETCH)
    void evidenceSources(@Define("assets") String assets, Consumer<EvidenceSource> sink);

    /** {@link #evidenceSources} of the rows whose IP another row shares (usually few or none). */
    @SqlQuery("SELECT a.ip, a.mac, a.vendor, a.manual_note, sa.raw_evidence FROM assets a" + LATEST_JOIN
            + " WHERE a.ip IN (" + SHARED_IPS + ") ORDER BY a.last_seen DESC, a.id")
    @RegisterRowMapper(EvidenceSourceMapper.class)
    @FetchSize(FETCH)
    void sharedIpEvidenceSources(Consumer<EvidenceSource> sink);

    /** An asset's identity, vendor, manual note and latest snapshot evidence (JSON text or null). */
    record EvidenceSource(String ip, String mac, String vendor, String manualNote, String rawEvidence) {
    }

    /** Every inventory row {@code a} with its latest snapshot's ports and evidence; the latest join follows. */
    String WITH_LATEST = "SELECT " + AssetDao.QUALIFIED_COLUMNS
            + ", sa.open_ports AS latest_ports, sa.raw_evidence AS latest_evidence FROM assets a";

    /**
     * Every inventory row in inventory order (last seen, newest first, then id) with its latest snapshot's ports
     * and evidence (empty / null when never scanned): one read for a whole streamed report.
     */
    @SqlQuery("SELECT " + AssetDao.QUALIFIED_COLUMNS + ", sa.open_ports AS latest_ports,"
            + " sa.raw_evidence AS latest_evidence FROM <assets>" + LATEST_JOIN + " ORDER BY a.last_seen DESC, a.id")
    @RegisterRowMapper(AssetWithLatestMapper.class)
    @FetchSize(FETCH)
    void assetsWithLatest(@Define("assets") String assets, Consumer<AssetWithLatest> sink);

    /**
     * {@link #assetsWithLatest} of the rows an inventory query's filters keep (its sort, keyset and limit ignored), in
     * inventory order: a filtered export reads only those rows and their snapshots, instead of every asset's.
     */
    default void assetsWithLatestMatching(Dialect dialect, InventoryQuery query, Consumer<AssetWithLatest> sink) {
        List<String> conditions = new java.util.ArrayList<>();
        java.util.Map<String, Object> binds = query.where(dialect, conditions);
        org.jdbi.v3.core.statement.Query q = getHandle().createQuery(WITH_LATEST + LATEST_JOIN
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY a.last_seen DESC, a.id");
        binds.forEach(q::bind);
        try (var rows = q.setFetchSize(FETCH).map(new AssetWithLatestMapper()).iterator()) {
            rows.forEachRemaining(sink);
        }
    }

    /**
     * What the topology graph reads of every inventory row (docs/DOMAIN.md §6.8), in inventory order: ten columns and
     * the latest snapshot's ports, instead of whole inventory rows (the graph of 100,000 assets spent half its time
     * mapping columns it never wrote).
     */
    @SqlQuery("SELECT " + TOPOLOGY_COLUMNS + " FROM <assets>" + LATEST_JOIN + " ORDER BY a.last_seen DESC, a.id")
    @RegisterRowMapper(TopologyAssetMapper.class)
    @FetchSize(FETCH)
    void topologyAssets(@Define("assets") String assets,
            Consumer<io.bigr.discovery.topology.TopologyAsset> sink);

    /**
     * {@link #topologyAssets} of the rows whose address sorts between {@code lo} and {@code hi} (a subnet's first and
     * last address; {@code bigr_ip_key} order, indexed on PostgreSQL), so a subnet's graph does not read the whole
     * inventory.
     */
    @SqlQuery("SELECT " + TOPOLOGY_COLUMNS + " FROM assets a" + LATEST_JOIN + " WHERE " + SqlFunctions.IP_BETWEEN
            + " ORDER BY a.last_seen DESC, a.id")
    @RegisterRowMapper(TopologyAssetMapper.class)
    @FetchSize(FETCH)
    void topologyAssetsBetween(@org.jdbi.v3.sqlobject.customizer.Bind("lo") String lo,
            @org.jdbi.v3.sqlobject.customizer.Bind("hi") String hi,
            Consumer<io.bigr.discovery.topology.TopologyAsset> sink);

    String TOPOLOGY_COLUMNS = "a.ip, a.mac, a.hostname, a.vendor, a.bigr_category, a.manual_category,"
            + " a.confidence_score, sa.open_ports AS latest_ports, a.switch_host, a.switch_port";

    /** A topology row with the effective (manual or classified) category; columns looked up once per result set. */
    class TopologyAssetMapper implements RowMapper<io.bigr.discovery.topology.TopologyAsset> {
        private static final String[] COLUMNS = {"ip", "mac", "hostname", "vendor", "bigr_category",
            "manual_category", "confidence_score", "latest_ports", "switch_host", "switch_port"};

        @Override
        public io.bigr.discovery.topology.TopologyAsset map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        @Override
        public RowMapper<io.bigr.discovery.topology.TopologyAsset> specialize(ResultSet proxied, StatementContext ctx)
                throws SQLException {
            return Jdbc.specialized(proxied, COLUMNS, (rs, c) -> {
                return new io.bigr.discovery.topology.TopologyAsset(Jdbc.text(rs, c[0]), Jdbc.text(rs, c[1]),
                        Jdbc.text(rs, c[2]), Jdbc.text(rs, c[3]),
                        BigrCategory.effective(BigrCategory.fromValue(rs.getString(c[4])), Jdbc.text(rs, c[5])),
                        rs.getDouble(c[6]),
                        Json.parsePorts(Jdbc.text(rs, c[7])), Jdbc.text(rs, c[8]), Jdbc.text(rs, c[9]));
            });
        }
    }

    /** An inventory row with its latest snapshot's ports (never null) and evidence JSON text (null if none). */
    record AssetWithLatest(InventoryAsset asset, List<Integer> openPorts, String rawEvidence) {
    }

    class ScanRowMapper implements RowMapper<AnalyticsEngine.ScanRow> {
        @Override
        public AnalyticsEngine.ScanRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AnalyticsEngine.ScanRow(Jdbc.instant(rs, "started_at"), rs.getInt("total_assets"));
        }
    }

    class ChangeRowMapper implements RowMapper<AnalyticsEngine.ChangeRow> {
        @Override
        public AnalyticsEngine.ChangeRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AnalyticsEngine.ChangeRow(Jdbc.instant(rs, "detected_at"), rs.getString("change_type"));
        }
    }

    class AssetChangesMapper implements RowMapper<AnalyticsEngine.AssetChanges> {
        private static final String[] COLUMNS = {"ip", "mac", "hostname", "change_count", "last_change"};

        @Override
        public AnalyticsEngine.AssetChanges map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        /** Columns looked up once per result set (Jdbc.specialized): one row per changed asset. */
        @Override
        public RowMapper<AnalyticsEngine.AssetChanges> specialize(ResultSet proxied, StatementContext ctx)
                throws SQLException {
            return Jdbc.specialized(proxied, COLUMNS, (rs, c) -> new AnalyticsEngine.AssetChanges(Jdbc.text(rs, c[0]),
                    Jdbc.text(rs, c[1]), Jdbc.text(rs, c[2]), rs.getInt(c[3]),
                    io.bigr.discovery.db.mapping.StoredInstants.read(rs, c[4])));
        }
    }

    class EvidenceSourceMapper implements RowMapper<EvidenceSource> {
        private static final String[] COLUMNS = {"ip", "mac", "vendor", "manual_note", "raw_evidence"};

        @Override
        public EvidenceSource map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        /** Columns looked up once per result set (Jdbc.specialized): one row per inventory asset. */
        @Override
        public RowMapper<EvidenceSource> specialize(ResultSet proxied, StatementContext ctx) throws SQLException {
            return Jdbc.specialized(proxied, COLUMNS, (rs, c) -> new EvidenceSource(Jdbc.text(rs, c[0]),
                    Jdbc.text(rs, c[1]), Jdbc.text(rs, c[2]), Jdbc.text(rs, c[3]), Jdbc.text(rs, c[4])));
        }
    }

    class AssetWithLatestMapper implements RowMapper<AssetWithLatest> {
        private static final String[] COLUMNS = {"id", "ip", "mac", "hostname", "vendor", "os_hint", "bigr_category",
            "confidence_score", "scan_method", "first_seen", "last_seen", "manual_category", "manual_note",
            "is_ignored", "switch_host", "switch_port", "switch_port_index", "status", "device_type", "product", "os",
            "os_version", "latest_ports", "latest_evidence"};

        @Override
        public AssetWithLatest map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        /** Columns looked up once per result set (Jdbc.specialized). */
        @Override
        public RowMapper<AssetWithLatest> specialize(ResultSet proxied, StatementContext ctx) throws SQLException {
            return Jdbc.specialized(proxied, COLUMNS, (rs, c) -> new AssetWithLatest(new InventoryAsset(
                    Jdbc.text(rs, c[0]), Jdbc.text(rs, c[1]), Jdbc.text(rs, c[2]), Jdbc.text(rs, c[3]),
                    Jdbc.text(rs, c[4]), Jdbc.text(rs, c[5]), BigrCategory.fromValue(rs.getString(c[6])),
                    rs.getDouble(c[7]), Jdbc.text(rs, c[8]), io.bigr.discovery.db.mapping.StoredInstants.read(rs, c[9]),
                    io.bigr.discovery.db.mapping.StoredInstants.read(rs, c[10]), Jdbc.text(rs, c[11]), Jdbc.text(rs, c[12]), rs.getInt(c[13]),
                    Jdbc.text(rs, c[14]), Jdbc.text(rs, c[15]), Jdbc.integer(rs, c[16]), Jdbc.text(rs, c[17]),
                    Jdbc.text(rs, c[18]), Jdbc.text(rs, c[19]), Jdbc.text(rs, c[20]), Jdbc.text(rs, c[21])),
                    Json.parsePorts(Jdbc.text(rs, c[22])), Jdbc.text(rs, c[23])));
        }
    }
}
