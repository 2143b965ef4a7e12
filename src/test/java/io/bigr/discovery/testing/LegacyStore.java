package io.bigr.discovery.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A SQLite inventory exactly as an earlier release's local store wrote it (docs/DOMAIN.md §1.2, "Local store" variant):
 * made with raw SQL, CREATE TABLE IF NOT EXISTS with TEXT timestamps and local-store defaults, the three switch
 * columns appended by ALTER TABLE, no Liquibase tables, ISO-8601 text timestamps in both the {@code +00:00} and the
 * {@code Z} spelling, 0/1 booleans and JSON text in the earlier releases' style ({@code [22, 443]}).
 */
public final class LegacyStore {
    public static final String S1 = "11111111-1111-4111-8111-111111111111";
    public static final String S2 = "22222222-2222-4222-8222-222222222222";
    public static final String A1 = "aaaaaaaa-0000-4000-8000-000000000001";
    public static final String A2 = "aaaaaaaa-0000-4000-8000-000000000002";
    public static final String A3 = "aaaaaaaa-0000-4000-8000-000000000003";

    static final List<String> DDL = List.of("""
            CREATE TABLE IF NOT EXISTS scans (
                id TEXT PRIMARY KEY, target TEXT NOT NULL, scan_method TEXT NOT NULL, started_at TEXT NOT NULL,
                completed_at TEXT, total_assets INTEGER NOT NULL DEFAULT 0, is_root INTEGER NOT NULL DEFAULT 0)""", """
            CREATE TABLE IF NOT EXISTS assets (
                id TEXT PRIMARY KEY, ip TEXT NOT NULL, mac TEXT, hostname TEXT, vendor TEXT, os_hint TEXT,
                bigr_category TEXT NOT NULL DEFAULT 'unclassified', confidence_score REAL NOT NULL DEFAULT 0.0,
                scan_method TEXT NOT NULL DEFAULT 'passive', first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
                manual_category TEXT, manual_note TEXT, is_ignored INTEGER NOT NULL DEFAULT 0, UNIQUE (ip, mac))""", """
            CREATE TABLE IF NOT EXISTS scan_assets (
                scan_id TEXT NOT NULL REFERENCES scans(id), asset_id TEXT NOT NULL REFERENCES assets(id),
                open_ports TEXT, confidence_score REAL NOT NULL DEFAULT 0.0,
                bigr_category TEXT NOT NULL DEFAULT 'unclassified', raw_evidence TEXT,
                PRIMARY KEY (scan_id, asset_id))""", """
            CREATE TABLE IF NOT EXISTS asset_changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT, asset_id TEXT NOT NULL REFERENCES assets(id),
                scan_id TEXT NOT NULL REFERENCES scans(id), change_type TEXT NOT NULL, field_name TEXT,
                old_value TEXT, new_value TEXT, detected_at TEXT NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS subnets (
                cidr TEXT PRIMARY KEY, label TEXT DEFAULT '', vlan_id INTEGER, last_scanned TEXT,
                asset_count INTEGER DEFAULT 0)""", """
            CREATE TABLE IF NOT EXISTS switches (
                host TEXT PRIMARY KEY, community TEXT DEFAULT 'public', version TEXT DEFAULT '2c', label TEXT DEFAULT '',
                last_polled TEXT, mac_count INTEGER DEFAULT 0)""", """
            CREATE TABLE IF NOT EXISTS certificates (
                id INTEGER PRIMARY KEY AUTOINCREMENT, ip TEXT NOT NULL, port INTEGER NOT NULL, cn TEXT, issuer TEXT,
                issuer_org TEXT, valid_from TEXT, valid_to TEXT, serial TEXT, key_size INTEGER, key_algorithm TEXT,
                is_self_signed INTEGER DEFAULT 0, is_expired INTEGER DEFAULT 0, days_until_expiry INTEGER, san TEXT,
                last_checked TEXT NOT NULL, UNIQUE (ip, port))""");

    static final List<String> SWITCH_COLUMNS = List.of(
            "ALTER TABLE assets ADD COLUMN switch_host TEXT",
            "ALTER TABLE assets ADD COLUMN switch_port TEXT",
            "ALTER TABLE assets ADD COLUMN switch_port_index INTEGER");

    static final List<String> ROWS = List.of(
            "INSERT INTO scans VALUES ('" + S1 + "', '10.0.0.0/24', 'active', '2026-01-15T10:00:00+00:00',"
                    + " '2026-01-15T10:05:00.123456+00:00', 2, 1)",
            "INSERT INTO scans (id, target, scan_method, started_at) VALUES ('" + S2 + "', '10.0.0.0/24', 'passive',"
                    + " '2026-01-16T09:00:00Z')",
            "INSERT INTO assets (id, ip, mac, hostname, vendor, os_hint, bigr_category, confidence_score, scan_method,"
                    + " first_seen, last_seen, manual_category, manual_note) VALUES ('" + A1 + "', '10.0.0.1',"
                    + " 'aa:bb:cc:dd:ee:01', 'gw2', 'Cisco', 'Linux (Server)', 'ag_ve_sistemler', 0.9, 'active',"
                    + " '2026-01-15T10:00:00+00:00', '2026-01-16T09:00:00Z', 'iot', 'lab yazıcısı')",
            "INSERT INTO assets (id, ip, mac, hostname, first_seen, last_seen) VALUES ('" + A2 + "', '10.0.0.2', NULL,"
                    + " 'printer', '2026-01-15T10:00:00.5+00:00', '2026-01-15T10:00:00.5+00:00')",
            "INSERT INTO assets (id, ip, mac, bigr_category, confidence_score, scan_method, first_seen, last_seen)"
                    + " VALUES ('" + A3 + "', '10.0.0.3', 'aa:bb:cc:dd:ee:03', 'iot', 0.45, 'passive',"
                    + " '2026-01-16T09:00:00Z', '2026-01-16T09:00:00Z')",
            "INSERT INTO scan_assets VALUES ('" + S1 + "', '" + A1 + "', '[22, 443]', 0.9, 'ag_ve_sistemler',"
                    + " '{\"vendor\": \"Cisco\", \"ports\": [22, 443]}')",
            "INSERT INTO scan_assets VALUES ('" + S1 + "', '" + A2 + "', '[]', 0.0, 'unclassified', NULL)",
            "INSERT INTO scan_assets VALUES ('" + S2 + "', '" + A1 + "', '[443]', 0.9, 'ag_ve_sistemler', '{}')",
            "INSERT INTO scan_assets (scan_id, asset_id, open_ports) VALUES ('" + S2 + "', '" + A3 + "', '[80]')",
            "INSERT INTO asset_changes (asset_id, scan_id, change_type, detected_at) VALUES ('" + A1 + "', '" + S1
                    + "', 'new_asset', '2026-01-15T10:05:01.000123+00:00')",
            "INSERT INTO asset_changes (asset_id, scan_id, change_type, detected_at) VALUES ('" + A2 + "', '" + S1
                    + "', 'new_asset', '2026-01-15T10:05:01.000123+00:00')",
            "INSERT INTO asset_changes (asset_id, scan_id, change_type, field_name, old_value, new_value, detected_at)"
                    + " VALUES ('" + A1 + "', '" + S2 + "', 'field_changed', 'hostname', 'gw', 'gw2',"
                    + " '2026-01-16T09:00:01Z')",
            "INSERT INTO asset_changes (asset_id, scan_id, change_type, detected_at) VALUES ('" + A3 + "', '" + S2
                    + "', 'new_asset', '2026-01-16T09:00:01Z')",
            "INSERT INTO subnets (cidr, label, vlan_id, last_scanned, asset_count) VALUES ('10.0.0.0/24', NULL, 10,"
                    + " '2026-01-16T09:00:01+00:00', 3)",
            "INSERT INTO subnets (cidr) VALUES ('192.168.1.0/24')",
            "INSERT INTO switches (host, label) VALUES ('10.0.0.250', 'core')",
            "INSERT INTO certificates (ip, port, cn, issuer, issuer_org, valid_from, valid_to, serial, key_size,"
                    + " key_algorithm, is_self_signed, is_expired, days_until_expiry, san, last_checked) VALUES"
                    + " ('10.0.0.1', 443, 'gw.local', 'gw.local', NULL, '2025-01-01T00:00:00+00:00',"
                    + " '2030-01-01T00:00:00+00:00', '0a1b', 2048, 'RSA', 1, 0, 1446, '[\"gw.local\", \"gw\"]',"
                    + " '2026-01-16T09:00:02+00:00')");

    private LegacyStore() {
    }

    /** Writes the fixture to {@code jdbcUrl} (a new SQLite file); the switch columns only when asked. */
    public static void create(String jdbcUrl, boolean withSwitchColumns, List<String> extraRows) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            for (String sql : DDL) {
                s.execute(sql);
            }
            if (withSwitchColumns) {
                for (String sql : SWITCH_COLUMNS) {
                    s.execute(sql);
                }
            }
            for (String sql : ROWS) {
                s.execute(sql);
            }
            if (withSwitchColumns) {
                s.execute("UPDATE assets SET switch_host = '10.0.0.250', switch_port = 'Gi0/3', switch_port_index = 3"
                        + " WHERE id = '" + A1 + "'");
            }
            for (String sql : extraRows) {
                s.execute(sql);
            }
        }
    }
}
