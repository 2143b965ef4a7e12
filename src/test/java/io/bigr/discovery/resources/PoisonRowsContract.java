package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No poison rows (docs/DOMAIN.md §2.8): rows an earlier release or another writer left, with values no way in accepts
 * today (timestamps in the year 2400, 999999 or before 1970, infinity, text in a time column on SQLite, numbers past
 * every range, a MAC of 64 junk characters or 10,000 on SQLite, JSON columns that are not JSON or nested 5,000 deep,
 * unknown categories and statuses), are written straight into the tables. Every read route and {@code bigr history},
 * {@code changes} and {@code tags} still answer. Then changeSet 13-2 is run again over them and repairs or quarantines
 * each one: afterwards the values are in range and the originals are kept in {@code quarantined_values}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PoisonRowsContract {
    static final List<String> READS = List.of("/api/data", "/api/data?scope=inventory", "/api/assets",
            "/api/assets?sort=-last_seen", "/api/assets?sort=ip", "/api/assets?sort=first_seen&order=asc",
            "/api/assets/10.9.0.1", "/api/assets/export?format=csv", "/api/assets/export?format=jsonl", "/api/scans",
            "/api/scans/p1", "/api/scans/p2", "/api/scans/p3", "/api/changes", "/api/changes?since=2026-01-01",
            "/api/subnets", "/api/switches", "/api/certificates", "/api/certificates?expiring_within=30",
            "/api/topology", "/api/topology/subnet/10.9.0.0%2F24", "/api/compliance", "/api/analytics?days=3650",
            "/api/risk", "/api/vulnerabilities", "/api/health");

    TestDb db;

    abstract Dialect dialect();

    @BeforeAll
    void poison() {
        db = poisoned(TestDb.create(dialect()).migrate());
    }

    /** {@code db} with the poison rows written straight into its tables. */
    private TestDb poisoned(TestDb db) {
        boolean sqlite = dialect() == Dialect.SQLITE;
        // SQLite keeps epoch milliseconds and any type in any column; PostgreSQL keeps timestamptz up to 294276 AD.
        String y2400 = sqlite ? "13569465600000" : "'2400-01-01T00:00:00Z'";
        String y999999 = sqlite ? "31494784780800000" : "'infinity'";
        String beforeEpoch = sqlite ? "-62198755200000" : "'0002-01-01 00:00:00+00 BC'";
        String farPast = sqlite ? "-9223372036854775807" : "'-infinity'";
        String textTime = sqlite ? "'yesterday'" : "'294276-12-31T00:00:00Z'";
        String now = sqlite ? "1767225600000" : "'2026-01-01T00:00:00Z'";
        String longMac = sqlite ? "'" + "m".repeat(10_000) + "'" : "'" + "m".repeat(64) + "'";
        String deep = "'" + "[".repeat(5000) + "'";
        db.execute("INSERT INTO scans (id, target, scan_method, started_at, completed_at, total_assets, is_root, status)"
                + " VALUES ('p1', '10.9.0.0/24', 'active', " + y2400 + ", " + y999999 + ", 2, " + bool(true)
                + ", 'completed'), ('p2', '10.9.0.0/24', 'weird', " + beforeEpoch + ", " + farPast + ", -5, "
                + bool(false) + ", 'zombie'), ('p3', 'x', 'passive', " + now + ", " + textTime + ", 1, " + bool(false)
                + ", 'completed')");
        db.execute("INSERT INTO assets (id, ip, mac, hostname, bigr_category, confidence_score, scan_method,"
                + " first_seen, last_seen, manual_category, status) VALUES"
                + " ('a1', '10.9.0.1', " + longMac + ", 'h', 'bogus', 1e300, 'weird', " + farPast + ", " + y999999
                + ", 'nonsense', 'zombie'),"
                + " ('a2', '127.1', NULL, NULL, 'iot', -5, 'active', " + beforeEpoch + ", " + textTime
                + ", NULL, 'online'),"
                + " ('a3', 'nope', 'AA-BB-CC-DD-EE-FF', NULL, 'iot', 0.5, 'active', " + now + ", " + y2400
                + ", NULL, 'missed')");
        db.execute("INSERT INTO scan_assets (scan_id, asset_id, open_ports, confidence_score, bigr_category,"
                + " raw_evidence) VALUES ('p1', 'a1', '[99999999999, \"x\", null, -5]', 7.0, 'bogus', " + deep + "),"
                + " ('p1', 'a2', 'garbage', 0.5, 'iot', '{\"banners\": 5, \"identity\": [1]}'),"
                + " ('p3', 'a3', NULL, 0.5, 'iot', 'null')");
        db.execute("INSERT INTO asset_changes (asset_id, scan_id, change_type, field_name, old_value, new_value,"
                + " detected_at) VALUES ('a1', 'p1', 'weird_type', 'f', NULL, NULL, " + y999999 + "),"
                + " ('a2', 'p2', 'asset_missed', 'consecutive_misses', 'x', 'y', " + farPast + ")");
        db.execute("INSERT INTO subnets (cidr, label, vlan_id, last_scanned, asset_count) VALUES"
                + " ('garbage', 'l', 2000000000, " + y999999 + ", -5), ('10.9.0.0/24', 'lab', -3, " + farPast
                + ", 2)");
        db.execute("INSERT INTO certificates (ip, port, cn, valid_from, valid_to, key_size, is_self_signed,"
                + " is_expired, days_until_expiry, san, last_checked) VALUES"
                + " ('10.9.0.1', 99999999, 'c', " + farPast + ", " + y999999 + ", 2147483647, " + bool(false) + ", "
                + bool(false) + ", 2147483647, '[null, 5]', " + y2400 + "),"
                + " ('nope', -1, NULL, NULL, " + beforeEpoch + ", -7, " + bool(true) + ", " + bool(true)
                + ", NULL, 'not json', " + textTime + ")");
        db.execute("INSERT INTO switches (host, community, version, label, last_polled, mac_count) VALUES"
                + " ('sw-poison', 'plain-text-not-encrypted', 'zz', 'x', " + y999999 + ", -1)");
        return db;
    }

    private String bool(boolean b) {
        return dialect() == Dialect.SQLITE ? (b ? "1" : "0") : Boolean.toString(b);
    }

    @AfterAll
    void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void everyReadAnswersOverPoisonRows() throws Exception {
        List<String> failed = new java.util.ArrayList<>();
        try (ApiApp app = ApiApp.start(db)) {
            for (String path : READS) {
                try (Response r = app.get(path)) {
                    String body = r.readEntity(String.class);
                    if (r.getStatus() >= 500) {
                        failed.add(path + ": " + r.getStatus() + " " + body);
                    }
                }
            }
            assertThat(failed).isEmpty();
            JsonNode scans = app.getJson("/api/scans");
            assertThat(scans.get("total").asInt()).isEqualTo(3);
        }
        Path home = Files.createTempDirectory("bigr-poison-home");
        for (String[] args : new String[][] {{"history"}, {"changes"}, {"tags"}, {"subnets", "list"},
            {"certs", "list"}, {"snmp", "list"}}) {
            Cli.Result r = Cli.run(db, home, args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    @Order(2)
    void theRepairChangeSetQuarantinesOutOfRangeValues() throws Exception {
        try (TestDb fresh = poisoned(TestDb.create(dialect()).migrate())) {
            assertRepaired(fresh);
        }
    }

    private void assertRepaired(TestDb db) {
        // Run changeSet 13-2 again over the poison rows, as a database upgraded with such rows in it would.
        db.execute("DELETE FROM DATABASECHANGELOG WHERE id = '13-2-quarantine-out-of-range'");
        db.execute("DROP TABLE quarantined_values");
        db.migrate();
        List<String> quarantined = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT table_name || '.' || column_name || ':' || row_key FROM quarantined_values"
                        + " ORDER BY table_name, column_name, row_key").mapTo(String.class).list());
        assertThat(quarantined).contains("scans.started_at:p1", "scans.completed_at:p1", "scans.started_at:p2",
                "assets.last_seen:a1", "assets.first_seen:a1", "assets.first_seen:a2", "assets.last_seen:a3",
                "subnets.vlan_id:garbage", "subnets.vlan_id:10.9.0.0/24", "certificates.key_size:10.9.0.1 99999999",
                "certificates.valid_to:10.9.0.1 99999999", "asset_changes.detected_at:1");
        long outOfRange = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM scans WHERE started_at < :lo OR started_at > :hi
                          OR completed_at < :lo OR completed_at > :hi)
                     + (SELECT count(*) FROM assets WHERE first_seen < :lo OR first_seen > :hi
                          OR last_seen < :lo OR last_seen > :hi)
                     + (SELECT count(*) FROM subnets WHERE vlan_id < 1 OR vlan_id > 4094)
                     + (SELECT count(*) FROM certificates WHERE key_size < 0 OR key_size > 65536
                          OR port < 1 OR port > 65535)""")
                .bind("lo", java.time.Instant.EPOCH).bind("hi", java.time.Instant.now().plusSeconds(86_400 * 2))
                .mapTo(Long.class).one());
        assertThat(outOfRange).isZero();
        try (ApiApp app = ApiApp.start(db)) {
            JsonNode data = app.getJson("/api/data");
            assertThat(data.get("id").asText()).as("the year-2400 scan is no longer the latest forever")
                    .isNotEqualTo("p1");
        }
    }
}
