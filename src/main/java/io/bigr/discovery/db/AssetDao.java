package io.bigr.discovery.db;

import io.bigr.discovery.core.InventoryAsset;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The living inventory ({@code assets}): reads, set-based writes, manual tags. */
@RegisterConstructorMapper(InventoryAsset.class)
public interface AssetDao {
    String COLUMNS = "id, ip, mac, hostname, vendor, os_hint, bigr_category, confidence_score, scan_method, first_seen,"
            + " last_seen, manual_category, manual_note, is_ignored, switch_host, switch_port, switch_port_index";

    /** The values one save writes for one asset. */
    record Write(String id, String ip, String mac, String hostname, String vendor, String osHint, String bigrCategory,
                 double confidenceScore, String scanMethod, Instant firstSeen, Instant lastSeen, String switchHost,
                 String switchPort, Integer switchPortIndex) {
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE ip IN (<ips>)")
    List<InventoryAsset> findByIps(@BindList("ips") Collection<String> ips);

    @SqlBatch("""
            INSERT INTO assets (id, ip, mac, hostname, vendor, os_hint, bigr_category, confidence_score, scan_method,
                                first_seen, last_seen, is_ignored, switch_host, switch_port, switch_port_index)
            VALUES (:id, :ip, :mac, :hostname, :vendor, :osHint, :bigrCategory, :confidenceScore, :scanMethod,
                    :firstSeen, :lastSeen, 0, :switchHost, :switchPort, :switchPortIndex)""")
    void insertAll(@BindMethods Collection<Write> rows);

    /** Overwrites the six tracked fields and last_seen; first_seen, tags and switch placement are kept. */
    @SqlBatch("""
            UPDATE assets SET hostname = :hostname, vendor = :vendor, os_hint = :osHint, bigr_category = :bigrCategory,
                   confidence_score = :confidenceScore, scan_method = :scanMethod, last_seen = :lastSeen
            WHERE id = :id""")
    void updateAll(@BindMethods Collection<Write> rows);

    /** Switch placement, written only for assets the scan actually located on a switch port. */
    @SqlBatch("""
            UPDATE assets SET switch_host = :switchHost, switch_port = :switchPort, switch_port_index = :switchPortIndex
            WHERE id = :id""")
    void placeAll(@BindMethods Collection<Write> rows);

    @SqlUpdate("""
            UPDATE assets SET switch_host = :switchHost, switch_port = :switchPort, switch_port_index = :portIndex
            WHERE mac = :mac""")
    int placeByMac(String mac, String switchHost, String switchPort, Integer portIndex);

    @SqlQuery("SELECT " + COLUMNS + " FROM assets ORDER BY last_seen DESC, id LIMIT :limit OFFSET :offset")
    List<InventoryAsset> page(int limit, long offset);

    @SqlQuery("SELECT " + COLUMNS + " FROM assets ORDER BY last_seen DESC, id")
    List<InventoryAsset> all();

    /** Every row in inventory order, fetched in chunks; on PostgreSQL call it inside a transaction (cursor). */
    @SqlQuery("SELECT " + COLUMNS + " FROM assets ORDER BY last_seen DESC, id")
    @FetchSize(1000)
    ResultIterator<InventoryAsset> iterateAll();

    @SqlQuery("SELECT COUNT(*) FROM assets")
    long count();

    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE ip = :ip ORDER BY last_seen DESC, id")
    List<InventoryAsset> byIp(String ip);

    @SqlUpdate("UPDATE assets SET manual_category = :category, manual_note = :note WHERE ip = :ip")
    int tag(String ip, String category, String note);

    @SqlUpdate("UPDATE assets SET manual_category = NULL, manual_note = NULL WHERE ip = :ip")
    int untag(String ip);

    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE manual_category IS NOT NULL ORDER BY ip, mac")
    List<InventoryAsset> tagged();
}
