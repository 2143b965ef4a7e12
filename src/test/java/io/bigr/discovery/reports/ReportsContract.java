package io.bigr.discovery.reports;

import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.analytics.AnalyticsReport;
import io.bigr.discovery.compliance.ComplianceReport;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.risk.RiskReport;
import io.bigr.discovery.testing.TestDb;
import io.bigr.discovery.topology.Topology;
import io.bigr.discovery.vuln.CveStore;
import io.bigr.discovery.vuln.VulnerabilityReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link Reports} facade over a real database: every report on an empty and on a seeded store. Run by
 * {@link SqliteReportsIT} and {@link PostgresReportsIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportsContract {
    private static final Path FEED = Path.of("src/test/resources/nvd/nvdcve-2.0-sample.json");
    private TestDb db;
    private Daos daos;
    private CveStore cves;
    private Reports reports;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() {
        db = newDatabase().migrate();
        daos = db.daos();
        cves = new CveStore(daos.cves());
        reports = db.reports();
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
                "certificates", "cve_cpe_matches", "cve_sync_log", "cves")) {
            db.execute("DELETE FROM " + table);
        }
    }

    private static Asset gateway() {
        return asset("10.0.0.1", "aa:bb:cc:dd:ee:01", "gw.local", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22, 443);
    }

    private static Asset camera() {
        return asset("10.0.0.100", "aa:bb:cc:dd:ee:02", "cam.local", "Hikvision", BigrCategory.IOT, 0.75, 80);
    }

    /**
     * The analytics report's per-scan category counts are read from the (scan_id, bigr_category) index alone, not
     * from the wide snapshot rows (changeSet 15-4; 8.4 s against 0.57 s at 3 million snapshots on SQLite).
     */
    @Test
    void analyticsCountsCategoriesFromTheIndex() {
        String count = io.bigr.discovery.db.ReportDao.categoryCounts(db.dialect())
                .replace(":cutoff", "CURRENT_TIMESTAMP");
        String plan = db.jdbi().inTransaction(h -> {
            if (db.dialect() == io.bigr.discovery.db.Dialect.POSTGRESQL) {
                h.execute("SET LOCAL enable_seqscan = off"); // an empty table: show which index it would use
                return String.join("\n", h.createQuery("EXPLAIN " + count).mapTo(String.class).list());
            }
            return String.join("\n", h.createQuery("EXPLAIN QUERY PLAN " + count).map((rs, ctx) -> rs.getString(4))
                    .list());
        });
        assertThat(plan).contains("ix_scan_assets_scan_category");
        if (db.dialect() == io.bigr.discovery.db.Dialect.POSTGRESQL) {
            // counted scan by scan: no hashing of every (scan id, category) pair of the window
            assertThat(plan).contains("Nested Loop").doesNotContain("HashAggregate");
        }
        if (db.dialect() == io.bigr.discovery.db.Dialect.SQLITE) {
            assertThat(plan).contains("COVERING INDEX ix_scan_assets_scan_category");
        }
    }

    /**
     * The whole-inventory reports (risk, vulnerabilities, topology, the export) read each asset's latest ports and
     * evidence from latest_snapshots (one row per asset, changeSet 15-5) and never touch scan_assets: probing the 3
     * million snapshots once per asset cost 2.2 s of PostgreSQL's time at 100,000 x 30, joining every snapshot 3.4-4.9 s.
     */
    @Test
    void inventoryReportsReadTheLatestCopyNotTheSnapshots() {
        String read = "SELECT a.id, sa.open_ports, sa.raw_evidence FROM assets a"
                + io.bigr.discovery.db.ReportDao.LATEST_JOIN + " ORDER BY a.last_seen DESC, a.id";
        String plan = db.jdbi().inTransaction(h -> {
            if (db.dialect() == io.bigr.discovery.db.Dialect.POSTGRESQL) {
                return String.join("\n", h.createQuery("EXPLAIN " + read).mapTo(String.class).list());
            }
            return String.join("\n", h.createQuery("EXPLAIN QUERY PLAN " + read).map((rs, ctx) -> rs.getString(4))
                    .list());
        });
        assertThat(plan).contains("latest_snapshots").doesNotContain("scan_assets");
    }

    @Test
    void everyReportOnAnEmptyDatabase() {
        Instant now = Timestamps.now();
        assertThat(Json.write(reports.compliance())).isEqualTo("{\"compliance_score\":100.0,\"grade\":\"A\","
                + "\"breakdown\":{\"total_assets\":0,\"fully_classified\":0,\"partially_classified\":0,"
                + "\"unclassified\":0,\"manual_overrides\":0},\"distribution\":{\"counts\":{\"ag_ve_sistemler\":0,"
                + "\"uygulamalar\":0,\"iot\":0,\"tasinabilir\":0,\"unclassified\":0},\"percentages\":"
                + "{\"ag_ve_sistemler\":0.0,\"uygulamalar\":0.0,\"iot\":0.0,\"tasinabilir\":0.0,\"unclassified\":0.0},"
                + "\"total\":0},\"subnet_compliance\":[],\"action_items\":[]}");
        assertThat(Json.write(reports.analytics(30, now))).isEqualTo(
                "{\"asset_count_trend\":{\"name\":\"asset_count\",\"points\":[]},\"category_trends\":[],"
                        + "\"new_vs_removed\":{\"name\":\"new_vs_removed\",\"points\":[]},"
                        + "\"most_changed_assets\":[],\"scan_frequency\":[]}");
        assertThat(reports.risk(now).profiles()).isEmpty();
        VulnerabilityReport v = reports.vulnerabilities();
        assertThat(Json.write(v)).isEqualTo("{\"summaries\":[],\"total_assets_scanned\":0,\"total_vulnerable\":0,"
                + "\"cve_db_stats\":{\"total\":18,\"by_severity\":{\"critical\":10,\"high\":8},\"last_sync\":null}}");
        assertThat(reports.topology()).isEqualTo(Topology.empty());
    }

    /** docs/DOMAIN.md §6.3.10's example, plus the manual override the API used to miss (Appendix A #3). */
    @Test
    void complianceOverTheInventoryWithManualOverridesAndSubnets() {
        daos.store().save(scan("10.0.0.0/24", gateway(), camera()));
        daos.subnets().add("10.0.0.0/24", "Office", null);
        assertThat(Json.write(reports.compliance())).isEqualTo("{\"compliance_score\":100.0,\"grade\":\"A\","
                + "\"breakdown\":{\"total_assets\":2,\"fully_classified\":2,\"partially_classified\":0,"
                + "\"unclassified\":0,\"manual_overrides\":0},\"distribution\":{\"counts\":{\"ag_ve_sistemler\":1,"
                + "\"uygulamalar\":0,\"iot\":1,\"tasinabilir\":0,\"unclassified\":0},\"percentages\":"
                + "{\"ag_ve_sistemler\":50.0,\"uygulamalar\":0.0,\"iot\":50.0,\"tasinabilir\":0.0,\"unclassified\":0.0},"
                + "\"total\":2},\"subnet_compliance\":[{\"cidr\":\"10.0.0.0/24\",\"label\":\"Office\",\"score\":100.0,"
                + "\"grade\":\"A\"}],\"action_items\":[]}");

        daos.store().save(scan("10.0.0.0/24", asset("10.0.0.7", null, null, null, BigrCategory.UNCLASSIFIED, 0.1)));
        daos.assets().tag("10.0.0.100", "tasinabilir", "laptop dock");
        ComplianceReport r = reports.compliance();
        assertThat(r.breakdown()).isEqualTo(new ComplianceReport.Breakdown(3, 1, 0, 1, 1));
        assertThat(r.complianceScore()).isEqualTo(66.7);
        assertThat(r.distribution().counts().get("tasinabilir")).isEqualTo(1);
        assertThat(r.actionItems()).extracting(ComplianceReport.ActionItem::ip).containsExactly("10.0.0.7");
    }

    @Test
    void analyticsFromTheConfiguredDatabase() {
        Instant now = Timestamps.now();
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        Instant yesterday = now.minus(Duration.ofDays(1));
        daos.store().save(scan("10.0.0.0/24", now.minus(Duration.ofDays(40)), gateway()));
        daos.store().save(scan("10.0.0.0/24", twoDaysAgo, gateway(), camera()));
        daos.store().save(scan("10.0.0.0/24", yesterday, gateway().withHostname("gw2.local"), camera()));

        AnalyticsReport r = reports.analytics(30, now);
        String d2 = date(twoDaysAgo);
        String d1 = date(yesterday);
        String today = date(now);
        assertThat(r.assetCountTrend().points()).containsExactly(new AnalyticsReport.Point(d2, 2, null),
                new AnalyticsReport.Point(d1, 2, null));
        assertThat(r.categoryTrends()).extracting(AnalyticsReport.Series::name)
                .containsExactly("ag_ve_sistemler", "iot");
        assertThat(r.scanFrequency()).containsExactly(new AnalyticsReport.ScanDay(d2, 1, 2),
                new AnalyticsReport.ScanDay(d1, 1, 2));
        // Change rows are stamped at save time (today): 2 new assets, 1 hostname change.
        assertThat(r.newVsRemoved().points()).containsExactly(
                new AnalyticsReport.Point(today, 2, "new:2 removed:0"));
        assertThat(r.mostChangedAssets()).extracting(AnalyticsReport.ChangedAsset::ip,
                AnalyticsReport.ChangedAsset::hostname, AnalyticsReport.ChangedAsset::changeCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.1", "gw2.local", 2),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.100", "cam.local", 1));

        AnalyticsReport all = reports.analytics(365, now);
        assertThat(all.scanFrequency()).hasSize(3);
    }

    /**
     * The most changed IPs of the stored change log: the first twenty of every changed asset's totals ranked, rows
     * holding one IP merged under it.
     */
    @Test
    void mostChangedAssetsAreTheTopOfEveryAssetsTotals() {
        Instant now = Timestamps.now();
        for (int k = 0; k < 6; k++) {
            List<Asset> assets = new java.util.ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                // asset i renamed in save k when (i + k) % (i % 5 + 2) == 0: counts from 0 to 6, many ties
                String name = (i + k) % (i % 5 + 2) == 0 ? "h" + i + "-" + k : "h" + i;
                assets.add(asset("10.0.0." + i, String.format(java.util.Locale.ROOT, "02:00:00:00:00:%02x", i), name,
                        null, BigrCategory.IOT, 0.5));
            }
            // two rows holding one IP (different MACs): their changes add up under that IP
            assets.add(asset("10.0.0.9", "02:00:00:00:01:09", k % 2 == 0 ? "twin-" + k : "twin", null,
                    BigrCategory.IOT, 0.5));
            daos.store().save(scan("10.0.0.0/24", now.minus(Duration.ofHours(12 - k)), assets.toArray(Asset[]::new)));
        }
        List<io.bigr.discovery.analytics.AnalyticsEngine.AssetChanges> every = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT a.ip, a.mac, a.hostname, COUNT(*) AS change_count, MAX(c.detected_at) AS last_change"
                        + " FROM asset_changes c JOIN assets a ON a.id = c.asset_id GROUP BY a.id, a.ip, a.mac, a.hostname")
                .map(new io.bigr.discovery.db.ReportDao.AssetChangesMapper()).list());
        AnalyticsReport expected = io.bigr.discovery.analytics.AnalyticsEngine.compute(List.of(), List.of(), List.of(),
                every);
        List<AnalyticsReport.ChangedAsset> top = reports.analytics(30, now).mostChangedAssets();
        assertThat(top).hasSize(20).containsExactlyElementsOf(expected.mostChangedAssets());
        assertThat(top).extracting(AnalyticsReport.ChangedAsset::ip).contains("10.0.0.9");
    }

    /** The database counts snapshots per scan and category; a day's distinct assets span its scans. */
    @Test
    void analyticsCountsAnAssetSeenByTwoScansOfOneDayOnce() {
        Instant now = Timestamps.now();
        Instant day = now.minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(Duration.ofHours(1));
        daos.store().save(scan("10.0.0.0/24", day, gateway(), camera()));
        daos.store().save(scan("10.0.0.0/24", day.plus(Duration.ofHours(2)), gateway()));
        AnalyticsReport r = reports.analytics(30, now);
        String d = date(day);
        assertThat(r.assetCountTrend().points()).containsExactly(new AnalyticsReport.Point(d, 2, null));
        // the category series counts snapshots: the gateway's two, the camera's one
        assertThat(r.categoryTrends()).containsExactly(
                new AnalyticsReport.Series("ag_ve_sistemler", List.of(new AnalyticsReport.Point(d, 2, null))),
                new AnalyticsReport.Series("iot", List.of(new AnalyticsReport.Point(d, 1, null))));
        assertThat(r.scanFrequency()).containsExactly(new AnalyticsReport.ScanDay(d, 2, 3));
    }

    /** Appendix A #2: latest-snapshot ports, change counts and CVE matches all reach the risk score. */
    @Test
    void riskJoinsLatestPortsChangesAndCves() {
        Instant now = Timestamps.now();
        daos.store().save(scan("10.0.0.0/24", now.minus(Duration.ofDays(2)), gateway().withOpenPorts(List.of(23)),
                camera()));
        daos.store().save(scan("10.0.0.0/24", now.minus(Duration.ofDays(1)), gateway().withHostname("gw2"), camera()));
        RiskReport r = reports.risk(now);
        RiskReport.Profile gw = r.profiles().stream().filter(p -> p.ip().equals("10.0.0.1")).findFirst().orElseThrow();
        assertThat(gw.factors().exposureScore()).isEqualTo(0.3); // latest ports 22, 443 (not the older 23)
        assertThat(gw.factors().cveScore()).isEqualTo(1.0); // seeded Cisco CVE-2023-20198, CVSS 10
        assertThat(gw.topCve()).isEqualTo("CVE-2023-20198");
        assertThat(gw.factors().changeScore()).isEqualTo(0.3); // new_asset + hostname change = 2
        RiskReport.Profile cam = r.profiles().stream().filter(p -> p.ip().equals("10.0.0.100")).findFirst()
                .orElseThrow();
        assertThat(cam.factors().exposureScore()).isEqualTo(0.4);
        assertThat(cam.factors().cveScore()).isEqualTo(9.8 / 10); // unrounded: 0.9800000000000001
        assertThat(cam.topCve()).isEqualTo("CVE-2021-36260");
        assertThat(r.topRisks()).hasSize(2);
    }

    /**
     * Two inventory rows sharing an IP (one device re-addressed, a NIC swap): the report keys CVE signals and change
     * counts by IP, so both rows get the Cisco row's CVE and the sum of both rows' changes, whichever comes first in
     * the stream. The profiles and summary equal what the engine computes from the same inputs in memory.
     */
    @Test
    void riskMergesRowsThatShareAnIp() {
        Instant now = Timestamps.now();
        Asset cisco = asset("10.0.0.50", "aa:bb:cc:dd:ee:50", "sw", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22);
        Asset other = asset("10.0.0.50", "aa:bb:cc:dd:ee:51", "h0", null, BigrCategory.UNCLASSIFIED, 0.1);
        daos.store().save(scan("10.0.0.0/24", now.minus(Duration.ofDays(10)), cisco, other, camera()));
        for (int i = 1; i <= 5; i++) { // five hostname changes on the second row only: 6 changes, plus 1 for cisco
            daos.store().save(scan("10.0.0.0/24", now.minus(Duration.ofDays(10 - i)), other.withHostname("h" + i)));
        }
        RiskReport r = reports.risk(now);
        List<RiskReport.Profile> shared = r.profiles().stream().filter(p -> p.ip().equals("10.0.0.50")).toList();
        assertThat(shared).hasSize(2);
        assertThat(shared).allSatisfy(p -> {
            assertThat(p.topCve()).isEqualTo("CVE-2023-20198");
            assertThat(p.factors().cveScore()).isEqualTo(1.0);
            assertThat(p.factors().changeScore()).isEqualTo(0.5); // 7 > 5 (the cisco row alone has 1 → 0.3)
        });
        RiskReport.Profile cam = r.profiles().stream().filter(p -> p.ip().equals("10.0.0.100")).findFirst()
                .orElseThrow();
        assertThat(cam.factors().changeScore()).isEqualTo(0.3);
        assertThat(r.topRisks()).hasSize(3);
        assertThat(r.criticalCount() + r.highCount() + r.mediumCount() + r.lowCount())
                .isEqualTo((int) r.profiles().stream().filter(p -> !p.riskLevel().equals("info")).count());
    }

    /**
     * Risk's CVE factor per asset: a banner-confirmed version counts for the asset that showed it only, while assets
     * without version evidence share their vendor's signal (computed once per vendor) and never borrow another's.
     */
    @Test
    void riskCveSignalFollowsEachAssetsOwnEvidence() throws Exception {
        cves.seed();
        cves.importFeed(FEED);
        Instant now = Timestamps.now();
        Asset ssh = asset("10.0.0.20", "aa:bb:cc:dd:ee:20", "pi", "Raspberry Pi", BigrCategory.UYGULAMALAR, 0.8, 22)
                .withEvidence(Json.parseObject("{\"banners\": {\"22\": \"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\"}}"));
        Asset samePiNoBanner = asset("10.0.0.21", "aa:bb:cc:dd:ee:21", "pi2", "Raspberry Pi", BigrCategory.UYGULAMALAR,
                0.8, 22);
        Asset otherCisco = asset("10.0.0.2", "aa:bb:cc:dd:ee:03", "sw2", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9);
        daos.store().save(scan("10.0.0.0/24", now.minus(Duration.ofDays(1)), gateway(), ssh, samePiNoBanner, otherCisco));
        Map<String, RiskReport.Profile> byIp = new java.util.HashMap<>();
        reports.risk(now).profiles().forEach(p -> byIp.put(p.ip(), p));
        assertThat(byIp.get("10.0.0.20").topCve()).isEqualTo("CVE-2023-38408");
        assertThat(byIp.get("10.0.0.21").topCve()).isNull();
        assertThat(byIp.get("10.0.0.21").factors().cveScore()).isEqualTo(0.0);
        assertThat(byIp.get("10.0.0.1").topCve()).isEqualTo("CVE-2023-20198");
        assertThat(byIp.get("10.0.0.2").topCve()).isEqualTo("CVE-2023-20198");
        assertThat(byIp.get("10.0.0.2").factors().cveScore()).isEqualTo(1.0);
    }

    @Test
    void vulnerabilitiesConfirmVersionsFromBannersOnly() throws Exception {
        cves.seed();
        cves.importFeed(FEED);
        Asset ssh = asset("10.0.0.20", "aa:bb:cc:dd:ee:20", "pi", "Raspberry Pi", BigrCategory.UYGULAMALAR, 0.8, 22,
                80).withEvidence(Json.parseObject("{\"banners\": {\"22\": \"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\","
                + " \"80\": \"HTTP/1.1 200 OK\\r\\nServer: nginx/1.21.6\\r\\n\"}}"));
        Asset portsOnly = asset("10.0.0.21", null, null, null, BigrCategory.UYGULAMALAR, 0.8, 22, 80);
        daos.store().save(scan("10.0.0.0/24", gateway(), ssh, portsOnly));

        VulnerabilityReport v = reports.vulnerabilities();
        assertThat(v.totalAssetsScanned()).isEqualTo(3);
        assertThat(v.cveDbStats().total()).isEqualTo(23);
        assertThat(v.cveDbStats().lastSync()).isNotNull();
        VulnerabilityReport.Summary pi = v.summaries().stream().filter(s -> s.ip().equals("10.0.0.20")).findFirst()
                .orElseThrow();
        // OpenSSH 8.9p1 < 9.3 confirms CVE-2023-38408; not CVE-2016-6210 (<= 7.2); nginx 1.21.6 is past 1.20.1.
        assertThat(pi.matches()).extracting(m -> m.cve().cveId()).containsExactly("CVE-2023-38408");
        VulnerabilityReport.Match m = pi.matches().get(0);
        assertThat(m.matchType()).isEqualTo("version_confirmed");
        assertThat(m.evidence().port()).isEqualTo(22);
        assertThat(m.evidence().text()).isEqualTo("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3");
        assertThat(m.evidence().version()).isEqualTo("8.9p1");
        assertThat(v.summaries()).extracting(VulnerabilityReport.Summary::ip).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.20")
                .doesNotContain("10.0.0.21");
    }

    @Test
    void topologyOverTheInventoryWithLatestPorts() {
        daos.store().save(scan("10.0.0.0/24", gateway(), camera(),
                asset("192.168.5.9", null, null, null, BigrCategory.IOT, 0.5)));
        Topology t = reports.topology();
        assertThat(t.stats().nodeTypes()).containsEntry("subnet", 2).containsEntry("gateway", 1)
                .containsEntry("device", 2);
        assertThat(t.nodes()).filteredOn(n -> "10.0.0.1".equals(n.id())).singleElement()
                .satisfies(n -> assertThat(n.openPorts()).containsExactly(22, 443));
        Topology one = reports.topology("10.0.0.0%2F24".replace("%2F", "/"));
        assertThat(one.nodes()).extracting(Topology.Node::id).containsExactlyInAnyOrder("10.0.0.0/24", "10.0.0.1",
                "10.0.0.100");
        assertThat(reports.topology("bogus")).isEqualTo(Topology.empty());

        // The range read is numeric and inclusive at both ends: .0 and .255 are in, the next /24's first is not.
        daos.store().save(scan("10.0.0.0/23", asset("10.0.0.0", "aa:bb:cc:dd:ee:10", null, null, BigrCategory.IOT,
                0.5), asset("10.0.0.255", "aa:bb:cc:dd:ee:11", null, null, BigrCategory.IOT, 0.5),
                asset("10.0.1.0", "aa:bb:cc:dd:ee:12", null, null, BigrCategory.IOT, 0.5),
                asset("9.255.255.255", "aa:bb:cc:dd:ee:13", null, null, BigrCategory.IOT, 0.5)));
        assertThat(reports.topology("10.0.0.77/24").nodes()).extracting(Topology.Node::id)
                .contains("10.0.0.0", "10.0.0.255", "10.0.0.1", "10.0.0.100")
                .doesNotContain("10.0.1.0", "9.255.255.255", "192.168.5.9");
        assertThat(reports.topology("10.0.1.0/24").nodes()).extracting(Topology.Node::id).contains("10.0.1.0")
                .doesNotContain("10.0.0.255", "10.0.0.1");
    }

    /**
     * Whole-inventory reports read their rows as two halves at once on SQLite (Reports.startWhole): risk, the
     * vulnerabilities, the topology, compliance and the export rows are the same as one read gives, over an inventory
     * whose last-seen times tie across the middle and whose evidence names versions; PostgreSQL never splits.
     */
    @Test
    void wholeInventoryReportsAreTheSameReadInHalves() throws Exception {
        cves.seed();
        cves.importFeed(FEED);
        Instant now = Timestamps.now();
        List<Asset> many = new java.util.ArrayList<>();
        for (int i = 0; i < 900; i++) {
            Asset a = asset("10.7." + (i >> 8) + "." + (i & 255), String.format("02:07:00:00:%02x:%02x", i >> 8,
                    i & 255), "h-" + i, i % 3 == 0 ? "Cisco" : i % 3 == 1 ? "Raspberry Pi" : null,
                    BigrCategory.values()[i % 5], (i % 10) / 10.0, 22, 80 + i % 4);
            if (i % 4 == 0) {
                a = a.withEvidence(Json.parseObject("{\"banners\": {\"22\": \"SSH-2.0-OpenSSH_8." + (i % 10)
                        + "p1\"}}"));
            }
            many.add(new Asset(a.ip(), a.mac(), a.hostname(), a.vendor(), a.openPorts(), a.osHint(), a.bigrCategory(),
                    a.confidenceScore(), a.scanMethod(), a.firstSeen(), now.minus(Duration.ofMinutes(i % 5)),
                    a.rawEvidence(), null, null, null));
        }
        daos.store().save(scan("10.7.0.0/16", now.minus(Duration.ofHours(1)), many.toArray(new Asset[0])));
        Reports oneRead = new Reports(daos.assets(), daos.subnets(), daos.reads(), cves, Integer.MAX_VALUE);
        Reports halves = new Reports(daos.assets(), daos.subnets(), daos.reads(), cves, 2);
        com.fasterxml.jackson.databind.ObjectMapper json = io.bigr.discovery.core.Json.MAPPER;

        long before = io.bigr.discovery.db.ReadAhead.splitReads();
        assertThat(json.writeValueAsString(halves.risk(now))).isEqualTo(json.writeValueAsString(oneRead.risk(now)));
        assertThat(json.writeValueAsString(halves.vulnerabilities()))
                .isEqualTo(json.writeValueAsString(oneRead.vulnerabilities()));
        assertThat(halves.topology()).isEqualTo(oneRead.topology());
        assertThat(json.writeValueAsString(halves.compliance()))
                .isEqualTo(json.writeValueAsString(oneRead.compliance()));
        List<io.bigr.discovery.core.ExportRow> rowsInHalves = new java.util.ArrayList<>();
        List<io.bigr.discovery.core.ExportRow> rowsAtOnce = new java.util.ArrayList<>();
        halves.inventoryRows(rowsInHalves::add);
        oneRead.inventoryRows(rowsAtOnce::add);
        assertThat(rowsAtOnce).hasSize(900);
        assertThat(rowsInHalves).isEqualTo(rowsAtOnce);
        assertThat(rowsAtOnce).anySatisfy(r -> assertThat(r.cves()).isNotEmpty());
        assertThat(io.bigr.discovery.db.ReadAhead.splitReads() - before).as("split reads")
                .isEqualTo(db.dialect() == io.bigr.discovery.db.Dialect.SQLITE ? 5 : 0);
    }

    private static String date(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
