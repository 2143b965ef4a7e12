package io.bigr.discovery.db;

import io.bigr.discovery.analytics.AnalyticsEngine;
import io.bigr.discovery.core.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Read-only queries behind the analysis reports (analytics, risk, vulnerabilities) beyond what
 * {@link InventoryStore} offers. The SQL is identical on both databases: no date functions (dates are bucketed in
 * Java, since timestamps are epoch millis on SQLite and timestamptz on PostgreSQL). Window rows are streamed to a
 * consumer so a long window never materialises as one list.
 */
public interface ReportDao {
    int FETCH = 1000;

    @SqlQuery("SELECT started_at, total_assets FROM scans WHERE started_at >= :cutoff")
    @RegisterRowMapper(ScanRowMapper.class)
    @FetchSize(FETCH)
    void scansSince(Instant cutoff, Consumer<AnalyticsEngine.ScanRow> sink);

    @SqlQuery("""
            SELECT s.started_at, sa.asset_id, sa.bigr_category
            FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id
            WHERE s.started_at >= :cutoff""")
    @RegisterRowMapper(SnapshotRowMapper.class)
    @FetchSize(FETCH)
    void snapshotsSince(Instant cutoff, Consumer<AnalyticsEngine.SnapshotRow> sink);

    @SqlQuery("SELECT detected_at, change_type FROM asset_changes WHERE detected_at >= :cutoff")
    @RegisterRowMapper(ChangeRowMapper.class)
    @FetchSize(FETCH)
    void changesSince(Instant cutoff, Consumer<AnalyticsEngine.ChangeRow> sink);

    /** All-time change count and latest change per inventory row (one row per asset with changes). */
    @SqlQuery("""
            SELECT a.ip, a.mac, a.hostname, COUNT(*) AS change_count, MAX(c.detected_at) AS last_change
            FROM asset_changes c JOIN assets a ON a.id = c.asset_id
            GROUP BY a.id, a.ip, a.mac, a.hostname""")
    @RegisterRowMapper(AssetChangesMapper.class)
    List<AnalyticsEngine.AssetChanges> changeTotals();

    /**
     * Ports and evidence of each asset's latest snapshot (by scan start, then scan id on a tie: exactly one row per
     * asset); an asset never scanned has no row. A window function (SQLite ≥ 3.25, PostgreSQL) reads scan_assets
     * once instead of a correlated MAX per row.
     */
    @SqlQuery("""
            SELECT asset_id, open_ports, raw_evidence FROM (
                SELECT sa.asset_id, sa.open_ports, sa.raw_evidence,
                       ROW_NUMBER() OVER (PARTITION BY sa.asset_id ORDER BY s.started_at DESC, s.id DESC) AS rn
                FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id) latest
            WHERE rn = 1""")
    @RegisterRowMapper(LatestMapper.class)
    @FetchSize(FETCH)
    void latestSnapshots(Consumer<LatestSnapshot> sink);

    /** An asset's latest snapshot: ports and raw evidence (still JSON text, parsed only when needed). */
    record LatestSnapshot(String assetId, List<Integer> openPorts, String rawEvidence) {
        public com.fasterxml.jackson.databind.node.ObjectNode evidence() {
            return Json.parseObject(rawEvidence);
        }
    }

    class ScanRowMapper implements RowMapper<AnalyticsEngine.ScanRow> {
        @Override
        public AnalyticsEngine.ScanRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AnalyticsEngine.ScanRow(Jdbc.instant(rs, "started_at"), rs.getInt("total_assets"));
        }
    }

    class SnapshotRowMapper implements RowMapper<AnalyticsEngine.SnapshotRow> {
        @Override
        public AnalyticsEngine.SnapshotRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AnalyticsEngine.SnapshotRow(Jdbc.instant(rs, "started_at"), rs.getString("asset_id"),
                    rs.getString("bigr_category"));
        }
    }

    class ChangeRowMapper implements RowMapper<AnalyticsEngine.ChangeRow> {
        @Override
        public AnalyticsEngine.ChangeRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AnalyticsEngine.ChangeRow(Jdbc.instant(rs, "detected_at"), rs.getString("change_type"));
        }
    }

    class AssetChangesMapper implements RowMapper<AnalyticsEngine.AssetChanges> {
        @Override
        public AnalyticsEngine.AssetChanges map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AnalyticsEngine.AssetChanges(rs.getString("ip"), rs.getString("mac"), rs.getString("hostname"),
                    rs.getInt("change_count"), Jdbc.instant(rs, "last_change"));
        }
    }

    class LatestMapper implements RowMapper<LatestSnapshot> {
        @Override
        public LatestSnapshot map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new LatestSnapshot(rs.getString("asset_id"), Json.parsePorts(rs.getString("open_ports")),
                    rs.getString("raw_evidence"));
        }
    }
}
