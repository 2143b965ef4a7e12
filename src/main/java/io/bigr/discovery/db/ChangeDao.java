package io.bigr.discovery.db;

import io.bigr.discovery.core.AssetChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The change log ({@code asset_changes}). */
@RegisterConstructorMapper(AssetChange.class)
public interface ChangeDao extends org.jdbi.v3.sqlobject.SqlObject {
    /** One change row to write. */
    record Write(String assetId, String scanId, String changeType, String fieldName, String oldValue, String newValue,
                 Instant detectedAt) {
    }

    /**
     * Every change type: those a save writes, in the order it writes them for one asset (docs/DOMAIN.md §3.4, §3.15,
     * §3.17), then a user's merges and splits (§3.17).
     */
    List<String> TYPES = List.of("new_asset", "mac_linked", "field_changed", "port_closed", "port_opened",
            "asset_returned", "asset_missed", "asset_gone", "assets_merged", "asset_split");

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

    /**
     * Which changes to list: each null criterion matches everything. {@code since} is inclusive, {@code before}
     * exclusive; {@code ip} matches the asset's ip text exactly.
     */
    record Filter(String type, String ip, Instant since, Instant before) {
        public static final Filter ALL = new Filter(null, null, null, null);

        String where() {
            List<String> terms = new java.util.ArrayList<>();
            if (type != null) {
                terms.add("c.change_type = :type");
            }
            if (ip != null) {
                terms.add("a.ip = :ip");
            }
            if (since != null) {
                terms.add("c.detected_at >= :since");
            }
            if (before != null) {
                terms.add("c.detected_at < :before");
            }
            return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
        }

        /** Binds the criteria {@link #where} named, and only those. */
        org.jdbi.v3.core.statement.Query bind(org.jdbi.v3.core.statement.Query q) {
            if (type != null) {
                q.bind("type", type);
            }
            if (ip != null) {
                q.bind("ip", ip);
            }
            if (since != null) {
                q.bind("since", since);
            }
            if (before != null) {
                q.bind("before", before);
            }
            return q;
        }
    }

    /** One page of the feed, newest first, filtered. */
    default List<AssetChange> feed(Filter f, int limit, long offset) {
        org.jdbi.v3.core.statement.Query q = getHandle().createQuery(FEED + f.where()
                + " ORDER BY c.detected_at DESC, c.id DESC LIMIT :limit OFFSET :offset");
        return f.bind(q).bind("limit", limit).bind("offset", offset)
                .map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(AssetChange.class)).list();
    }

    /** How many changes the filter matches. */
    default long count(Filter f) {
        return f.bind(getHandle().createQuery("SELECT COUNT(*) FROM asset_changes c JOIN assets a ON a.id = c.asset_id"
                + f.where())).mapTo(Long.class).one();
    }

    /** An asset's consecutive misses so far: its asset_missed rows after its last new_asset or asset_returned row. */
    record MissStreak(String assetId, int misses) {
    }

    @SqlQuery("""
            SELECT c.asset_id, COUNT(*) AS misses FROM asset_changes c
            WHERE c.change_type = 'asset_missed' AND c.asset_id IN (<ids>)
              AND c.id > COALESCE((SELECT MAX(c2.id) FROM asset_changes c2 WHERE c2.asset_id = c.asset_id
                                   AND c2.change_type IN ('new_asset', 'asset_returned')), 0)
            GROUP BY c.asset_id""")
    @RegisterConstructorMapper(MissStreak.class)
    List<MissStreak> missStreaks(@BindList("ids") Collection<String> ids);

    @SqlQuery(FEED + " WHERE c.scan_id = :scanId ORDER BY c.id")
    List<AssetChange> ofScan(String scanId);

    @SqlQuery(FEED + " WHERE c.detected_at >= :since ORDER BY c.detected_at, c.id")
    List<AssetChange> since(Instant since);

    @SqlQuery(FEED + " ORDER BY c.id")
    List<AssetChange> all();
}
