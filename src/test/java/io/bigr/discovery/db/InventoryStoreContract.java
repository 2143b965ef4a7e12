package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.HistoryEntry;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inventory store's behaviour (docs/DOMAIN.md §3), run once per database by {@link SqliteInventoryStoreIT} and
 * {@link PostgresInventoryStoreIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InventoryStoreContract {
    private TestDb db;
    private Daos daos;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() {
        db = newDatabase().migrate();
        daos = db.daos();
    }

    @AfterAll
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        for (String table : List.of("asset_changes", "scan_assets", "assets", "scans", "subnets", "switches",
                "certificates")) {
            db.execute("DELETE FROM " + table);
        }
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Evidence carrying a fingerprint identity (docs/DOMAIN.md §4.15); a null field is left out. */
    private static com.fasterxml.jackson.databind.node.ObjectNode identity(String deviceType, String product,
                                                                         String os, String osVersion) {
        com.fasterxml.jackson.databind.node.ObjectNode evidence = io.bigr.discovery.core.Json.object();
        com.fasterxml.jackson.databind.node.ObjectNode id = evidence.putObject("identity");
        String[][] fields = {{"device_type", deviceType}, {"product", product}, {"os", os}, {"os_version", osVersion}};
        for (String[] f : fields) {
            if (f[1] != null) {
                id.putObject(f[0]).put("value", f[1]).put("certainty", 0.9).put("fingerprint", "test");
            }
        }
        id.putArray("matches");
        return evidence;
    }

    private List<java.util.Map<String, Object>> identityRows(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT device_type, product, os, os_version FROM " + table)
                .mapToMap().list());
    }

    @Test
    void theSaveFillsTheIdentityColumnsFromTheEvidenceAndUpdatesThem() {
        Asset ssh = asset("10.0.0.1", "aa:bb:cc:dd:ee:01", "srv", null, BigrCategory.AG_VE_SISTEMLER, 0.7, 22)
                .withEvidence(identity("server", "OpenSSH", "Ubuntu Linux", "24.04"));
        daos.store().save(scan("10.0.0.0/24", ssh));
        java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("device_type", "server");
        expected.put("product", "OpenSSH");
        expected.put("os", "Ubuntu Linux");
        expected.put("os_version", "24.04");
        assertThat(identityRows("assets")).containsExactly(expected);
        assertThat(identityRows("scan_assets")).containsExactly(expected);
        InventoryAsset row = daos.assets().byIp("10.0.0.1").get(0);
        assertThat(List.of(row.deviceType(), row.product(), row.os(), row.osVersion()))
                .containsExactly("server", "OpenSSH", "Ubuntu Linux", "24.04");

        // the next scan says something else: the living row follows it, the first snapshot keeps what it saw
        daos.store().save(scan("10.0.0.0/24", ssh.withEvidence(identity("nas", "Synology DSM", null, null))));
        java.util.Map<String, Object> now = new java.util.LinkedHashMap<>();
        now.put("device_type", "nas");
        now.put("product", "Synology DSM");
        now.put("os", null);
        now.put("os_version", null);
        assertThat(identityRows("assets")).containsExactly(now);
        assertThat(identityRows("scan_assets")).containsExactlyInAnyOrder(expected, now);

        // no identity at all: the columns are null
        daos.store().save(scan("10.0.0.0/24", asset("10.0.0.2", null, null, null, BigrCategory.UNCLASSIFIED, 0.1)));
        InventoryAsset bare = daos.assets().byIp("10.0.0.2").get(0);
        assertThat(bare.deviceType()).isNull();
        assertThat(bare.product()).isNull();
    }

    @Test
    void savesScanAssetsSnapshotsAndNewAssetChanges() {
        InventoryStore.SaveOutcome out = daos.store().save(scan("10.0.0.0/24",
                asset("10.0.0.1", "aa:bb:cc:dd:ee:01", "gw.local", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 443, 22),
                asset("10.0.0.100", "aa:bb:cc:dd:ee:02", "cam.local", "Hikvision", BigrCategory.IOT, 0.75, 80)));

        assertThat(out.newAssets()).isEqualTo(2);
        assertThat(out.scanId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        ScanDetail latest = daos.scans().latestDetail(null).orElseThrow();
        assertThat(latest.id()).isEqualTo(out.scanId());
        assertThat(latest.totalAssets()).isEqualTo(2);
        assertThat(latest.durationSeconds()).isEqualTo(300.0);
        assertThat(latest.startedAt()).isEqualTo(T0);
        assertThat(latest.assets()).extracting(a -> a.ip()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.100");
        assertThat(latest.assets()).filteredOn(a -> a.ip().equals("10.0.0.1")).singleElement()
                .satisfies(a -> {
                    assertThat(a.openPorts()).containsExactly(22, 443);
                    assertThat(a.bigrCategoryTr()).isEqualTo("Ağ ve Sistemler");
                    assertThat(a.confidenceLevel()).isEqualTo("high");
                });
        assertThat(latest.categorySummary()).containsEntry("ag_ve_sistemler", 1).containsEntry("iot", 1);
        List<AssetChange> changes = daos.changes().feed(50, 0);
        assertThat(changes).hasSize(2).allSatisfy(c -> {
            assertThat(c.changeType()).isEqualTo("new_asset");
            assertThat(c.fieldName()).isNull();
            assertThat(c.scanId()).isEqualTo(out.scanId());
        });
    }

    @Test
    void latestScanWithNoAssetsHasEmptyListsAndTargetFilterIsExact() {
        daos.store().save(scan("10.0.0.0/24", T0));
        daos.store().save(scan("10.0.1.0/24", T0.plusSeconds(60), asset("10.0.1.5", null)));
        assertThat(daos.scans().latestDetail("10.0.0.0/24").orElseThrow().assets()).isEmpty();
        assertThat(daos.scans().latestDetail("10.0.0.0/24").orElseThrow().categorySummary()).isEmpty();
        assertThat(daos.scans().latestDetail(null).orElseThrow().target()).isEqualTo("10.0.1.0/24");
        assertThat(daos.scans().latestDetail("10.0.0.0/2")).isEmpty();
    }

    @Test
    void nullMacIsOneIdentityNeverDuplicated() {
        daos.store().save(scan("t", asset("10.0.0.7", null)));
        daos.store().save(scan("t", T0.plusSeconds(10), asset("10.0.0.7", null)));
        daos.store().save(scan("t", T0.plusSeconds(20), asset("10.0.0.7", "aa:bb:cc:00:00:07")));

        assertThat(count("SELECT COUNT(*) FROM assets WHERE ip = '10.0.0.7' AND mac IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM assets WHERE ip = '10.0.0.7'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM asset_changes WHERE change_type = 'new_asset'")).isEqualTo(2);
    }

    @Test
    void schemaRejectsADuplicateNullMacRowEvenBehindTheStoresBack() {
        daos.store().save(scan("t", asset("10.0.0.8", null)));
        assertThatThrownBy(() -> db.execute("INSERT INTO assets (id, ip, mac, first_seen, last_seen) "
                + "SELECT 'dup', ip, NULL, first_seen, last_seen FROM assets WHERE ip = '10.0.0.8'"))
                .isNotNull();
        assertThat(count("SELECT COUNT(*) FROM assets WHERE ip = '10.0.0.8'")).isEqualTo(1);
    }

    @Test
    void everyTrackedFieldChangeWritesOneRowWithTextValues() {
        Asset before = new Asset(IpAddress.of("10.0.0.9"), MacAddress.of("aa:bb:cc:00:00:09"), "old-name", "OldCo", List.of(22), "Linux",
                BigrCategory.UYGULAMALAR, 0.85, ScanMethod.PASSIVE, T0, T0, null, null, null, null);
        Asset after = new Asset(IpAddress.of("10.0.0.9"), MacAddress.of("AA-BB-CC-00-00-09"), null, "NewCo", List.of(22, 80), "Windows",
                BigrCategory.TASINABILIR, 1.0, ScanMethod.HYBRID, T0.plusSeconds(99), T0.plusSeconds(99), null,
                null, null, null);
        daos.store().save(scan("t", before));
        InventoryStore.SaveOutcome out = daos.store().save(scan("t", T0.plusSeconds(100), after));

        assertThat(out.fieldChanges()).isEqualTo(6);
        assertThat(out.changedAssets()).isEqualTo(1);
        List<AssetChange> all = daos.changes().ofScan(out.scanId());
        // The six tracked fields first, then one row per port that opened (docs/DOMAIN.md §3.4).
        assertThat(all).last().extracting(AssetChange::changeType, AssetChange::newValue)
                .containsExactly("port_opened", "80");
        assertThat(out.portChanges()).isEqualTo(1);
        List<AssetChange> rows = all.subList(0, all.size() - 1);
        assertThat(rows).extracting(AssetChange::fieldName).containsExactly("hostname", "vendor", "os_hint",
                "bigr_category", "confidence_score", "scan_method");
        assertThat(rows).extracting(AssetChange::oldValue).containsExactly("old-name", "OldCo", "Linux",
                "uygulamalar", "0.85", "passive");
        assertThat(rows).extracting(AssetChange::newValue).containsExactly(null, "NewCo", "Windows", "tasinabilir",
                "1.0", "hybrid");
        assertThat(rows).extracting(AssetChange::detectedAt).containsOnly(rows.get(0).detectedAt());
        InventoryAsset living = daos.assets().byIp("10.0.0.9").get(0);
        assertThat(living.hostname()).isNull();
        assertThat(living.firstSeen()).isEqualTo(T0);
        assertThat(living.lastSeen()).isEqualTo(T0.plusSeconds(99));
    }

    @Test
    void identicalRescanLogsNothing() {
        Asset a = asset("10.0.0.10", "aa:bb:cc:00:00:10", "h", "V", BigrCategory.IOT, 0.85, 80);
        daos.store().save(scan("t", a));
        InventoryStore.SaveOutcome out = daos.store().save(scan("t", T0.plusSeconds(5), a));
        assertThat(out.fieldChanges()).isZero();
        assertThat(out.unchangedAssets()).isEqualTo(1);
        assertThat(daos.changes().ofScan(out.scanId())).isEmpty();
    }

    @Test
    void failureMidSaveLeavesNothingBehind() {
        daos.store().save(scan("t", asset("10.0.0.11", "aa:bb:cc:00:00:11", "h", "V1", BigrCategory.IOT, 0.5)));
        if (db.dialect() == Dialect.SQLITE) {
            db.execute("CREATE TRIGGER boom BEFORE INSERT ON asset_changes WHEN NEW.field_name = 'vendor' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        } else {
            db.execute("CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END "
                    + "$$ LANGUAGE plpgsql");
            db.execute("CREATE TRIGGER boom BEFORE INSERT ON asset_changes FOR EACH ROW "
                    + "WHEN (NEW.field_name = 'vendor') EXECUTE FUNCTION boom()");
        }
        try {
            long scans = count("SELECT COUNT(*) FROM scans");
            assertThatThrownBy(() -> daos.store().save(scan("t", T0.plusSeconds(10),
                    asset("10.0.0.11", "aa:bb:cc:00:00:11", "h", "V2", BigrCategory.IOT, 0.5),
                    asset("10.0.0.12", "aa:bb:cc:00:00:12"))))
                    .hasStackTraceContaining("injected failure");
            assertThat(count("SELECT COUNT(*) FROM scans")).isEqualTo(scans);
            assertThat(count("SELECT COUNT(*) FROM assets")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM scan_assets")).isEqualTo(1);
            assertThat(daos.assets().byIp("10.0.0.11").get(0).vendor()).isEqualTo("V1");
        } finally {
            db.execute("DROP TRIGGER boom" + (db.dialect() == Dialect.POSTGRESQL ? " ON asset_changes" : ""));
        }
        // The pool is healthy afterwards: the next save commits normally.
        daos.store().save(scan("t", T0.plusSeconds(20), asset("10.0.0.12", null)));
        assertThat(count("SELECT COUNT(*) FROM assets")).isEqualTo(2);
    }

    @Test
    void duplicateAssetInOneScanIsRejectedBeforeWriting() {
        assertThatThrownBy(() -> daos.store().save(scan("t", asset("10.0.0.13", null), asset("10.0.0.13", null))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("assets[1]");
        assertThat(count("SELECT COUNT(*) FROM scans")).isZero();
    }

    @Test
    void tagsOverrideEveryRowOfAnIpAndRejectUnclassified() {
        daos.store().save(scan("t", asset("10.0.0.14", null), asset("10.0.0.14", "aa:bb:cc:00:00:14")));
        assertThat(daos.assets().tag("10.0.0.14", "IOT", "lobby camera")).isEqualTo(2);
        assertThat(daos.assets().tagged()).hasSize(2).allSatisfy(t -> {
            assertThat(t.manualCategory()).isEqualTo("iot");
            assertThat(t.manualNote()).isEqualTo("lobby camera");
        });
        assertThatThrownBy(() -> daos.assets().tag("10.0.0.14", "unclassified", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid category 'unclassified'");
        assertThat(daos.assets().tag("10.9.9.9", "iot", null)).isZero();
        daos.assets().untag("10.0.0.14");
        assertThat(daos.assets().tagged()).isEmpty();
        // A rescan never touches the override.
        daos.assets().tag("10.0.0.14", "tasinabilir", null);
        daos.store().save(scan("t", T0.plusSeconds(1), asset("10.0.0.14", null)));
        assertThat(daos.assets().tagged()).extracting(InventoryAsset::manualCategory).containsOnly("tasinabilir");
    }

    @Test
    void historyByIpAndMacWithParsedJson() {
        daos.store().save(scan("a", asset("10.0.0.15", "aa:bb:cc:00:00:15", "h", "V", BigrCategory.IOT, 0.5, 443, 22)));
        daos.store().save(scan("b", T0.plusSeconds(60), asset("10.0.0.15", "aa:bb:cc:00:00:15")));
        List<HistoryEntry> h = daos.snapshots().history("10.0.0.15", null);
        assertThat(h).extracting(HistoryEntry::target).containsExactly("b", "a");
        assertThat(h.get(1).openPorts()).containsExactly(22, 443);
        assertThat(h.get(1).rawEvidence().isObject()).isTrue();
        assertThat(daos.snapshots().history(null, "aa:bb:cc:00:00:15")).hasSize(2);
        assertThat(daos.snapshots().history("10.0.0.15", "ff:ff:ff:ff:ff:ff")).isEmpty();
        assertThat(daos.snapshots().history(null, null)).isEmpty();
    }

    @Test
    void subnetsUpsertKeepStatsAndSortByCodePoint() {
        daos.subnets().add("192.168.1.0/24", "Office", 10);
        daos.subnets().add("10.1.0.0/16", "", null);
        daos.subnets().add("100.0.0.0/8", "x", null);
        daos.subnets().add("10.0.0.0/8", "", null);
        daos.store().save(scan("192.168.1.0/24", asset("192.168.1.5", null), asset("192.168.1.6", null)));
        daos.subnets().add("192.168.1.0/24", "Office 2", 20);

        List<Subnet> subnets = daos.subnets().all();
        assertThat(subnets).extracting(Subnet::cidr)
                .containsExactly("10.0.0.0/8", "10.1.0.0/16", "100.0.0.0/8", "192.168.1.0/24");
        Subnet office = subnets.get(3);
        assertThat(office.label()).isEqualTo("Office 2");
        assertThat(office.vlanId()).isEqualTo(20);
        assertThat(office.assetCount()).isEqualTo(2);
        assertThat(office.lastScanned()).isNotNull();
        assertThat(daos.subnets().remove("10.0.0.0/8")).isTrue();
        assertThat(daos.subnets().remove("10.0.0.0/8")).isFalse();
    }

    @Test
    void certificatesUpsertOnIpPortAndRecomputeExpiryOnRead() {
        Instant now = Instant.now();
        Certificate c = new Certificate(null, "10.0.0.1", 443, "gw.local", "Test CA", "Test Org", now.minus(Duration.ofDays(10)),
                now.plus(Duration.ofDays(5)).plusSeconds(3600), "01ab", 2048, "RSA", false, false, 999,
                List.of("gw.local", "gw"), null, "SHA256withRSA");
        daos.certificates().save(c);
        daos.certificates().save(new Certificate(null, "10.0.0.1", 443, "gw2.local", "Test CA", null, null,
                now.minus(Duration.ofDays(1)).plusSeconds(3600), "02", 256, "EC", true, false, 50, List.of(), null,
                null));
        daos.certificates().save(new Certificate(null, "10.0.0.2", 8443, "far", null, null, null,
                now.plus(Duration.ofDays(400)), "03", 4096, "RSA", false, false, null, List.of("far"), null, null));

        List<Certificate> all = daos.certificates().all();
        assertThat(all).hasSize(2);
        Certificate gw = all.stream().filter(x -> x.port() == 443).findFirst().orElseThrow();
        assertThat(gw.cn()).isEqualTo("gw2.local");
        assertThat(gw.isExpired()).isTrue();
        assertThat(gw.daysUntilExpiry()).isEqualTo(-1);
        assertThat(gw.keyAlgorithm()).isEqualTo("EC");
        assertThat(daos.certificates().expiring(30)).extracting(Certificate::cn).containsExactly("gw2.local");
        assertThat(daos.certificates().expiring(500)).extracting(Certificate::cn).containsExactly("gw2.local", "far");
    }

    @Test
    void tenThousandAssetsSaveSetBased() {
        List<Asset> many = TestData.many(10_000);
        InventoryStore.SaveOutcome first = daos.store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, T0,
                T0.plusSeconds(1), false, many));
        assertThat(first.newAssets()).isEqualTo(10_000);
        InventoryStore.SaveOutcome second = daos.store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE,
                T0.plusSeconds(10), T0.plusSeconds(11), false, many));
        assertThat(second.unchangedAssets()).isEqualTo(10_000);
        assertThat(count("SELECT COUNT(*) FROM assets")).isEqualTo(10_000);
        assertThat(count("SELECT COUNT(*) FROM scan_assets")).isEqualTo(20_000);
    }

    @Test
    void concurrentOverlappingSavesFromTwoPoolsCreateNoDuplicatesAndLoseNoChange() throws Exception {
        Daos other = db.independentDaos();
        int rounds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Daos s : List.of(daos, other)) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int r = 0; r < rounds; r++) {
                        List<Asset> assets = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            // The same 50 identities from both writers; the hostname differs every round.
                            assets.add(asset("10.1.0." + i, i % 2 == 0 ? null : "aa:bb:cc:01:00:" + String.format("%02x", i),
                                    "h" + r + "-" + System.identityHashCode(s), null, BigrCategory.IOT, 0.5));
                        }
                        s.store().save(scan("10.1.0.0/24", T0.plusSeconds(r), assets.toArray(Asset[]::new)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM assets")).isEqualTo(50);
        assertThat(count("SELECT COUNT(*) FROM scans")).isEqualTo(2L * rounds);
        assertThat(count("SELECT COUNT(*) FROM asset_changes WHERE change_type = 'new_asset'")).isEqualTo(50);
        // No change row is lost: per asset, the hostname change rows chain (each old value is the previous row's
        // new value) and the last one equals what the inventory holds now.
        List<AssetChange> all = db.jdbi().withHandle(h -> h.attach(ChangeDao.class).all());
        java.util.Map<String, String> lastValue = new java.util.HashMap<>();
        for (AssetChange c : all) {
            if ("hostname".equals(c.fieldName())) {
                if (lastValue.containsKey(c.assetId())) {
                    assertThat(c.oldValue()).isEqualTo(lastValue.get(c.assetId()));
                }
                lastValue.put(c.assetId(), c.newValue());
            }
        }
        assertThat(lastValue).hasSize(50);
        for (InventoryAsset a : daos.assets().all()) {
            assertThat(a.hostname()).isEqualTo(lastValue.get(a.id()));
        }
    }
}
