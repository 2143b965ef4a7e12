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
