package io.bigr.discovery.db;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ConfidenceLevel;
import io.bigr.discovery.core.HistoryEntry;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The per-scan snapshot ({@code scan_assets}) and the reads that join it to scans and the inventory. */
public interface SnapshotDao {
    /**
     * One snapshot row to write; ports and evidence already JSON text, the identity fields as the scan's fingerprints
     * gave them (docs/DOMAIN.md §4.15).
     */
    record Write(String scanId, String assetId, String openPorts, double confidenceScore, BigrCategory bigrCategory,
                 String rawEvidence, String deviceType, String product, String os, String osVersion) {
    }

    @SqlBatch("""
            INSERT INTO scan_assets (scan_id, asset_id, open_ports, confidence_score, bigr_category, raw_evidence,
                                     device_type, product, os, os_version)
            VALUES (:scanId, :assetId, :openPorts, :confidenceScore, :bigrCategory, :rawEvidence,
                    :deviceType, :product, :os, :osVersion)""")
    void insertAll(@BindMethods Collection<Write> rows);

    /** Whether the scan already has a snapshot of the asset (ip, mac), a NULL mac matching only NULL (§3.4). */
    @SqlQuery("""
            SELECT COUNT(*) FROM scan_assets sa JOIN assets a ON a.id = sa.asset_id
            WHERE sa.scan_id = :scanId AND a.ip = :ip AND COALESCE(a.mac, '') = :mac""")
    int countOf(String scanId, String ip, String mac);

    /** One scan's assets, in asset-id order (docs/DOMAIN.md §3.5). */
    String ASSETS_OF_SCAN = """
            SELECT a.id AS asset_id, a.ip, a.mac, a.hostname, a.vendor, a.os_hint, a.scan_method, a.first_seen,
                   a.last_seen, a.manual_category, a.switch_host, a.switch_port, a.switch_port_index, a.status,
                   sa.open_ports, sa.bigr_category, sa.confidence_score, sa.raw_evidence, sa.device_type, sa.product,
                   sa.os, sa.os_version
            FROM scan_assets sa JOIN assets a ON a.id = sa.asset_id
            WHERE sa.scan_id = :scanId""";

    String ASSETS_OF = ASSETS_OF_SCAN + " ORDER BY sa.asset_id";


    @SqlQuery(ASSETS_OF)
    @RegisterRowMapper(ViewMapper.class)
    List<ScanAssetView> assetsOf(String scanId);

    /**
     * Like {@link #assetsOf} as {@link DataRow}s (ports and evidence left as their stored JSON text, so a streamed
     * response copies them instead of building and re-serialising a tree per row), fetched in chunks; on PostgreSQL
     * call it inside a transaction (cursor).
     */
    @SqlQuery(ASSETS_OF)
    @RegisterRowMapper(DataRowMapper.class)
    @FetchSize(1000)
    ResultIterator<DataRow> iterateAssetsOf(String scanId);

    /**
     * One page of {@link #iterateAssetsOf}: the scan's assets in asset-id order, skipping {@code offset} and keeping at
     * most {@code limit}. On PostgreSQL call it inside a transaction (cursor).
     */
    @SqlQuery(ASSETS_OF + " LIMIT :limit OFFSET :offset")
    @RegisterRowMapper(DataRowMapper.class)
    @FetchSize(1000)
    ResultIterator<DataRow> iteratePageOf(String scanId, long offset, long limit);

    /**
     * {@link #iteratePageOf} of the scan's assets whose address lies between {@code lo} and {@code hi} (PostgreSQL,
     * where the range is the {@code ix_assets_ip_key} index's).
     */
    @SqlQuery(ASSETS_OF_SCAN + " AND " + SqlFunctions.IP_BETWEEN + " ORDER BY sa.asset_id LIMIT :limit OFFSET :offset")
    @RegisterRowMapper(DataRowMapper.class)
    @FetchSize(1000)
    ResultIterator<DataRow> iteratePageInRange(String scanId, String lo, String hi, long offset, long limit);

    /** How many of the scan's assets have an address between {@code lo} and {@code hi}. */
    @SqlQuery("SELECT COUNT(*) FROM scan_assets sa JOIN assets a ON a.id = sa.asset_id WHERE sa.scan_id = :scanId"
            + " AND " + SqlFunctions.IP_BETWEEN)
    long countInRange(String scanId, String lo, String hi);

    /** How many assets the scan has. */
    @SqlQuery("SELECT COUNT(*) FROM scan_assets WHERE scan_id = :scanId")
    long countOf(String scanId);

    /**
     * The scan's snapshots per stored category, in the order {@link #iterateAssetsOf}'s rows first meet each
     * category (by the least asset id holding it), as stored values; from the {@code (scan_id, bigr_category)} index.
     */
    @SqlQuery("SELECT bigr_category, COUNT(*) AS n FROM scan_assets WHERE scan_id = :scanId GROUP BY bigr_category"
            + " ORDER BY MIN(asset_id)")
    @RegisterRowMapper(CategoryCountMapper.class)
    List<java.util.Map.Entry<String, Long>> categoryCountsOf(String scanId);

    class CategoryCountMapper implements RowMapper<java.util.Map.Entry<String, Long>> {
        @Override
        public java.util.Map.Entry<String, Long> map(java.sql.ResultSet rs,
                org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
            return java.util.Map.entry(rs.getString("bigr_category"), rs.getLong("n"));
        }
    }

    /**
     * Every inventory asset with its latest snapshot, in asset-id order, as {@link #iterateAssetsOf} gives one scan's
     * ({@code GET /api/data?scope=inventory}): the copy of that snapshot which {@code latest_snapshots} keeps beside
     * each asset (changeSet 15-7; on a tie of started_at the greater scan id's, as every report reads it), so the read
     * walks two tables of one row per asset in key order instead of probing 3 million snapshots once per asset
     * (docs/STACK-NOTES.md Q4.14). Fetched in chunks; on PostgreSQL call it inside a transaction.
     */
    @SqlQuery("""
            SELECT a.id AS asset_id, a.ip, a.mac, a.hostname, a.vendor, a.os_hint, a.scan_method, a.first_seen,
                   a.last_seen, a.manual_category, a.switch_host, a.switch_port, a.switch_port_index, a.status,
                   sa.open_ports, sa.bigr_category, sa.confidence_score, sa.raw_evidence, sa.device_type, sa.product,
                   sa.os, sa.os_version
            FROM latest_snapshots sa JOIN assets a ON a.id = sa.asset_id ORDER BY sa.asset_id""")
    @RegisterRowMapper(DataRowMapper.class)
    @FetchSize(1000)
    ResultIterator<DataRow> iterateInventory();

    /**
     * One scan asset as stored: {@link ScanAssetView} before its JSON columns are parsed, its text columns as the
     * UTF-8 bytes the driver holds (null for NULL). A streamed response writes them as they are (sqlite-jdbc hands a
     * String over through a direct buffer made by calling back into Java, per column and row; bytes come without the
     * call, and are neither decoded nor encoded again), io.bigr.discovery.core.JsonBytes.
     */
    record DataRow(byte[] ip, byte[] mac, byte[] hostname, byte[] vendor, byte[] deviceType, byte[] product,
                   byte[] os, byte[] osVersion, String openPortsJson, byte[] osHint,
                   BigrCategory bigrCategory, double confidenceScore, byte[] scanMethod, Instant firstSeen,
                   Instant lastSeen, byte[] rawEvidenceUtf8, byte[] assetId, byte[] manualCategory,
                   byte[] switchHost, byte[] switchPort, Integer switchPortIndex, byte[] status) {
        /** The evidence as text (null when the column is NULL). */
        public String rawEvidenceJson() {
            return text(rawEvidenceUtf8);
        }

        /** A text column's bytes as the String the driver would give (null for NULL). */
        public static String text(byte[] utf8) {
            return utf8 == null ? null : new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** A String as column bytes (tests build rows with it). */
        public static byte[] utf8(String text) {
            return text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    class DataRowMapper implements RowMapper<DataRow> {
        private static final String[] COLUMNS = {"ip", "mac", "hostname", "vendor", "device_type", "product", "os",
            "os_version", "open_ports", "os_hint", "bigr_category", "confidence_score", "scan_method", "first_seen",
            "last_seen", "raw_evidence", "asset_id", "manual_category", "switch_host", "switch_port",
            "switch_port_index", "status"};

        @Override
        public DataRow map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        /** Columns looked up once per result set (Jdbc.specialized). */
        @Override
        public RowMapper<DataRow> specialize(java.sql.ResultSet proxied,
                org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
            return Jdbc.specialized(proxied, COLUMNS, (rs, c) -> new DataRow(rs.getBytes(c[0]), rs.getBytes(c[1]),
                    rs.getBytes(c[2]), rs.getBytes(c[3]), rs.getBytes(c[4]), rs.getBytes(c[5]),
                    rs.getBytes(c[6]), rs.getBytes(c[7]), rs.getString(c[8]), rs.getBytes(c[9]),
                    BigrCategory.fromValue(rs.getString(c[10])), rs.getDouble(c[11]), rs.getBytes(c[12]),
                    io.bigr.discovery.db.mapping.StoredInstants.read(rs, c[13]),
                    io.bigr.discovery.db.mapping.StoredInstants.read(rs, c[14]), rs.getBytes(c[15]),
                    rs.getBytes(c[16]), rs.getBytes(c[17]), rs.getBytes(c[18]), rs.getBytes(c[19]),
                    Jdbc.integer(rs, c[20]), rs.getBytes(c[21])));
        }
    }

    @SqlQuery("""
            SELECT sa.scan_id, sa.asset_id, sa.open_ports, sa.confidence_score, sa.bigr_category, sa.raw_evidence,
                   s.target, s.started_at AS scan_started, s.scan_method AS scan_scan_method,
                   a.ip, a.mac, a.hostname, a.vendor
            FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id JOIN assets a ON a.id = sa.asset_id
            WHERE <where>
            ORDER BY s.started_at DESC, sa.scan_id DESC""")
    @RegisterRowMapper(HistoryMapper.class)
    List<HistoryEntry> historyWhere(@Define("where") String where, String ip, String mac);

    /** History of every inventory row matching ip and/or mac; both empty gives an empty list (§3.8). */
    default List<HistoryEntry> history(String ip, String mac) {
        boolean byIp = ip != null && !ip.isEmpty();
        boolean byMac = mac != null && !mac.isEmpty();
        if (!byIp && !byMac) {
            return List.of();
        }
        return historyWhere(byIp && byMac ? "a.ip = :ip AND a.mac = :mac" : byIp ? "a.ip = :ip" : "a.mac = :mac",
                ip, mac);
    }

    /** The diff's columns of a snapshot {@code sa} and of its asset {@code a}. */
    String DIFF_COLUMNS = "a.ip, a.mac, a.hostname, a.vendor, sa.open_ports, sa.bigr_category, sa.confidence_score";

    /**
     * Every asset of scan {@code scanId} paired with its snapshot in scan {@code baseId} (null when the base scan
     * did not see it), in no particular order: the scan diff's join by asset, so it holds only what differs instead
     * of both scans. An asset is one (ip, mac) key (changeSet 1's unique index), so pairing by asset is pairing by key.
     * On PostgreSQL call it inside a transaction (cursor).
     */
    default void diffPairs(String scanId, String baseId, java.util.function.Consumer<DiffPair> sink) {
        diffPairsOf(scanId, baseId, "", sink);
    }

    /**
     * {@link #diffPairs} of the assets whose id {@code part} keeps: {@code ""} (all) or one of
     * {@link #DIFF_PARTS}.
     */
    @SqlQuery("SELECT " + DIFF_COLUMNS + ", pa.asset_id AS base_asset_id, pa.open_ports AS base_open_ports,"
            + " pa.bigr_category AS base_bigr_category, pa.confidence_score AS base_confidence_score"
            + " FROM scan_assets sa JOIN assets a ON a.id = sa.asset_id"
            + " LEFT JOIN scan_assets pa ON pa.scan_id = :baseId AND pa.asset_id = sa.asset_id"
            + " WHERE sa.scan_id = :scanId<part>")
    @RegisterRowMapper(DiffPairMapper.class)
    @FetchSize(1000)
    void diffPairsOf(@org.jdbi.v3.sqlobject.customizer.Bind("scanId") String scanId,
                     @org.jdbi.v3.sqlobject.customizer.Bind("baseId") String baseId,
                     @org.jdbi.v3.sqlobject.customizer.Define("part") String part,
                     java.util.function.Consumer<DiffPair> sink);

    /** The assets of scan {@code baseId} that scan {@code scanId} did not see, in no particular order. */
    default void diffRemoved(String scanId, String baseId, java.util.function.Consumer<DiffRow> sink) {
        diffRemovedOf(scanId, baseId, "", sink);
    }

    /** {@link #diffRemoved} of the assets whose id {@code part} keeps ({@link #diffPairsOf}). */
    @SqlQuery("SELECT " + DIFF_COLUMNS + " FROM scan_assets sa JOIN assets a ON a.id = sa.asset_id"
            + " WHERE sa.scan_id = :baseId<part> AND NOT EXISTS (SELECT 1 FROM scan_assets c"
            + " WHERE c.scan_id = :scanId AND c.asset_id = sa.asset_id)")
    @RegisterRowMapper(DiffRowMapper.class)
    @FetchSize(1000)
    void diffRemovedOf(@org.jdbi.v3.sqlobject.customizer.Bind("scanId") String scanId,
                       @org.jdbi.v3.sqlobject.customizer.Bind("baseId") String baseId,
                       @org.jdbi.v3.sqlobject.customizer.Define("part") String part,
                       java.util.function.Consumer<DiffRow> sink);

    /**
     * Two parts of a scan's assets by id, for a diff read as two parts at once: ids are random UUIDs, so the first
     * hex digit halves them; any other id falls in one part or the other, never both, never neither.
     */
    List<String> DIFF_PARTS = List.of(" AND sa.asset_id < '8'", " AND sa.asset_id >= '8'");

    /** An asset as one scan saw it ({@code now}) and as the base scan did ({@code base}, null if it did not). */
    record DiffPair(DiffRow now, DiffRow base) {
    }

    class DiffPairMapper implements RowMapper<DiffPair> {
        private final DiffRowMapper rows = new DiffRowMapper();

        @Override
        public DiffPair map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            DiffRow now = rows.map(rs, ctx);
            DiffRow base = rs.getString("base_asset_id") == null ? null : new DiffRow(now.ip(), now.mac(),
                    now.hostname(), now.vendor(), Json.parsePorts(rs.getString("base_open_ports")),
                    BigrCategory.fromValue(rs.getString("base_bigr_category")), rs.getDouble("base_confidence_score"));
            return new DiffPair(now, base);
        }
    }

    /** One asset of a scan as the scan diff sees it ({@link #diffPairs}). */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"ip", "mac", "hostname", "vendor", "open_ports",
            "bigr_category", "bigr_category_tr", "confidence_score"})
    record DiffRow(String ip, String mac, String hostname, String vendor, List<Integer> openPorts,
                   BigrCategory bigrCategory, double confidenceScore) {
        /** The Turkish label of {@link #bigrCategory}. */
        @com.fasterxml.jackson.annotation.JsonProperty("bigr_category_tr")
        public String bigrCategoryTr() {
            return bigrCategory.label();
        }
    }

    class DiffRowMapper implements RowMapper<DiffRow> {
        @Override
        public DiffRow map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new DiffRow(rs.getString("ip"), rs.getString("mac"), rs.getString("hostname"),
                    rs.getString("vendor"), Json.parsePorts(rs.getString("open_ports")),
                    BigrCategory.fromValue(rs.getString("bigr_category")), rs.getDouble("confidence_score"));
        }
    }

    /**
     * True for the latest snapshot {@code sa} (of scan {@code s}) of its asset: the condition every "latest snapshot of
     * an asset" lookup shares (the asset's greatest started_at, ties included, read from {@code latest_snapshots}).
     */
    String IS_LATEST = " s.started_at = (SELECT ls.started_at FROM latest_snapshots ls"
            + " WHERE ls.asset_id = sa.asset_id)";

    /**
     * Every asset's latest snapshots {@code sa} (of scan {@code s}), found from {@code latest_snapshots ls} (the
     * asset's greatest started_at, kept by the triggers of changeSet 15-2) rather than by ranking every snapshot: the
     * same rows as {@link #IS_LATEST} (two for an asset only on a tie of started_at). For {@code FROM}.
     */
    String LATEST_ROWS = " latest_snapshots ls JOIN scans s ON s.started_at = ls.started_at"
            + " JOIN scan_assets sa ON sa.scan_id = s.id AND sa.asset_id = ls.asset_id";

    /**
     * The snapshots of assets with ids in ({@code :after}, {@code :upto}] that retention may remove (docs/DOMAIN.md
     * §3.16): older than {@code :cutoff}, not among the asset's {@code :keep} newest, and never one of the asset's
     * latest (the {@link #IS_LATEST} rule: the greatest {@code started_at}, ties included).
     */
    String PRUNABLE = """
            SELECT r.scan_id, r.asset_id FROM (
                SELECT sa.scan_id, sa.asset_id, s.started_at,
                       ROW_NUMBER() OVER (PARTITION BY sa.asset_id ORDER BY s.started_at DESC, sa.scan_id DESC) AS rn,
                       MAX(s.started_at) OVER (PARTITION BY sa.asset_id) AS newest
                FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id
                WHERE sa.asset_id > :after AND sa.asset_id <= :upto) r
            WHERE r.rn > :keep AND r.started_at < :cutoff AND r.started_at < r.newest""";

    @SqlQuery("SELECT COUNT(*) FROM (" + PRUNABLE + ") p")
    long countPrunable(String after, String upto, int keep, Instant cutoff);

    @SqlUpdate("DELETE FROM scan_assets WHERE (scan_id, asset_id) IN (" + PRUNABLE + ")")
    int prune(String after, String upto, int keep, Instant cutoff);

    @SqlQuery("SELECT COUNT(*) FROM scan_assets")
    long count();

    /** Latest snapshot ports of every asset, for risk exposure: asset id → ports JSON text. */
    @SqlQuery("SELECT sa.asset_id, sa.open_ports FROM" + LATEST_ROWS)
    @RegisterRowMapper(PortsMapper.class)
    List<AssetPorts> latestPorts();

    /** The latest snapshot ports of the given assets (two rows for one asset only on a tie of started_at). */
    @SqlQuery("SELECT sa.asset_id, sa.open_ports FROM" + LATEST_ROWS
            + " WHERE ls.asset_id IN (<ids>) ORDER BY sa.asset_id, s.id")
    @RegisterRowMapper(PortsMapper.class)
    List<AssetPorts> latestPortsOf(@org.jdbi.v3.sqlobject.customizer.BindList("ids") Collection<String> ids);

    /**
     * {@link #latestPortsOf} for PostgreSQL, any number of ids in one array parameter: one row per asset, of the
     * snapshot {@link #latestPortsOf} gives first (the latest, the smallest scan id on a tie). Finds the latest
     * started_at of each asset in {@code latest_snapshots} (one key probe) and reads only the snapshots of that time,
     * not every snapshot the asset has (30 per asset at the scale run's 100,000 x 30); key lookups throughout,
     * whatever the planner knows of rows written earlier in the transaction (a correlated MAX per row took minutes
     * for a streamed 100,000-asset save).
     */
    @SqlQuery("""
            SELECT DISTINCT ON (sa.asset_id) sa.asset_id, sa.open_ports
            FROM unnest(CAST(:ids AS text[])) AS k(id) JOIN latest_snapshots ls ON ls.asset_id = k.id
            JOIN scans s ON s.started_at = ls.started_at
            JOIN scan_assets sa ON sa.scan_id = s.id AND sa.asset_id = ls.asset_id
            ORDER BY sa.asset_id, s.id""")
    @RegisterRowMapper(PortsMapper.class)
    List<AssetPorts> latestPortsOfArray(String[] ids);

    /**
     * 1 when two scans share a start time, else 0. Only then can an asset have more than one latest snapshot (a tie);
     * without one, the {@code latest_snapshots} row of each asset is its one latest snapshot.
     */
    @SqlQuery("SELECT COUNT(*) FROM (SELECT started_at FROM scans GROUP BY started_at HAVING COUNT(*) > 1 LIMIT 1) t")
    int tiedStarts();

    /**
     * The ports copied beside each of the given assets ({@code latest_snapshots}); each asset's latest snapshot's when
     * {@link #tiedStarts} is 0.
     */
    @SqlQuery("SELECT asset_id, open_ports FROM latest_snapshots WHERE asset_id IN (<ids>)")
    @RegisterRowMapper(PortsMapper.class)
    List<AssetPorts> copiedPortsOf(@org.jdbi.v3.sqlobject.customizer.BindList("ids") Collection<String> ids);

    /** {@link #copiedPortsOf} for PostgreSQL, any number of ids in one array parameter. */
    @SqlQuery("SELECT asset_id, open_ports FROM latest_snapshots WHERE asset_id = ANY(CAST(:ids AS text[]))")
    @RegisterRowMapper(PortsMapper.class)
    List<AssetPorts> copiedPortsOfArray(String[] ids);

    /** Asset id and the ports of its latest snapshot. */
    record AssetPorts(String assetId, List<Integer> openPorts) {
    }

    class PortsMapper implements RowMapper<AssetPorts> {
        @Override
        public AssetPorts map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new AssetPorts(rs.getString("asset_id"), Json.parsePorts(rs.getString("open_ports")));
        }
    }

    class ViewMapper implements RowMapper<ScanAssetView> {
        @Override
        public ScanAssetView map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            BigrCategory category = BigrCategory.fromValue(rs.getString("bigr_category"));
            double score = rs.getDouble("confidence_score");
            Integer portIndex = Jdbc.integer(rs, "switch_port_index");
            return new ScanAssetView(rs.getString("ip"), rs.getString("mac"), rs.getString("hostname"),
                    rs.getString("vendor"), rs.getString("device_type"), rs.getString("product"), rs.getString("os"),
                    rs.getString("os_version"), Json.parsePorts(rs.getString("open_ports")), rs.getString("os_hint"),
                    category, score, ConfidenceLevel.of(score).value(),
                    rs.getString("scan_method"), Jdbc.instant(rs, "first_seen"), Jdbc.instant(rs, "last_seen"),
                    Json.parseObject(rs.getString("raw_evidence")), rs.getString("asset_id"),
                    rs.getString("manual_category"), rs.getString("switch_host"), rs.getString("switch_port"),
                    portIndex, rs.getString("status"));
        }
    }

    class HistoryMapper implements RowMapper<HistoryEntry> {
        @Override
        public HistoryEntry map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            String evidence = rs.getString("raw_evidence");
            return new HistoryEntry(rs.getString("scan_id"), rs.getString("asset_id"),
                    Json.parsePorts(rs.getString("open_ports")), rs.getDouble("confidence_score"),
                    BigrCategory.fromValue(rs.getString("bigr_category")), evidence == null ? null : Json.parseObject(evidence),
                    rs.getString("target"), Jdbc.instant(rs, "scan_started"), rs.getString("scan_scan_method"),
                    rs.getString("ip"), rs.getString("mac"), rs.getString("hostname"), rs.getString("vendor"));
        }
    }
}
