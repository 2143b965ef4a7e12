package io.bigr.discovery.db;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InputBounds;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.IpAddress;
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
public interface AssetDao extends org.jdbi.v3.sqlobject.SqlObject {
    /** {@link InventoryAsset#COLUMNS} as the constant SQL annotations need (AssetColumnsIT holds the two equal). */
    String COLUMNS = "id, ip, mac, hostname, vendor, os_hint, bigr_category, confidence_score, scan_method, first_seen,"
            + " last_seen, manual_category, manual_note, is_ignored, switch_host, switch_port, switch_port_index, status,"
            + " device_type, product, os, os_version";
    /** {@link #COLUMNS} of the table aliased {@code a}. */
    String QUALIFIED_COLUMNS = "a.id, a.ip, a.mac, a.hostname, a.vendor, a.os_hint, a.bigr_category,"
            + " a.confidence_score, a.scan_method, a.first_seen, a.last_seen, a.manual_category, a.manual_note,"
            + " a.is_ignored, a.switch_host, a.switch_port, a.switch_port_index, a.status,"
            + " a.device_type, a.product, a.os, a.os_version";

    /** The values one save writes for one asset. */
    record Write(String id, String ip, String mac, String hostname, String vendor, String osHint,
                 BigrCategory bigrCategory,
                 double confidenceScore, String scanMethod, Instant firstSeen, Instant lastSeen, String switchHost,
                 String switchPort, Integer switchPortIndex, String deviceType, String product, String os,
                 String osVersion) {
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE id = :id")
    java.util.Optional<InventoryAsset> byId(String id);

    /** Rows whose hostname, lower-cased, is one of {@code names} (already lower-case); for MAC linking (§3.17). */
    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE LOWER(hostname) IN (<names>)")
    List<InventoryAsset> findByHostnames(@BindList("names") Collection<String> names);

    /** Gives a row a new identity (a linked, rotated MAC; §3.17). */
    @SqlUpdate("UPDATE assets SET ip = :ip, mac = :mac WHERE id = :id")
    int reidentify(String id, String ip, String mac);

    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE ip IN (<ips>)")
    List<InventoryAsset> findByIps(@BindList("ips") Collection<String> ips);

    /**
     * Every asset whose ip text lies in [lo, hi] in code-point order: a superset the caller filters. {@code collate}
     * is {@code COLLATE "C"} on PostgreSQL (whose default collation ignores the dots) and empty on SQLite (BINARY).
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE ip <collate> >= :lo AND ip <collate> <= :hi")
    List<InventoryAsset> findByIpRange(@org.jdbi.v3.sqlobject.customizer.Define("collate") String collate, String lo,
                                       String hi);

    @SqlBatch("""
            INSERT INTO assets (id, ip, mac, hostname, vendor, os_hint, bigr_category, confidence_score, scan_method,
                                first_seen, last_seen, is_ignored, switch_host, switch_port, switch_port_index,
                                device_type, product, os, os_version)
            VALUES (:id, :ip, :mac, :hostname, :vendor, :osHint, :bigrCategory, :confidenceScore, :scanMethod,
                    :firstSeen, :lastSeen, 0, :switchHost, :switchPort, :switchPortIndex,
                    :deviceType, :product, :os, :osVersion)""")
    void insertAll(@BindMethods Collection<Write> rows);

    /** Rows per set-based UPDATE statement: 12 parameters each, far below both databases' parameter limits. */
    int UPDATE_CHUNK = 500;

    /**
     * Overwrites the six tracked fields, the four identity fields and last_seen and sets the status online; first_seen, tags and switch
     * placement are kept. One {@code UPDATE ... FROM (VALUES ...)} per chunk instead of one statement per row (identical SQL on SQLite 3.33+
     * and PostgreSQL; VALUES columns are column1..N on both, and the casts give PostgreSQL the parameter types).
     */
    default void updateAll(java.util.List<Write> rows) {
        for (int from = 0; from < rows.size(); from += UPDATE_CHUNK) {
            java.util.List<Write> chunk = rows.subList(from, Math.min(rows.size(), from + UPDATE_CHUNK));
            StringBuilder sql = new StringBuilder("UPDATE assets SET hostname = v.column2, vendor = v.column3,"
                    + " os_hint = v.column4, bigr_category = v.column5, confidence_score = v.column6,"
                    + " scan_method = v.column7, last_seen = v.column8, device_type = v.column9, product = v.column10,"
                    + " os = v.column11, os_version = v.column12, status = 'online' FROM (VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(CAST(? AS VARCHAR(36)), CAST(? AS TEXT), CAST(? AS TEXT),"
                        + " CAST(? AS TEXT), CAST(? AS VARCHAR(32)), CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(16)),"
                        + " CAST(? AS TIMESTAMPTZ), CAST(? AS VARCHAR(64)), CAST(? AS TEXT), CAST(? AS TEXT),"
                        + " CAST(? AS TEXT))");
            }
            sql.append(") AS v WHERE assets.id = v.column1");
            org.jdbi.v3.core.statement.Update update = getHandle().createUpdate(sql.toString());
            int p = 0;
            for (Write w : chunk) {
                update.bind(p++, w.id()).bind(p++, w.hostname()).bind(p++, w.vendor()).bind(p++, w.osHint())
                        .bind(p++, w.bigrCategory()).bind(p++, w.confidenceScore()).bind(p++, w.scanMethod())
                        .bind(p++, w.lastSeen()).bind(p++, w.deviceType()).bind(p++, w.product())
                        .bind(p++, w.os()).bind(p++, w.osVersion());
            }
            update.execute();
        }
    }

    /** A status to set (docs/DOMAIN.md §3.15). */
    record StatusWrite(String id, String status) {
    }

    @SqlBatch("UPDATE assets SET status = :status WHERE id = :id")
    void setStatuses(@BindMethods Collection<StatusWrite> rows);

    /** Assets not gone whose ip text starts with {@code pattern} (a LIKE pattern): a superset the caller filters. */
    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE ip LIKE :pattern AND status <> 'gone' ORDER BY ip, id")
    List<InventoryAsset> presentWithPrefix(String pattern);

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

    /** The asset id that closes the next chunk of {@code size} ids after {@code after} (keyset); null past the end. */
    @SqlQuery("SELECT MAX(id) FROM (SELECT id FROM assets WHERE id > :after ORDER BY id LIMIT :size) c")
    String chunkEnd(String after, int size);

    @SqlQuery("SELECT COUNT(*) FROM assets")
    long count();

    /**
     * One page of the inventory list: at most {@code query.limit() + 1} rows in the query's order after its keyset
     * (the extra row tells the caller another page follows). One statement whatever the inventory size.
     */
    default List<InventoryAsset> list(InventoryQuery query) {
        Dialect dialect = dialect();
        List<String> conditions = new java.util.ArrayList<>();
        java.util.Map<String, Object> binds = query.where(dialect, conditions);
        org.jdbi.v3.core.statement.Query q = getHandle().createQuery(query.pageSql(dialect, conditions));
        binds.forEach(q::bind);
        if (query.after() != null) {
            q.bind("k", query.after().value()).bind("kid", query.after().id());
        }
        return q.bind("limit", query.limit() + 1)
                .map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(InventoryAsset.class)).list();
    }

    /** The number of assets the query's filters keep (its keyset and limit ignored). */
    default long countMatching(InventoryQuery query) {
        List<String> conditions = new java.util.ArrayList<>();
        java.util.Map<String, Object> binds = query.where(dialect(), conditions);
        org.jdbi.v3.core.statement.Query q = getHandle().createQuery(InventoryQuery.countSql(conditions));
        binds.forEach(q::bind);
        return q.mapTo(Long.class).one();
    }

    /** The database this DAO's handle talks to. */
    private Dialect dialect() {
        try {
            return Dialect.of(getHandle().getConnection().getMetaData().getURL());
        } catch (java.sql.SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE ip = :ip ORDER BY last_seen DESC, id")
    List<InventoryAsset> byIp(String ip);

    @SqlUpdate("UPDATE assets SET manual_category = :category, manual_note = :note WHERE ip = :ip")
    int setManual(String ip, String category, String note);

    /**
     * Sets the manual category of every inventory row with this IP. {@code unclassified} and unknown values are
     * rejected; a blank note is stored as none. Returns the number of rows tagged (0 for an unknown IP).
     */
    default int tag(String ip, String category, String note) {
        BigrCategory c = BigrCategory.parse(category).filter(BigrCategory.TAGGABLE::contains)
                .orElseThrow(() -> new InvalidInputException("category", "Invalid category "
                        + InputBounds.quote(category) + ". Valid: " + BigrCategory.taggableValues()));
        String text = InputBounds.text("note", note);
        return setManual(InputBounds.ip("ip", ip).value(), c.value(), text == null || text.isBlank() ? null : text);
    }

    /** Clears the manual category of every row with that IP (given in any form {@link IpAddress} accepts). */
    default int untag(String ip) {
        return clearManual(InputBounds.ip("ip", ip).value());
    }

    @SqlUpdate("UPDATE assets SET manual_category = NULL, manual_note = NULL WHERE ip = :ip")
    int clearManual(String ip);

    @SqlQuery("SELECT " + COLUMNS + " FROM assets WHERE manual_category IS NOT NULL ORDER BY ip, mac")
    List<InventoryAsset> tagged();
}
