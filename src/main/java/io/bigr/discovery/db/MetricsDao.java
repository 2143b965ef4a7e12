package io.bigr.discovery.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The inventory figures the Prometheus exposition reports (metrics/InventoryCollector): small aggregates, one query
 * each, read at scrape time so every server of a shared database reports the same numbers, including scans saved by
 * {@code bigr scan} on another machine.
 */
public interface MetricsDao extends org.jdbi.v3.sqlobject.SqlObject {
    /** Assets per stored manual category, classified category and status (docs/DOMAIN.md §4.2, §3.15). */
    record AssetCount(String manualCategory, String bigrCategory, String status, long count) {
    }

    /** Change rows per type (docs/DOMAIN.md §3.4). */
    record TypeCount(String changeType, long count) {
    }

    /** Scans per status (docs/DOMAIN.md §3.7). */
    record StatusCount(String status, long count) {
    }

    /** Finished scans: how many took at most each bucket's seconds, their count and total seconds. */
    record Durations(long[] cumulative, long count, double sumSeconds) {
    }

    @SqlQuery("""
            SELECT manual_category, bigr_category, status, COUNT(*) AS count FROM assets
            GROUP BY manual_category, bigr_category, status""")
    @RegisterConstructorMapper(AssetCount.class)
    List<AssetCount> assetsByCategoryAndStatus();

    @SqlQuery("SELECT change_type, COUNT(*) AS count FROM asset_changes GROUP BY change_type")
    @RegisterConstructorMapper(TypeCount.class)
    List<TypeCount> changesByType();

    @SqlQuery("SELECT status, COUNT(*) AS count FROM scans GROUP BY status")
    @RegisterConstructorMapper(StatusCount.class)
    List<StatusCount> scansByStatus();

    /**
     * Durations of the completed scans ({@code completed_at - started_at}) against the histogram's upper bounds, in
     * one pass: timestamps are epoch milliseconds on SQLite and {@code timestamptz} on PostgreSQL
     * (docs/STACK-NOTES.md Q4.4), so only the seconds expression differs.
     */
    default Durations scanDurations(Dialect dialect, double[] bucketSeconds) {
        String seconds = dialect == Dialect.POSTGRESQL
                ? "EXTRACT(EPOCH FROM (completed_at - started_at))"
                : "((completed_at - started_at) / 1000.0)";
        StringBuilder sql = new StringBuilder("SELECT COUNT(*), COALESCE(SUM(" + seconds + "), 0)");
        for (int i = 0; i < bucketSeconds.length; i++) {
            sql.append(", COALESCE(SUM(CASE WHEN ").append(seconds).append(" <= :b").append(i)
                    .append(" THEN 1 ELSE 0 END), 0)");
        }
        sql.append(" FROM scans WHERE status = 'completed' AND completed_at IS NOT NULL");
        var query = getHandle().createQuery(sql.toString());
        for (int i = 0; i < bucketSeconds.length; i++) {
            query.bind("b" + i, bucketSeconds[i]);
        }
        return query.map((rs, ctx) -> {
            long[] cumulative = new long[bucketSeconds.length];
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] = rs.getLong(3 + i);
            }
            return new Durations(cumulative, rs.getLong(1), rs.getDouble(2));
        }).one();
    }
}
