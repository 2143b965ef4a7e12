package io.bigr.discovery.db;

import io.bigr.discovery.core.AssetChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The change log ({@code asset_changes}). */
@RegisterConstructorMapper(AssetChange.class)
public interface ChangeDao {
    /** One change row to write. */
    record Write(String assetId, String scanId, String changeType, String fieldName, String oldValue, String newValue,
                 Instant detectedAt) {
    }

    String FEED = """
            SELECT c.id, c.asset_id, c.scan_id, c.change_type, c.field_name, c.old_value, c.new_value, c.detected_at,
                   a.ip, a.mac
            FROM asset_changes c JOIN assets a ON a.id = c.asset_id""";

    @SqlBatch("""
            INSERT INTO asset_changes (asset_id, scan_id, change_type, field_name, old_value, new_value, detected_at)
            VALUES (:assetId, :scanId, :changeType, :fieldName, :oldValue, :newValue, :detectedAt)""")
    void insertAll(@BindMethods Collection<Write> rows);

    @SqlQuery(FEED + " ORDER BY c.detected_at DESC, c.id DESC LIMIT :limit OFFSET :offset")
    List<AssetChange> feed(int limit, long offset);

    @SqlQuery("SELECT COUNT(*) FROM asset_changes")
    long count();

    @SqlQuery(FEED + " WHERE c.scan_id = :scanId ORDER BY c.id")
    List<AssetChange> ofScan(String scanId);

    @SqlQuery(FEED + " WHERE c.detected_at >= :since ORDER BY c.detected_at, c.id")
    List<AssetChange> since(Instant since);

    @SqlQuery(FEED + " ORDER BY c.id")
    List<AssetChange> all();
}
