package io.bigr.discovery.db;

import io.bigr.discovery.core.BigrCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page of the inventory list ({@code GET /api/assets}): filters combined with AND, a sort on one listed column
 * with the asset id as tie-break, and a keyset position ({@link After}) instead of an offset, so a deep page costs
 * what the first one does and rows never shift between pages. Builds the SQL for either database; the values are
 * always bound, never spliced.
 *
 * @param text       free text: a case-insensitive substring of ip, mac, hostname or vendor (already lower-cased)
 * @param deviceType the fingerprint identity's device type, exactly (docs/DOMAIN.md §4.15), or null
 * @param subnetLo   first address of the subnet filter (with {@code subnetHi}), or null
 * @param port       an open port of the asset's latest snapshot (docs/DOMAIN.md §3.6: {@code asset_ports}), or null
 * @param seenSince  last_seen at or after, or null
 * @param seenBefore last_seen before, or null
 */
public record InventoryQuery(String text, BigrCategory category, String vendor, String deviceType, String subnetLo, String subnetHi,
                             Integer port, String status, Instant seenSince, Instant seenBefore, Sort sort,
                             boolean descending, After after, int limit) {

    /** How a sort column's values compare (and how a cursor carries them). */
    public enum Kind { TEXT, NUMBER, TIME, IP }

    /** The sortable columns: every listed column except the ports (a list) and the Turkish label (the category's). */
    public enum Sort {
        ID("id", Kind.TEXT), IP("ip", Kind.IP), MAC("mac", Kind.TEXT), HOSTNAME("hostname", Kind.TEXT),
        VENDOR("vendor", Kind.TEXT), OS_HINT("os_hint", Kind.TEXT), BIGR_CATEGORY("bigr_category", Kind.TEXT),
        CONFIDENCE_SCORE("confidence_score", Kind.NUMBER), SCAN_METHOD("scan_method", Kind.TEXT),
        FIRST_SEEN("first_seen", Kind.TIME), LAST_SEEN("last_seen", Kind.TIME), STATUS("status", Kind.TEXT),
        MANUAL_CATEGORY("manual_category", Kind.TEXT), MANUAL_NOTE("manual_note", Kind.TEXT),
        SWITCH_HOST("switch_host", Kind.TEXT), SWITCH_PORT("switch_port", Kind.TEXT),
        SWITCH_PORT_INDEX("switch_port_index", Kind.NUMBER), DEVICE_TYPE("device_type", Kind.TEXT),
        PRODUCT("product", Kind.TEXT), OS("os", Kind.TEXT), OS_VERSION("os_version", Kind.TEXT);

        private final String column;
        private final Kind kind;

        Sort(String column, Kind kind) {
            this.column = column;
            this.kind = kind;
        }

        public String column() {
            return column;
        }

        public Kind kind() {
            return kind;
        }

        /** The sort of a column name; null when the name is not sortable. */
        public static Sort of(String column) {
            for (Sort s : values()) {
                if (s.column.equals(column.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            return null;
        }

        /** The value the page's ordering compares: NULL text as '' and a NULL number as -1, so keysets never meet NULL. */
        String expression(Dialect dialect) {
            String col = "a." + column;
            return switch (kind) {
                case IP -> SqlFunctions.ipKey(dialect, col);
                case TIME -> col;
                case NUMBER -> this == CONFIDENCE_SCORE ? col : "COALESCE(" + col + ", -1)";
                case TEXT -> this == ID ? col + collate(dialect) : "COALESCE(" + col + ", '')" + collate(dialect);
            };
        }

        /** The bound keyset value in the same form as {@link #expression}. */
        String parameter(Dialect dialect) {
            return switch (kind) {
                case IP -> SqlFunctions.ipKey(dialect, ":k");
                case TEXT -> ":k" + collate(dialect);
                default -> ":k";
            };
        }

        /** The key of a row as its sort compares it ({@link After#value}). */
        public Object keyOf(io.bigr.discovery.core.InventoryAsset a) {
            return switch (this) {
                case ID -> a.id();
                case IP -> a.ip();
                case MAC -> nz(a.mac());
                case HOSTNAME -> nz(a.hostname());
                case VENDOR -> nz(a.vendor());
                case OS_HINT -> nz(a.osHint());
                case BIGR_CATEGORY -> a.bigrCategory().value();
                case CONFIDENCE_SCORE -> a.confidenceScore();
                case SCAN_METHOD -> nz(a.scanMethod());
                case FIRST_SEEN -> a.firstSeen();
                case LAST_SEEN -> a.lastSeen();
                case STATUS -> nz(a.status());
                case MANUAL_CATEGORY -> nz(a.manualCategory());
                case MANUAL_NOTE -> nz(a.manualNote());
                case SWITCH_HOST -> nz(a.switchHost());
                case SWITCH_PORT -> nz(a.switchPort());
                case SWITCH_PORT_INDEX -> a.switchPortIndex() == null ? -1.0 : a.switchPortIndex().doubleValue();
                case DEVICE_TYPE -> nz(a.deviceType());
                case PRODUCT -> nz(a.product());
                case OS -> nz(a.os());
                case OS_VERSION -> nz(a.osVersion());
            };
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    /**
     * Where the previous page ended: its last row's sort key (text for TEXT and IP, a Double for NUMBER, an Instant
     * for TIME) and id.
     */
    public record After(Object value, String id) {
    }

    /** Code-point order on both databases (PostgreSQL's default collation ignores punctuation). */
    static String collate(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    /** The WHERE clause of the filters (without the keyset) and its bindings. */
    Map<String, Object> where(Dialect dialect, List<String> conditions) {
        Map<String, Object> binds = new LinkedHashMap<>();
        if (text != null) {
            String like = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            List<String> any = new ArrayList<>();
            for (String col : List.of("a.ip", "a.mac", "a.hostname", "a.vendor")) {
                any.add(contains(dialect, col));
            }
            conditions.add("(" + String.join(" OR ", any) + ")");
            binds.put("q", like);
        }
        if (category != null) {
            conditions.add("a.bigr_category = :category");
            binds.put("category", category.value());
        }
        if (vendor != null) {
            conditions.add(SqlFunctions.lower(dialect, "a.vendor") + " = :vendor");
            binds.put("vendor", vendor);
        }
        if (deviceType != null) {
            conditions.add("a.device_type = :deviceType");
            binds.put("deviceType", deviceType);
        }
        if (subnetLo != null) {
            conditions.add(SqlFunctions.IP_BETWEEN);
            binds.put("lo", subnetLo);
            binds.put("hi", subnetHi);
        }
        if (port != null) {
            // The latest ports as rows (AssetPortDao): a primary-key probe per asset, or the port index's run.
            conditions.add("EXISTS (SELECT 1 FROM asset_ports ap WHERE ap.asset_id = a.id AND ap.port = :port)");
            binds.put("port", port);
        }
        if (status != null) {
            conditions.add("a.status = :status");
            binds.put("status", status);
        }
        if (seenSince != null) {
            conditions.add("a.last_seen >= :since");
            binds.put("since", seenSince);
        }
        if (seenBefore != null) {
            conditions.add("a.last_seen < :before");
            binds.put("before", seenBefore);
        }
        return binds;
    }

    /**
     * {@code col} holds the lower-cased {@code :q} pattern once lower-cased itself with {@code Locale.ROOT}. On SQLite
     * that fold is a Java function (SQLite's own folds ASCII only), and one call per column and row made a search of
     * 100,000 assets take seconds; but SQLite's LIKE already ignores the case of ASCII letters, so text of
     * ASCII alone (or NULL) is matched by LIKE directly, and only text with another character goes through
     * {@code bigr_lower}.
     */
    private static String contains(Dialect dialect, String col) {
        String folded = SqlFunctions.lower(dialect, col) + " LIKE :q ESCAPE '!'";
        if (dialect == Dialect.POSTGRESQL) {
            return folded;
        }
        // More bytes than characters: a character beyond ASCII (a GLOB for one cost more than the LIKE it spared).
        return "CASE WHEN length(CAST(" + col + " AS BLOB)) > length(" + col + ") THEN " + folded + " ELSE " + col
                + " LIKE :q ESCAPE '!' END";
    }

    /** SELECT of one page (limit + 1 rows, so the caller knows whether another page follows). */
    String pageSql(Dialect dialect, List<String> conditions) {
        return orderedSql(dialect, conditions) + " LIMIT :limit";
    }

    /** SELECT of every matching row in the query's order (the export), no keyset, no limit. */
    String allSql(Dialect dialect, List<String> conditions) {
        return orderedSql(dialect, conditions);
    }

    private String orderedSql(Dialect dialect, List<String> conditions) {
        String key = sort.expression(dialect);
        String dir = descending ? "DESC" : "ASC";
        if (after != null) {
            conditions.add("(" + key + ", a.id" + collate(dialect) + ") " + (descending ? "<" : ">") + " ("
                    + sort.parameter(dialect) + ", :kid" + collate(dialect) + ")");
        }
        String orderById = sort == Sort.ID ? "" : ", a.id" + collate(dialect) + " " + dir;
        return "SELECT " + AssetDao.QUALIFIED_COLUMNS + " FROM assets a"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + key + " " + dir + orderById;
    }

    static String countSql(List<String> conditions) {
        return "SELECT COUNT(*) FROM assets a" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }
}
