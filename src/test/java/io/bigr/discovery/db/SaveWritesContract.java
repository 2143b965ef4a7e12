package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.DatabaseContract;
import io.bigr.discovery.testing.TestDb;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk write path of a save ({@link SaveWrites#forDialect}: COPY on PostgreSQL, plain JDBC batches on SQLite)
 * stores exactly what the SQL objects' statements ({@link SaveWrites#STATEMENTS}) store: the same scans, assets,
 * snapshots, change rows (ids and order included), links and data version, over a sequence of saves that walks change
 * detection (new, field and port changes, a manual tag, a rotated random MAC, a miss, a return, a streamed save, an
 * idempotent replay) with text that needs escaping in every text column: tabs, newlines, carriage returns,
 * backslashes (a lone {@code \N} and {@code \.} too), quotes, non-ASCII and astral characters. A NUL, which
 * PostgreSQL cannot store and the input boundary refuses, stores nothing on either path. Run once per database by
 * {@link SqliteSaveWritesIT} and {@link PostgresSaveWritesIT}.
 */
abstract class SaveWritesContract extends DatabaseContract {
    private static final String NET = "10.0.0.0/28";
    private static final ScanCoverage FULL = new ScanCoverage(List.of("10.0.0.0-10.0.0.15"), "22,80,443", true, 0,
            30);
    /** Text that needs escaping in COPY's text format, or that looks like its markers. */
    private static final String AWKWARD = "tab\there, new\nline, cr\r, back\\slash, \\N, \\., \"dq\" 'sq' ` ünï "
            + "çødé 中文 🚀 \u00a0\u2028 end";

    /** A second database, written through the statements; {@link #db} is written through the bulk path. */
    private TestDb reference;

    @BeforeAll
    void openReference() {
        reference = newDatabase().migrate();
    }

    @AfterAll
    void closeReference() throws Exception {
        if (reference != null) {
            reference.close();
        }
    }

    @BeforeEach
    void emptyBoth() {
        for (TestDb d : List.of(db, reference)) {
            for (String table : List.of("asset_ports", "asset_links", "asset_changes", "scan_assets", "assets",
                    "scans")) {
                d.execute("DELETE FROM " + table);
            }
        }
    }

    protected InventoryStore bulk() {
        return new InventoryStore(db.jdbi(), db.dialect(), InventoryStore.Presence.DEFAULT,
                SaveWrites.forDialect(db.dialect()));
    }

    private InventoryStore statements() {
        return new InventoryStore(reference.jdbi(), reference.dialect(), InventoryStore.Presence.DEFAULT,
                SaveWrites.STATEMENTS);
    }

    @Test
    void theBulkPathIsNotTheStatementPath() {
        assertThat(SaveWrites.forDialect(db.dialect())).isNotEqualTo(SaveWrites.STATEMENTS);
    }

    @Test
    void bulkAndStatementSavesStoreIdenticalRows() {
        List<Long> bulkVersions = scenario(db, bulk());
        List<Long> statementVersions = scenario(reference, statements());

        for (String table : List.of("scans", "assets", "scan_assets", "asset_changes", "asset_links", "asset_ports",
                "latest_snapshots")) {
            assertThat(dump(db, table)).as(table).isEqualTo(dump(reference, table)).isNotEmpty();
        }
        for (List<Long> versions : List.of(bulkVersions, statementVersions)) {
            for (int i = 1; i < versions.size(); i++) {
                assertThat(versions.get(i)).as("data version after save " + i).isGreaterThan(versions.get(i - 1));
            }
        }
        if (db.dialect() == Dialect.POSTGRESQL) {
            // Once per transaction on both paths (SQLite's row triggers bump per row on the statement path).
            assertThat(deltas(bulkVersions)).isEqualTo(deltas(statementVersions));
        }
        assertThat(triggers(db)).isEqualTo(triggers(reference));
        // The awkward text came back as it went in, through the DAOs' reads.
        assertThat(daos.assets().byIp("10.0.0.1").get(0).hostname()).isEqualTo("h1 " + AWKWARD + " renamed");
        assertThat(daos.snapshots().history("10.0.0.1", null).get(0).rawEvidence().path("banner").asText())
                .isEqualTo(AWKWARD);
    }

    /**
     * A NUL (which the input boundary refuses before any save) is refused by PostgreSQL on both paths, with nothing
     * stored; SQLite stores it on both.
     */
    @Test
    void aNulIsTreatedAlikeOnBothPaths() {
        Asset nul = host("10.0.0.9", "00:11:22:33:44:09", "nul\u0000host", 22);
        if (db.dialect() == Dialect.POSTGRESQL) {
            for (InventoryStore store : List.of(bulk(), statements())) {
                assertThatThrownBy(() -> store.save(scan(T0, null, nul))).isInstanceOf(RuntimeException.class);
            }
            assertThat(daos.scans().count()).isZero();
            assertThat(daos.assets().count()).isZero();
            assertThat(reference.daos().assets().count()).isZero();
        } else {
            bulk().save(scan(T0, null, nul));
            statements().save(scan(T0, null, nul));
            assertThat(dump(db, "assets")).isEqualTo(dump(reference, "assets"));
        }
    }

    /** COPY fires the statement trigger that bumps the data version (docs/DOMAIN.md §6.14), once per transaction. */
    @Test
    void aCopyAloneBumpsTheDataVersionOnce() {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.dialect() == Dialect.POSTGRESQL, "COPY is PostgreSQL's");
        String scanId = bulk().save(scan(T0, null, host("10.0.0.1", "00:11:22:33:44:01", "h", 22))).scanId();
        String assetId = daos.assets().byIp("10.0.0.1").get(0).id();
        long before = version(db);
        db.jdbi().useTransaction(h -> {
            for (int i = 0; i < 2; i++) {
                try (PgCopy copy = PgCopy.into(h, "asset_changes", SaveWrites.CHANGE_COLUMNS)) {
                    copy.text(assetId).text(scanId).text("field_changed").text("hostname").text("a\tb").text(null)
                            .time(T0).endRow();
                    copy.finish();
                }
            }
        });
        assertThat(version(db)).isEqualTo(before + 1);
        assertThat(daos.changes().ofScan(scanId)).extracting(c -> c.oldValue()).contains("a\tb");
    }

    /** The saves, each followed by the data version. */
    private List<Long> scenario(TestDb d, InventoryStore store) {
        List<Long> versions = new ArrayList<>();
        versions.add(version(d));
        Asset a1 = host("10.0.0.1", "00:11:22:33:44:01", "h1 " + AWKWARD, 22, 80)
                .withVendor("vendor " + AWKWARD).withOsHint("\\N").withEvidence(evidence())
                .withSwitch("switch\t1", "Gi1/0/1 \\ \"uplink\"", 7);
        Asset a2 = new Asset(IpAddress.of("10.0.0.2"), null, null, null, List.of(), null, BigrCategory.UNCLASSIFIED,
                0.0, ScanMethod.PASSIVE, T0.plusNanos(123_456_789), T0.plusNanos(1_000_500), null, null, null, null,
                "printer\tx", "product\\y", "os\nz", "1.0\r");
        Asset a3 = host("10.0.0.3", "02:00:00:00:00:03", "Phone-ü", 443);
        Asset a4 = host("10.0.0.4", "00:11:22:33:44:04", "\\.", 80);
        store.save(scan(T0, FULL, a1, a2, a3, a4));
        versions.add(version(d));

        d.daos().assets().tag("10.0.0.2", "iot", "note " + AWKWARD);
        Asset a1b = a1.withHostname("h1 " + AWKWARD + " renamed").withOpenPorts(List.of(22, 443))
                .withClassification(BigrCategory.IOT, 1.0 / 3, evidence());
        Asset a2b = a2.withVendor("Vendor\\\t").withScanMethod(ScanMethod.ACTIVE);
        Asset a3b = host("10.0.0.3", "02:00:00:00:00:33", "phone-ü", 443);
        Asset a5 = host("10.0.0.5", null, AWKWARD, 22);
        store.save(scan(T0.plus(Duration.ofMinutes(10)), FULL, a1b, a2b, a3b, a5));
        versions.add(version(d));

        List<Asset> third = List.of(a1b, a2b.withOsHint(AWKWARD), a3b, a4.withHostname("back"),
                host("10.0.0.6", "00:11:22:33:44:06", null), host("10.0.0.7", "00:11:22:33:44:07", "x\ty", 1, 65535));
        ScanResult header = scan(T0.plus(Duration.ofMinutes(20)), FULL);
        int[] next = {0};
        store.saveStreamed(header, third.size(), () -> {
            if (next[0] >= third.size()) {
                return null;
            }
            List<Asset> batch = third.subList(next[0], Math.min(third.size(), next[0] + 2));
            next[0] += 2;
            return batch;
        });
        versions.add(version(d));

        // Past SaveWrites.MUTE_FROM: the bulk path's large-save set-up (SQLite's muted row triggers) runs too.
        List<Asset> many = many(SaveWrites.MUTE_FROM + 200, "");
        store.save(scan(T0.plus(Duration.ofMinutes(25)), null, many.toArray(Asset[]::new)));
        versions.add(version(d));
        List<Asset> renamed = many(SaveWrites.MUTE_FROM + 300, " renamed");
        store.save(scan(T0.plus(Duration.ofMinutes(26)), null, renamed.toArray(Asset[]::new)));
        versions.add(version(d));
        // A large scan posted late: its snapshots are kept, the latest copies stay the later scans'.
        List<Asset> late = many(SaveWrites.MUTE_FROM + 100, " late");
        store.save(scan(T0.plus(Duration.ofMinutes(24)), null, late.toArray(Asset[]::new)));
        versions.add(version(d));

        ScanResult plain = scan(T0.plus(Duration.ofMinutes(30)), null, a1b, a5);
        ScanResult keyed = new ScanResult(plain.target(), plain.scanMethod(), plain.startedAt(), plain.completedAt(),
                false, plain.assets(), plain.details(), "key:one");
        assertThat(store.save(keyed).replayed()).isFalse();
        assertThat(store.save(keyed).replayed()).isTrue();
        versions.add(version(d));
        return versions;
    }

    /** {@code n} assets 10.1.x.y, every seventh with awkward text, hostnames ending in {@code suffix}. */
    private static List<Asset> many(int n, String suffix) {
        List<Asset> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = (i % 7 == 0 ? "h" + i + " " + AWKWARD : "h" + i) + suffix;
            Asset a = host("10.1." + (i >> 8) + "." + (i & 255), String.format(java.util.Locale.ROOT,
                    "00:22:00:00:%02x:%02x", i >> 8, i & 255), name, 22, 80 + i % 3);
            out.add(i % 7 == 0 ? a.withEvidence(evidence()) : a);
        }
        return out;
    }

    /** A large save that fails part-way rolls back whole: rows, and on SQLite its muted triggers come back. */
    @Test
    void aLargeSaveThatFailsLeavesTheTriggersAndNoRows() {
        List<String> before = triggers(db);
        List<Asset> many = many(SaveWrites.MUTE_FROM + 10, "");
        List<Asset> withDuplicate = new ArrayList<>(many);
        withDuplicate.add(many.get(3));
        int[] next = {0};
        assertThatThrownBy(() -> bulk().saveStreamed(scan(T0, null), withDuplicate.size(), () -> {
            if (next[0] >= withDuplicate.size()) {
                return null;
            }
            List<Asset> batch = withDuplicate.subList(next[0], Math.min(withDuplicate.size(), next[0] + 500));
            next[0] += 500;
            return batch;
        })).hasMessageContaining("duplicate");
        assertThat(daos.assets().count()).isZero();
        assertThat(triggers(db)).isEqualTo(before).isNotEmpty();
        long version = version(db);
        daos.assets().tag("10.1.0.1", "iot", null);
        bulk().save(scan(T0, null, many.get(0)));
        assertThat(version(db)).isGreaterThan(version);
    }

    /** The data-version triggers of the tables a save writes, as stored. */
    private static List<String> triggers(TestDb d) {
        String sql = d.dialect() == Dialect.SQLITE
                ? "SELECT name || ' ' || sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
                : "SELECT tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname";
        return d.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private static ObjectNode evidence() {
        ObjectNode e = Json.object().put("banner", AWKWARD).put("plain", "x");
        e.putObject("identity").putObject("device_type").put("value", "cam\t\\N\n\\.\r ü 🚀");
        e.putArray("port_rules").add("ssh\\").add("\n");
        return e;
    }

    private static Asset host(String ip, String mac, String hostname, Integer... ports) {
        return new Asset(IpAddress.of(ip), MacAddress.ofNullable(mac), hostname, null, List.of(ports), null,
                BigrCategory.UNCLASSIFIED, 0.5, ScanMethod.ACTIVE, T0.plusMillis(1), T0.plusMillis(2), null, null, null,
                null);
    }

    private static ScanResult scan(Instant started, ScanCoverage coverage, Asset... assets) {
        ObjectNode details = Json.object().put("mode", "active\t" + AWKWARD);
        if (coverage != null) {
            details.set(ScanCoverage.DETAILS_KEY, coverage.toJson());
        }
        return new ScanResult(NET, ScanMethod.ACTIVE, started, started.plusSeconds(60), false, List.of(assets),
                details);
    }

    private static List<Long> deltas(List<Long> versions) {
        return versions.stream().map(v -> v - versions.get(0)).toList();
    }

    private static long version(TestDb d) {
        return d.jdbi().withHandle(h -> h.createQuery("SELECT version FROM data_version WHERE id = 1")
                .mapTo(Long.class).one());
    }

    /**
     * Every row of {@code table} as text, in a stable order, with the random ids (asset and scan UUIDs) replaced by
     * what identifies them in both databases: an asset's first (ip, mac) and a scan's start; a change row's
     * {@code detected_at} (the clock at its save) by the save's rank, its id by its rank (so the order of the change
     * rows is compared too).
     */
    private static List<String> dump(TestDb d, String table) {
        return d.jdbi().withHandle(h -> {
            Map<String, String> names = new HashMap<>();
            h.createQuery("SELECT id, started_at FROM scans").map((rs, ctx) -> names.put(rs.getString(1),
                    "scan@" + rs.getString(2))).list();
            h.createQuery("SELECT a.id, COALESCE(l.ip, a.ip) AS ip, COALESCE(l.mac, a.mac) AS mac FROM assets a"
                    + " LEFT JOIN asset_links l ON l.asset_id = a.id").map((rs, ctx) -> names.put(rs.getString(1),
                    "asset@" + rs.getString(2) + "|" + rs.getString(3))).list();
            List<String> saves = h.createQuery("SELECT DISTINCT detected_at FROM asset_changes ORDER BY detected_at")
                    .mapTo(String.class).list();
            for (int i = 0; i < saves.size(); i++) {
                names.put(saves.get(i), "save#" + i);
            }
            Map<String, String> changeIds = new HashMap<>();
            List<String> ids = h.createQuery("SELECT id FROM asset_changes ORDER BY id").mapTo(String.class).list();
            for (int i = 0; i < ids.size(); i++) {
                changeIds.put(ids.get(i), "change#" + (i + 1));
            }
            return rows(h, table, "asset_changes".equals(table) ? changeIds : Map.of(), names);
        });
    }

    private static List<String> rows(Handle h, String table, Map<String, String> ids, Map<String, String> names) {
        try (var st = h.getConnection().createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringJoiner row = new StringJoiner(" | ");
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    String v = rs.getString(c);
                    String column = md.getColumnName(c).toLowerCase(java.util.Locale.ROOT);
                    row.add(column + "=" + ("id".equals(column) && !ids.isEmpty() ? ids : names).getOrDefault(v, v));
                }
                out.add(row.toString());
            }
            out.sort(null);
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
