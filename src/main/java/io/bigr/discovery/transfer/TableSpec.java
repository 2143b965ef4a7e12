package io.bigr.discovery.transfer;

import static io.bigr.discovery.transfer.ColumnKind.BOOLEAN;
import static io.bigr.discovery.transfer.ColumnKind.DOUBLE;
import static io.bigr.discovery.transfer.ColumnKind.INTEGER;
import static io.bigr.discovery.transfer.ColumnKind.JSON;
import static io.bigr.discovery.transfer.ColumnKind.TEXT;
import static io.bigr.discovery.transfer.ColumnKind.TIMESTAMP;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.bigr.discovery.core.InventoryAsset;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the transfer knows about one of the 7 tables (docs/DOMAIN.md §1): the conflict key it copies by, whether its
 * {@code id} is an identity column, the kind of each known column, and the values the managed schema requires where
 * the local-store variant allowed NULL or had no column at all (docs/DOMAIN.md §1.7-§1.9).
 *
 * <p>Columns not listed here (added by later changeSets) are still copied: their kind is inferred from the declared
 * type, see {@link #kindOf}.
 *
 * @param key      the natural key; a row whose key is already in the target is never written again
 * @param identity true when {@code id} is an auto-increment column whose explicit value may be replaced by a fresh
 *                 one when it is taken by a different row in the target
 */
record TableSpec(String name, List<String> key, boolean identity, Map<String, ColumnKind> kinds,
                 Map<String, Object> defaults) {

    static final TableSpec SCANS = new TableSpec("scans", List.of("id"), false,
            Map.of("id", TEXT, "target", TEXT, "scan_method", TEXT, "started_at", TIMESTAMP,
                    "completed_at", TIMESTAMP, "total_assets", INTEGER, "is_root", BOOLEAN, "status", TEXT,
                    "details", JSON),
            Map.of("scan_method", "passive", "total_assets", 0L, "is_root", false, "status", "completed"));

    /** Columns and kinds from {@link InventoryAsset}, the declaration of the {@code assets} row. */
    static final TableSpec ASSETS = new TableSpec("assets", List.of("id"), false, kindsOf(InventoryAsset.class),
            Map.of("bigr_category", "unclassified", "confidence_score", 0.0, "scan_method", "passive",
                    "is_ignored", 0L, "status", "online"));

    static final TableSpec SCAN_ASSETS = new TableSpec("scan_assets", List.of("scan_id", "asset_id"), false,
            Map.of("scan_id", TEXT, "asset_id", TEXT, "open_ports", JSON, "confidence_score", DOUBLE,
                    "bigr_category", TEXT, "raw_evidence", JSON, "device_type", TEXT, "product", TEXT, "os", TEXT,
                    "os_version", TEXT),
            Map.of("confidence_score", 0.0, "bigr_category", "unclassified"));

    static final TableSpec ASSET_CHANGES = new TableSpec("asset_changes", List.of("id"), true,
            Map.of("id", INTEGER, "asset_id", TEXT, "scan_id", TEXT, "change_type", TEXT, "field_name", TEXT,
                    "old_value", TEXT, "new_value", TEXT, "detected_at", TIMESTAMP),
            Map.of());

    static final TableSpec SUBNETS = new TableSpec("subnets", List.of("cidr"), false,
            Map.of("cidr", TEXT, "label", TEXT, "vlan_id", INTEGER, "last_scanned", TIMESTAMP,
                    "asset_count", INTEGER),
            Map.of("label", "", "asset_count", 0L));

    static final TableSpec SWITCHES = new TableSpec("switches", List.of("host"), false,
            Map.ofEntries(Map.entry("host", TEXT), Map.entry("community", TEXT), Map.entry("version", TEXT),
                    Map.entry("label", TEXT), Map.entry("last_polled", TIMESTAMP), Map.entry("mac_count", INTEGER),
                    Map.entry("snmp_user", TEXT), Map.entry("auth_protocol", TEXT),
                    Map.entry("auth_secret", TEXT), Map.entry("priv_protocol", TEXT),
                    Map.entry("priv_secret", TEXT)),
            Map.of("community", "public", "version", "2c", "label", "", "mac_count", 0L));

    static final TableSpec CERTIFICATES = new TableSpec("certificates", List.of("ip", "port"), true,
            Map.ofEntries(Map.entry("id", INTEGER), Map.entry("ip", TEXT), Map.entry("port", INTEGER),
                    Map.entry("cn", TEXT), Map.entry("issuer", TEXT), Map.entry("issuer_org", TEXT),
                    Map.entry("valid_from", TIMESTAMP), Map.entry("valid_to", TIMESTAMP), Map.entry("serial", TEXT),
                    Map.entry("key_size", INTEGER), Map.entry("key_algorithm", TEXT),
                    Map.entry("signature_algorithm", TEXT), Map.entry("is_self_signed", BOOLEAN),
                    Map.entry("is_expired", BOOLEAN), Map.entry("days_until_expiry", INTEGER),
                    Map.entry("san", JSON), Map.entry("last_checked", TIMESTAMP)),
            Map.of("is_self_signed", false, "is_expired", false));

    /**
     * Column name (a record component's name in snake_case) to the kind its Java type stores as: {@link Instant} is a
     * timestamp, {@code double} a double, {@code int}/{@link Integer} an integer, {@code boolean} a boolean, anything
     * else (text, enums stored by value) text.
     */
    static Map<String, ColumnKind> kindsOf(Class<? extends Record> row) {
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        PropertyNamingStrategies.SnakeCaseStrategy snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        for (RecordComponent c : row.getRecordComponents()) {
            Class<?> t = c.getType();
            ColumnKind kind = t == Instant.class ? TIMESTAMP
                    : t == double.class || t == Double.class ? DOUBLE
                    : t == int.class || t == Integer.class || t == long.class || t == Long.class ? INTEGER
                    : t == boolean.class || t == Boolean.class ? BOOLEAN
                    : TEXT;
            kinds.put(snake.translate(c.getName()), kind);
        }
        return Collections.unmodifiableMap(kinds);
    }

    /** Parents before children (docs/DOMAIN.md §8.4 step 2). */
    static final List<TableSpec> ALL =
            List.of(SCANS, ASSETS, SCAN_ASSETS, ASSET_CHANGES, SUBNETS, SWITCHES, CERTIFICATES);

    /**
     * The kind of a column: as listed, else inferred from a declared type name. PostgreSQL's type names are exact
     * ({@code timestamptz}, {@code bool}, {@code float8}), so the caller passes the PostgreSQL side's name when there
     * is one; between two SQLite files an epoch-millis INTEGER copies faithfully as an integer.
     */
    ColumnKind kindOf(String column, String declaredType) {
        ColumnKind known = kinds.get(column);
        if (known != null) {
            return known;
        }
        String t = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT);
        if (t.contains("timestamp")) {
            return TIMESTAMP;
        }
        if (t.startsWith("bool")) {
            return BOOLEAN;
        }
        if (t.contains("double") || t.contains("float") || t.contains("real") || t.contains("numeric")) {
            return DOUBLE;
        }
        if (t.contains("int")) {
            return INTEGER;
        }
        return TEXT;
    }
}
