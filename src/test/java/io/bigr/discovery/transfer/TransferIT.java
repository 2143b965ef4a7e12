package io.bigr.discovery.transfer;

import static io.bigr.discovery.testing.LegacyStore.A1;
import static io.bigr.discovery.testing.LegacyStore.A2;
import static io.bigr.discovery.testing.LegacyStore.A3;
import static io.bigr.discovery.testing.LegacyStore.S1;
import static io.bigr.discovery.testing.LegacyStore.S2;
import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.core.SwitchInfo;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.testing.LegacyStore;
import io.bigr.discovery.testing.StoreContents;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bigr transfer}'s engine on real databases: earlier-release SQLite files and this version's files into the
 * local PostgreSQL, idempotence, failure reporting, identity mapping, sequences, and PostgreSQL back to SQLite.
 */
class TransferIT {
    private final java.util.List<TestDb> opened = new java.util.ArrayList<>();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @AfterEach
    void close() throws Exception {
        for (TestDb db : opened) {
            db.close();
        }
    }

    private TestDb open(TestDb db) {
        opened.add(db);
        return db;
    }

    /** The local PostgreSQL database as a libpq-style URL, the form Neon and Render hand out. */
    static String libpqUrl(TestDb db) {
        return db.url().replace("jdbc:postgresql://", "postgresql://" + TestDb.PG_USER + "@") + "?sslmode=disable";
    }

    private TransferReport transfer(String from, String to, int batch) throws Exception {
        return new Transfer(Endpoint.of(from), Endpoint.of(to), new Transfer.Options(false, batch),
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
    }

    /** Every asset's latest open ports as the store keeps them (docs/DOMAIN.md §3.6). */
    private static Map<String, List<Integer>> latestPorts(Daos daos) {
        return daos.ports().portsOf(daos.assets().all().stream().map(InventoryAsset::id).toList());
    }

    private TestDb legacyFile(List<String> extraRows) throws Exception {
        TestDb file = open(TestDb.sqlite());
        LegacyStore.create(file.url(), true, extraRows);
        return file;
    }

    private static Map<String, Long> inserted(TransferReport r) {
        return r.tables().stream().collect(java.util.stream.Collectors.toMap(TableReport::table,
                TableReport::inserted));
    }

    @Test
    void earlierReleaseFileArrivesCompleteInPostgresAndASecondRunChangesNothing() throws Exception {
        TestDb file = legacyFile(List.of());
        TestDb pg = open(TestDb.postgres());

        TransferReport first = transfer("sqlite:///" + file.url().substring("jdbc:sqlite:".length()), libpqUrl(pg), 2);

        assertThat(first.ok()).as(progress.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(inserted(first)).containsExactlyInAnyOrderEntriesOf(Map.of("scans", 2L, "assets", 3L,
                "scan_assets", 4L, "asset_changes", 4L, "subnets", 2L, "switches", 1L, "certificates", 1L));
        first.tables().forEach(t -> assertThat(t.targetAfter()).as(t.table()).isEqualTo(t.read()));
        assertThat(first.table("switches").notes())
                .containsExactly("SNMP community strings are copied as stored; earlier releases kept them in plain text");
        Daos daos = pg.daos();
        // The latest open ports are rebuilt from the copied snapshots (an earlier release's file has no such table).
        Map<String, List<Integer>> fromSnapshots = new java.util.HashMap<>();
        daos.snapshots().latestPortsOf(List.of(A1, A2, A3)).stream().filter(p -> !p.openPorts().isEmpty())
                .forEach(p -> fromSnapshots.put(p.assetId(), p.openPorts()));
        assertThat(latestPorts(daos)).isEqualTo(fromSnapshots).isNotEmpty();
        assertThat(first.notes()).anyMatch(n -> n.startsWith("latest open ports rebuilt"));

        ScanDetail s1 = daos.scans().detail(S1).orElseThrow();
        assertThat(s1.target()).isEqualTo("10.0.0.0/24");
        assertThat(s1.scanMethod()).isEqualTo("active");
        assertThat(s1.startedAt()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
        assertThat(s1.completedAt()).isEqualTo(Instant.parse("2026-01-15T10:05:00.123Z"));
        assertThat(s1.totalAssets()).isEqualTo(2);
        assertThat(s1.isRoot()).isTrue();
        assertThat(s1.status()).isEqualTo("completed");
        assertThat(s1.assets()).extracting(a -> a.ip(), a -> a.openPorts())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("10.0.0.1", List.of(22, 443)),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.2", List.of()));
        assertThat(s1.assets().stream().filter(a -> a.ip().equals("10.0.0.1")).findFirst().orElseThrow()
                .rawEvidence().toString()).isEqualTo("{\"vendor\":\"Cisco\",\"ports\":[22,443]}");
        ScanDetail s2 = daos.scans().detail(S2).orElseThrow();
        assertThat(s2.startedAt()).isEqualTo(Instant.parse("2026-01-16T09:00:00Z"));
        assertThat(s2.completedAt()).isNull();
        assertThat(s2.isRoot()).isFalse();
        assertThat(s2.totalAssets()).isZero();

        assertThat(daos.assets().byIp("10.0.0.1")).containsExactly(new InventoryAsset(A1, "10.0.0.1",
                "aa:bb:cc:dd:ee:01", "gw2", "Cisco", "Linux (Server)", BigrCategory.AG_VE_SISTEMLER, 0.9, "active",
                Instant.parse("2026-01-15T10:00:00Z"), Instant.parse("2026-01-16T09:00:00Z"), "iot", "lab yazıcısı", 0,
                "10.0.0.250", "Gi0/3", 3, "online", null, null, null, null));
        assertThat(daos.assets().byIp("10.0.0.2")).containsExactly(new InventoryAsset(A2, "10.0.0.2", null, "printer",
                null, null, BigrCategory.UNCLASSIFIED, 0.0, "passive", Instant.parse("2026-01-15T10:00:00.500Z"),
                Instant.parse("2026-01-15T10:00:00.500Z"), null, null, 0, null, null, null, "online", null, null, null, null));

        List<AssetChange> changes = daos.changes().feed(100, 0);
        assertThat(changes).extracting(AssetChange::id).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(changes.stream().filter(c -> c.id() == 3).findFirst().orElseThrow()).isEqualTo(new AssetChange(3,
                A1, S2, "field_changed", "hostname", "gw", "gw2", Instant.parse("2026-01-16T09:00:01Z"), "10.0.0.1",
                "aa:bb:cc:dd:ee:01"));
        assertThat(changes.stream().filter(c -> c.id() == 1).findFirst().orElseThrow().detectedAt())
                .isEqualTo(Instant.parse("2026-01-15T10:05:01Z")); // microseconds truncated to milliseconds

        assertThat(daos.subnets().all()).containsExactly(
                new Subnet("10.0.0.0/24", "", 10, Instant.parse("2026-01-16T09:00:01Z"), 3),
                new Subnet("192.168.1.0/24", "", null, null, 0));
        assertThat(daos.switches().all()).containsExactly(new SwitchInfo("10.0.0.250", "2c", "core", null, 0, null, true));
        Certificate cert = daos.certificates().all().get(0);
        assertThat(cert.ip()).isEqualTo("10.0.0.1");
        assertThat(cert.port()).isEqualTo(443);
        assertThat(cert.san()).containsExactly("gw.local", "gw");
        assertThat(cert.isSelfSigned()).isTrue();
        assertThat(cert.keySize()).isEqualTo(2048);
        assertThat(cert.validTo()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(cert.lastChecked()).isEqualTo(Instant.parse("2026-01-16T09:00:02Z"));

        StoreContents afterFirst = StoreContents.of(daos);
        TransferReport second = transfer(file.url(), libpqUrl(pg), 3);
        assertThat(second.ok()).isTrue();
        assertThat(second.inserted()).isZero();
        second.tables().forEach(t -> assertThat(t.skipReasons()).as(t.table())
                .containsOnlyKeys(t.read() == 0 ? List.of() : List.of("already in the target")));
        assertThat(StoreContents.of(daos)).isEqualTo(afterFirst);

        // The identity sequences were moved past the copied ids: a normal save writes new change rows.
        InventoryStore.SaveOutcome saved = daos.store().save(scan("10.0.0.0/24", TestData.T0.plusSeconds(86_400 * 3),
                asset("10.0.0.9", "aa:bb:cc:dd:ee:09")));
        assertThat(saved.newAssets()).isEqualTo(1);
        assertThat(daos.changes().ofScan(saved.scanId())).extracting(AssetChange::id).containsExactly(5L);
        daos.certificates().save(new Certificate(null, "10.0.0.9", 8443, "x", null, null, null, null, null, null, null,
                false, false, null, List.of(), null, null));
        assertThat(daos.certificates().all()).extracting(Certificate::id).contains(2L);
    }

    @Test
    void aFileFromThisVersionArrivesIdenticalInPostgres() throws Exception {
        TestDb file = open(TestDb.sqlite()).migrate();
        Daos local = file.daos();
        local.store().save(scan("192.168.1.0/24", asset("192.168.1.1", "aa:bb:cc:00:00:01", "gw", "Cisco",
                BigrCategory.AG_VE_SISTEMLER, 0.85, 22, 443), asset("192.168.1.20", null)));
        local.store().save(scan("192.168.1.0/24", TestData.T0.plusSeconds(3600), asset("192.168.1.1", "aa:bb:cc:00:00:01",
                "gw-renamed", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22), asset("192.168.1.30",
                "aa:bb:cc:00:00:30", "cam", "Hikvision", BigrCategory.IOT, 0.7, 80, 554)));
        local.subnets().add("192.168.1.0/24", "Ofis", 20);
        local.assets().tag("192.168.1.30", "iot", "kamera");
        local.switches().save(new SwitchDao.Credentials("10.9.9.9", "enc:v1:abc", "2c", "edge", null, null, null, null,
                null));
        local.certificates().save(new Certificate(null, "192.168.1.1", 443, "gw", "CA", "Org",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), "01", 2048, "RSA", false,
                false, null, List.of("gw", "gw.lan"), null, "SHA256withRSA"));
        StoreContents expected = StoreContents.of(local);
        assertThat(expected.changes()).hasSizeGreaterThan(3);
        TestDb pg = open(TestDb.postgres());

        TransferReport report = transfer("sqlite:///" + file.url().substring("jdbc:sqlite:".length()),
                libpqUrl(pg), 500);

        assertThat(report.ok()).as(progress.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(StoreContents.of(pg.daos())).isEqualTo(expected);
        assertThat(latestPorts(pg.daos())).isEqualTo(latestPorts(local)).isNotEmpty();
        assertThat(transfer(file.url(), libpqUrl(pg), 1).inserted()).isZero();
        assertThat(latestPorts(pg.daos())).isEqualTo(latestPorts(local));
    }

    @Test
    void rowsThatCannotBeConvertedAreReportedWithKeyAndReasonAndTheRestIsCopied() throws Exception {
        TestDb file = legacyFile(List.of(
                "INSERT INTO scans (id, target, scan_method, started_at) VALUES ('bad-scan', '10.1.0.0/24',"
                        + " 'active', 'yesterday')",
                "INSERT INTO asset_changes (id, asset_id, scan_id, change_type, detected_at) VALUES (40, '" + A3
                        + "', 'bad-scan', 'new_asset', '2026-01-17T00:00:00Z')",
                "INSERT INTO asset_changes (id, asset_id, scan_id, change_type, detected_at) VALUES (41, '" + A2
                        + "', '" + S2 + "', 'new_asset', '2026-13-45T99:00:00Z')",
                "INSERT INTO certificates (ip, port, last_checked, san) VALUES ('10.0.0.2', 8443,"
                        + " '2026-01-16T09:00:02Z', '[not json')"));
        TestDb pg = open(TestDb.postgres());

        TransferReport report = transfer(file.url(), libpqUrl(pg), 2);

        assertThat(report.ok()).isFalse();
        assertThat(report.failed()).isEqualTo(4);
        assertThat(report.table("scans").failures())
                .containsExactly("id=bad-scan: started_at: not an ISO-8601 timestamp: 'yesterday'");
        assertThat(report.table("asset_changes").failures()).containsExactlyInAnyOrder(
                "id=40: its scan bad-scan failed to copy (see scans)",
                "id=41: detected_at: not an ISO-8601 timestamp: '2026-13-45T99:00:00Z'");
        assertThat(report.table("certificates").failures()).singleElement().asString()
                .startsWith("ip=10.0.0.2, port=8443: san: not valid JSON");
        report.tables().forEach(t -> assertThat(t.countsVerified()).as(t.table()).isTrue());
        assertThat(inserted(report)).containsExactlyInAnyOrderEntriesOf(Map.of("scans", 2L, "assets", 3L,
                "scan_assets", 4L, "asset_changes", 4L, "subnets", 2L, "switches", 1L, "certificates", 1L));
        // A second run after the fix copies exactly what failed.
        try (var c = java.sql.DriverManager.getConnection(file.url()); var s = c.createStatement()) {
            s.execute("UPDATE scans SET started_at = '2026-01-17T00:00:00+00:00' WHERE id = 'bad-scan'");
        }
        TransferReport again = transfer(file.url(), libpqUrl(pg), 2);
        assertThat(again.table("scans").inserted()).isEqualTo(1);
        assertThat(again.table("asset_changes").inserted()).isEqualTo(1);
        assertThat(again.failed()).isEqualTo(2);
    }

    @Test
    void theSameDeviceUnderAnotherIdIsMappedSoItsHistoryAttachesToTheTargetsAsset() throws Exception {
        TestDb file = legacyFile(List.of());
        TestDb pg = open(TestDb.postgres()).migrate();
        Daos daos = pg.daos();
        // The server already inventoried 10.0.0.1 (same MAC) and 10.0.0.2 (no MAC) under ids of its own.
        InventoryStore.SaveOutcome server = daos.store().save(scan("10.0.0.0/24", TestData.T0.minusSeconds(86_400),
                asset("10.0.0.1", "aa:bb:cc:dd:ee:01"), asset("10.0.0.2", null)));
        String serverA1 = daos.assets().byIp("10.0.0.1").get(0).id();

        TransferReport report = transfer(file.url(), libpqUrl(pg), 2);

        assertThat(report.ok()).as(progress.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(report.table("assets").inserted()).isEqualTo(1);
        assertThat(report.table("assets").skipReasons()).containsExactly(Map.entry("same (ip, mac) as an asset"
                + " already in the target under another id; its snapshots and changes are attached to that asset",
                2L));
        assertThat(daos.assets().all()).hasSize(3);
        assertThat(daos.assets().byIp("10.0.0.1")).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(serverA1);
            assertThat(a.hostname()).isNull(); // the target's inventory fields are kept, not overwritten
        });
        assertThat(daos.scans().detail(S1).orElseThrow().assets()).extracting(a -> a.assetId()).contains(serverA1);
        assertThat(daos.changes().feed(100, 0)).filteredOn(c -> c.scanId().equals(S2) && "hostname".equals(c.fieldName()))
                .singleElement().extracting(AssetChange::assetId).isEqualTo(serverA1);
        // The server's own change ids 1 and 2 were taken: the source's changes 1 and 2 got fresh ids, none is lost.
        assertThat(daos.changes().feed(100, 0)).hasSize(2 + 4);
        assertThat(daos.changes().ofScan(server.scanId())).hasSize(2);

        TransferReport again = transfer(file.url(), libpqUrl(pg), 3);
        assertThat(again.inserted()).isZero();
        assertThat(again.ok()).isTrue();
        assertThat(daos.changes().feed(100, 0)).hasSize(6);
    }

    @Test
    void postgresCopiesBackToANewSqliteFileForOfflineUse() throws Exception {
        TestDb pg = open(TestDb.postgres()).migrate();
        Daos daos = pg.daos();
        daos.store().save(scan("10.5.0.0/24", asset("10.5.0.1", "aa:00:00:00:00:01", "a", "V", BigrCategory.IOT, 0.3, 80),
                asset("10.5.0.2", null)));
        daos.store().save(scan("10.5.0.0/24", TestData.T0.plusSeconds(60), asset("10.5.0.1", "aa:00:00:00:00:01", "b", "V",
                BigrCategory.IOT, 0.35, 80, 443)));
        daos.subnets().add("10.5.0.0/24", "Depo", null);
        StoreContents expected = StoreContents.of(daos);
        TestDb copy = open(TestDb.sqlite());

        TransferReport report = transfer(libpqUrl(pg), "sqlite:///" + copy.url().substring("jdbc:sqlite:".length()),
                2);

        assertThat(report.ok()).as(progress.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("target migrated"));
        assertThat(StoreContents.of(copy.daos())).isEqualTo(expected);
        assertThat(latestPorts(copy.daos())).isEqualTo(latestPorts(daos)).containsValue(List.of(80, 443));
        // The offline copy is a normal store: the next save appends after the copied change ids.
        long maxId = expected.changes().stream().mapToLong(AssetChange::id).max().orElseThrow();
        InventoryStore.SaveOutcome next = copy.daos().store().save(scan("10.5.0.0/24", TestData.T0.plusSeconds(120),
                asset("10.5.0.3", null)));
        assertThat(copy.daos().changes().ofScan(next.scanId())).extracting(AssetChange::id).containsExactly(maxId + 1);
    }

    @Test
    void aFileWithoutTheSwitchColumnsAndWithMissingTablesCopiesWhatItHas() throws Exception {
        TestDb file = open(TestDb.sqlite());
        LegacyStore.create(file.url(), false, List.of("DROP TABLE certificates", "DROP TABLE switches"));
        TestDb target = open(TestDb.sqlite());

        TransferReport report = transfer(file.url(), target.url(), 100);

        assertThat(report.ok()).isTrue();
        assertThat(report.table("certificates").isMissingInSource()).isTrue();
        assertThat(report.table("switches").isMissingInSource()).isTrue();
        assertThat(target.daos().assets().byIp("10.0.0.1")).singleElement()
                .satisfies(a -> assertThat(a.switchHost()).isNull());
        assertThat(target.daos().assets().all()).hasSize(3);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("certificates: table not found in source");
    }

    @Test
    void aDryRunReadsAndConvertsButWritesNothing() throws Exception {
        TestDb file = legacyFile(List.of());
        TestDb pg = open(TestDb.postgres());

        TransferReport report = new Transfer(Endpoint.of(file.url()), Endpoint.of(libpqUrl(pg)),
                new Transfer.Options(true, 10), new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report.ok()).isTrue();
        assertThat(report.table("scan_assets").inserted()).isEqualTo(4);
        Long tables = pg.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_schema = 'public'").mapTo(Long.class).one());
        assertThat(tables).isZero();
    }

    @Test
    void sourceAndTargetMustDifferAndTheSourceMustExist() throws Exception {
        TestDb file = legacyFile(List.of());
        assertThatThrownBy(() -> new Transfer(Endpoint.of(file.url()), Endpoint.of(file.url() + "?foo=1"),
                new Transfer.Options(false, 10), System.out)).hasMessage("source and target are the same database");
        TestDb target = open(TestDb.sqlite());
        assertThatThrownBy(() -> transfer("sqlite:////nonexistent/dir/bigr.db", target.url(), 10))
                .isInstanceOf(TransferException.class)
                .hasMessage("source database not found: /nonexistent/dir/bigr.db");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/nonexistent/dir"))).isFalse();
    }
}
