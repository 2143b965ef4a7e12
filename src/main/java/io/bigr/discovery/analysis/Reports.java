package io.bigr.discovery.analysis;

import io.bigr.discovery.analytics.AnalyticsEngine;
import io.bigr.discovery.analytics.AnalyticsReport;
import io.bigr.discovery.compliance.ComplianceAsset;
import io.bigr.discovery.compliance.ComplianceEngine;
import io.bigr.discovery.compliance.ComplianceReport;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.db.ReportDao;
import io.bigr.discovery.risk.RiskAsset;
import io.bigr.discovery.risk.RiskEngine;
import io.bigr.discovery.risk.RiskReport;
import io.bigr.discovery.topology.Topology;
import io.bigr.discovery.topology.TopologyAsset;
import io.bigr.discovery.topology.TopologyEngine;
import io.bigr.discovery.vuln.CveStore;
import io.bigr.discovery.vuln.VulnAsset;
import io.bigr.discovery.vuln.VulnerabilityEngine;
import io.bigr.discovery.vuln.VulnerabilityReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one entry point from stored data to every analysis report, shared by the HTTP resources and the CLI. Each
 * method reads what its engine needs from the configured database (a bounded number of statements, independent of
 * the number of assets) and hands it to the pure engine; the returned records serialise with the project mapper
 * ({@code Json.MAPPER} / Dropwizard's) to exactly the DOMAIN.md shapes.
 *
 * <ul>
 *   <li>{@link #compliance(InventoryStore)}: §6.4 over the inventory with manual overrides, plus per-subnet entries
 *       for registered subnets (Appendix A #3).
 *   <li>{@link #analytics(InventoryStore, int, Instant)}: §6.5 for {@code days ≥ 1} back from {@code now}
 *       (Appendix A #1). The caller validates {@code days}; this throws IllegalArgumentException for days &lt; 1.
 *   <li>{@link #risk(InventoryStore, CveStore, Instant)}: §6.6 with latest-snapshot ports, all-time change counts per
 *       IP and CVE matches (max_cvss / top_cve) per IP (Appendix A #2). Seeds the CVE store when empty.
 *   <li>{@link #vulnerabilities(InventoryStore, CveStore)}: §6.3.14 / §6.7 over the inventory. Seeds when empty.
 *   <li>{@link #topology(InventoryStore)} / {@link #topology(InventoryStore, String)}: §6.8 over the inventory (with
 *       latest-snapshot ports, effective category); the subnet variant gives the empty graph for an invalid CIDR.
 * </ul>
 * Build the CVE store with {@code new CveStore(store.jdbi())}.
 */
public final class Reports {
    private Reports() {
    }

    public static ComplianceReport compliance(InventoryStore store) {
        List<ComplianceAsset> assets = store.assets().stream().map(ComplianceAsset::of).toList();
        return ComplianceEngine.report(assets, store.subnets());
    }

    public static AnalyticsReport analytics(InventoryStore store, int days, Instant now) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        Instant cutoff = AnalyticsEngine.cutoff(now, days);
        AnalyticsEngine.Accumulator acc = new AnalyticsEngine.Accumulator();
        store.jdbi().useExtension(ReportDao.class, dao -> {
            dao.scansSince(cutoff, acc::scan);
            dao.snapshotsSince(cutoff, acc::snapshot);
            dao.changesSince(cutoff, acc::change);
            dao.changeTotals().forEach(acc::assetChanges);
        });
        return acc.report();
    }

    public static RiskReport risk(InventoryStore store, CveStore cves, Instant now) {
        List<InventoryAsset> inventory = store.assets();
        Map<String, ReportDao.LatestSnapshot> latest = latestSnapshots(store);
        VulnerabilityReport vulns = vulnerabilities(store, cves, inventory, latest);
        Map<String, RiskEngine.VulnSignal> byIp = new HashMap<>();
        for (VulnerabilityReport.Summary s : vulns.summaries()) {
            byIp.merge(s.ip(), new RiskEngine.VulnSignal(s.ip(), s.maxCvss(), s.topCve()),
                    (a, b) -> b.maxCvss() > a.maxCvss() ? b : a);
        }
        Map<String, Integer> changes = new HashMap<>();
        store.jdbi().withExtension(ReportDao.class, ReportDao::changeTotals)
                .forEach(c -> changes.merge(c.ip(), c.changeCount(), Integer::sum));
        List<RiskAsset> assets = inventory.stream()
                .map(a -> RiskAsset.of(a, ports(latest.get(a.id())))).toList();
        return RiskEngine.assess(assets, byIp, changes, now);
    }

    public static VulnerabilityReport vulnerabilities(InventoryStore store, CveStore cves) {
        return vulnerabilities(store, cves, store.assets(), latestSnapshots(store));
    }

    public static Topology topology(InventoryStore store) {
        return TopologyEngine.build(topologyAssets(store));
    }

    public static Topology topology(InventoryStore store, String cidr) {
        return TopologyEngine.subnet(topologyAssets(store), cidr);
    }

    private static List<TopologyAsset> topologyAssets(InventoryStore store) {
        Map<String, ReportDao.LatestSnapshot> latest = latestSnapshots(store);
        return store.assets().stream().map(a -> TopologyAsset.of(a, ports(latest.get(a.id())))).toList();
    }

    private static VulnerabilityReport vulnerabilities(InventoryStore store, CveStore cves,
                                                       List<InventoryAsset> inventory,
                                                       Map<String, ReportDao.LatestSnapshot> latest) {
        cves.ensureSeeded();
        List<VulnAsset> assets = inventory.stream().map(a -> {
            ReportDao.LatestSnapshot s = latest.get(a.id());
            return VulnAsset.of(a, s == null ? null : s.evidence());
        }).toList();
        VulnerabilityEngine.Catalog catalog = cves.catalog(VulnerabilityEngine.vendorsOf(assets),
                VulnerabilityEngine.productsOf(assets));
        return VulnerabilityEngine.report(assets, catalog, cves.stats());
    }

    private static Map<String, ReportDao.LatestSnapshot> latestSnapshots(InventoryStore store) {
        Map<String, ReportDao.LatestSnapshot> byAsset = new HashMap<>();
        store.jdbi().useExtension(ReportDao.class, dao -> dao.latestSnapshots(s -> byAsset.put(s.assetId(), s)));
        return byAsset;
    }

    private static List<Integer> ports(ReportDao.LatestSnapshot s) {
        return s == null ? List.of() : s.openPorts();
    }
}
