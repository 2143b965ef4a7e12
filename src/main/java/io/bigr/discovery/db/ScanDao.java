package io.bigr.discovery.db;

import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code scans} table. "Latest" ignores runs still in progress. */
@RegisterConstructorMapper(ScanSummary.class)
public interface ScanDao {
    String COLUMNS = "id, target, scan_method, started_at, completed_at, total_assets, is_root, status";

    @CreateSqlObject
    SnapshotDao snapshots();

    /** The latest finished scan with its assets, optionally of one exact target string (null: any target). */
    default Optional<ScanDetail> latestDetail(String target) {
        Optional<ScanSummary> s = target == null ? latest() : latestFor(target);
        return s.map(summary -> ScanDetail.of(summary, snapshots().assetsOf(summary.id())));
    }

    /** One scan with its assets. */
    default Optional<ScanDetail> detail(String id) {
        return find(id).map(summary -> ScanDetail.of(summary, snapshots().assetsOf(summary.id())));
    }

    @SqlUpdate("""
            INSERT INTO scans (id, target, scan_method, started_at, completed_at, total_assets, is_root, status, details)
            VALUES (:id, :target, :scanMethod, :startedAt, :completedAt, :totalAssets, :isRoot, :status, :details)""")
    void insert(String id, String target, String scanMethod, Instant startedAt, Instant completedAt, int totalAssets,
                boolean isRoot, String status, String details);

    @SqlUpdate("""
            UPDATE scans SET scan_method = :scanMethod, completed_at = :completedAt, total_assets = :totalAssets,
                   is_root = :isRoot, status = :status, details = :details
            WHERE id = :id""")
    int complete(String id, String scanMethod, Instant completedAt, int totalAssets, boolean isRoot, String status,
                 String details);

    /** What the scan probed (a {@code ScanCoverage} as JSON), written with the scan. */
    @SqlUpdate("UPDATE scans SET coverage = :coverage WHERE id = :id")
    int setCoverage(String id, String coverage);

    /** The scanner's idempotency key of a stored result (docs/DOMAIN.md §2.7), unique over all scans. */
    @SqlUpdate("UPDATE scans SET idempotency_key = :key WHERE id = :id")
    int setIdempotencyKey(String id, String key);

    /** The scan stored with this idempotency key, if any. */
    @SqlQuery("SELECT id FROM scans WHERE idempotency_key = :key")
    Optional<String> idByIdempotencyKey(String key);

    /** A stored scan's row count and how its save went, from its change rows: what a repeated post answers. */
    @SqlQuery("""
            SELECT s.id AS scan_id, s.total_assets,
                   (SELECT COUNT(*) FROM asset_changes c WHERE c.scan_id = s.id AND c.change_type = 'new_asset')
                       AS new_assets,
                   (SELECT COUNT(DISTINCT c.asset_id) FROM asset_changes c
                     WHERE c.scan_id = s.id AND c.change_type = 'field_changed') AS changed_assets,
                   (SELECT COUNT(*) FROM asset_changes c WHERE c.scan_id = s.id AND c.change_type = 'field_changed')
                       AS field_changes,
                   (SELECT COUNT(*) FROM asset_changes c WHERE c.scan_id = s.id
                     AND c.change_type IN ('port_opened', 'port_closed')) AS port_changes,
                   (SELECT COUNT(*) FROM asset_changes c WHERE c.scan_id = s.id AND c.change_type = 'asset_missed')
                       AS missed,
                   (SELECT COUNT(*) FROM asset_changes c WHERE c.scan_id = s.id AND c.change_type = 'asset_gone')
                       AS gone,
                   (SELECT COUNT(*) FROM asset_changes c WHERE c.scan_id = s.id AND c.change_type = 'asset_returned')
                       AS returned
            FROM scans s WHERE s.id = :id""")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Saved.class)
    Optional<Saved> saved(String id);

    /** See {@link #saved}. */
    record Saved(String scanId, int totalAssets, int newAssets, int changedAssets, int fieldChanges, int portChanges,
                 int missed, int gone, int returned) {
    }

    @SqlQuery("SELECT coverage FROM scans WHERE id = :id")
    Optional<String> coverage(String id);

    @SqlUpdate("UPDATE scans SET status = :status, completed_at = :completedAt WHERE id = :id")
    int setStatus(String id, String status, Instant completedAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM scans ORDER BY started_at DESC, id DESC LIMIT :limit OFFSET :offset")
    List<ScanSummary> list(int limit, long offset);

    @SqlQuery("SELECT COUNT(*) FROM scans")
    long count();

    @SqlQuery("SELECT " + COLUMNS + " FROM scans WHERE id = :id")
    Optional<ScanSummary> find(String id);

    @SqlQuery("SELECT details FROM scans WHERE id = :id")
    Optional<String> details(String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM scans WHERE status <> 'running' ORDER BY started_at DESC, id DESC LIMIT 1")
    Optional<ScanSummary> latest();

    @SqlQuery("SELECT " + COLUMNS + " FROM scans WHERE target = :target AND status <> 'running'"
            + " ORDER BY started_at DESC, id DESC LIMIT 1")
    Optional<ScanSummary> latestFor(String target);

    @SqlQuery("SELECT " + COLUMNS + " FROM scans WHERE started_at >= :since ORDER BY started_at, id")
    List<ScanSummary> since(Instant since);
}
