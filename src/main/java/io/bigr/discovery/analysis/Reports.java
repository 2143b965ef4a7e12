package io.bigr.discovery.analysis;

import io.bigr.discovery.analytics.AnalyticsEngine;
import io.bigr.discovery.analytics.AnalyticsReport;
import io.bigr.discovery.compliance.ComplianceAsset;
import io.bigr.discovery.compliance.ComplianceEngine;
import io.bigr.discovery.compliance.ComplianceReport;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.db.ReportDao;
import io.bigr.discovery.risk.RiskAsset;
import io.bigr.discovery.risk.RiskEngine;
import io.bigr.discovery.risk.RiskReport;
import io.bigr.discovery.topology.Topology;
import io.bigr.discovery.topology.TopologyAsset;
import io.bigr.discovery.topology.TopologyEngine;
import io.bigr.discovery.vuln.CveStore;
import io.bigr.discovery.vuln.VendorNames;
import io.bigr.discovery.vuln.VersionEvidence;
import io.bigr.discovery.vuln.VulnAsset;
import io.bigr.discovery.vuln.VulnerabilityEngine;
import io.bigr.discovery.vuln.VulnerabilityReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

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
        streaming(store, dao -> {
            dao.scansSince(cutoff, acc::scan);
            dao.snapshotsSince(cutoff, acc::snapshot);
            dao.changesSince(cutoff, acc::change);
            dao.changeTotals().forEach(acc::assetChanges);
        });
        return acc.report();
    }

    public static RiskReport risk(InventoryStore store, CveStore cves, Instant now) {
        List<RiskReport.Profile> profiles = new ArrayList<>();
        return riskStream(store, cves, now).forEach(profiles::add).report(profiles);
    }

    /**
     * §6.6 prepared for streaming: the CVE signal per IP (highest CVSS over the IP's inventory rows) and the change
     * counts are read here, so a database failure surfaces before a response starts; {@link RiskStream#forEach}
     * then reads the inventory once more and hands each profile over as it is computed. Memory holds the per-IP
     * maps, never the profiles.
     */
    public static RiskStream riskStream(InventoryStore store, CveStore cves, Instant now) {
        Map<String, RiskEngine.VulnSignal> byIp = new HashMap<>();
        vulnerabilitySummaries(store, cves, s -> byIp.merge(s.ip(),
                new RiskEngine.VulnSignal(s.ip(), s.maxCvss(), s.topCve()),
                (a, b) -> b.maxCvss() > a.maxCvss() ? b : a));
        Map<String, Integer> changes = new HashMap<>();
        store.jdbi().withExtension(ReportDao.class, ReportDao::changeTotals)
                .forEach(c -> changes.merge(c.ip(), c.changeCount(), Integer::sum));
        return new RiskStream(store, byIp, changes, now);
    }

    /** The second half of {@link #riskStream}: profiles in inventory order, then the summary. */
    public static final class RiskStream {
        private final InventoryStore store;
        private final Map<String, RiskEngine.VulnSignal> vulns;
        private final Map<String, Integer> changes;
        private final Instant now;

        private RiskStream(InventoryStore store, Map<String, RiskEngine.VulnSignal> vulns,
                           Map<String, Integer> changes, Instant now) {
            this.store = store;
            this.vulns = vulns;
            this.changes = changes;
            this.now = now;
        }

        /** Hands every profile to {@code sink} in inventory order and returns the rest of the report. */
        public RiskEngine.Summary forEach(Consumer<RiskReport.Profile> sink) {
            RiskEngine.Accumulator acc = new RiskEngine.Accumulator();
            streaming(store, dao -> dao.assetsWithLatest(row -> {
                RiskAsset a = RiskAsset.of(row.asset(), row.openPorts());
                RiskEngine.VulnSignal v = vulns.get(a.ip());
                RiskReport.Profile p = RiskEngine.profile(a, v == null ? 0.0 : v.maxCvss(),
                        v == null ? null : v.topCve(), changes.getOrDefault(a.ip(), 0), now);
                acc.add(p);
                sink.accept(p);
            }));
            return acc.summary();
        }
    }

    public static VulnerabilityReport vulnerabilities(InventoryStore store, CveStore cves) {
        List<VulnerabilityReport.Summary> summaries = new ArrayList<>();
        int assets = vulnerabilitySummaries(store, cves, summaries::add);
        return new VulnerabilityReport(List.copyOf(summaries), assets, summaries.size(), cves.stats());
    }

    public static Topology topology(InventoryStore store) {
        return TopologyEngine.build(topologyAssets(store));
    }

    public static Topology topology(InventoryStore store, String cidr) {
        return TopologyEngine.subnet(topologyAssets(store), cidr);
    }

    private static List<TopologyAsset> topologyAssets(InventoryStore store) {
        List<TopologyAsset> assets = new ArrayList<>();
        streaming(store, dao -> dao.assetsWithLatest(row -> assets.add(TopologyAsset.of(row.asset(), row.openPorts()))));
        return assets;
    }

    /**
     * Streams the inventory through the vulnerability engine, handing each asset's summary (assets with at least one
     * match, in inventory order) to {@code sink}; returns the number of assets read. The CVE catalog is loaded once
     * for the inventory's vendors and every product version evidence can name (a bounded list), so neither the
     * statement count nor memory grows with the number of assets; evidence JSON is parsed only when it can hold
     * version evidence. Seeds the CVE store when empty.
     */
    private static int vulnerabilitySummaries(InventoryStore store, CveStore cves,
                                              Consumer<VulnerabilityReport.Summary> sink) {
        cves.ensureSeeded();
        Set<String> vendors = new LinkedHashSet<>();
        store.jdbi().withExtension(ReportDao.class, ReportDao::vendors).forEach(v -> {
            String normalized = VendorNames.normalize(v);
            if (normalized != null) {
                vendors.add(normalized);
            }
        });
        VulnerabilityEngine.Catalog catalog = cves.catalog(vendors, VersionEvidence.knownCpeKeys());
        int[] count = {0};
        streaming(store, dao -> dao.evidenceSources(src -> {
            count[0]++;
            String raw = src.rawEvidence();
            VulnAsset a = new VulnAsset(src.ip(), src.mac(), src.vendor(), VersionEvidence.extract(
                    VersionEvidence.mayHold(raw) ? Json.parseObject(raw) : null, src.manualNote()));
            List<VulnerabilityReport.Match> matches = VulnerabilityEngine.matches(a, catalog);
            if (!matches.isEmpty()) {
                sink.accept(VulnerabilityEngine.summarize(a.ip(), matches));
            }
        }));
        return count[0];
    }

    /**
     * Runs streaming reads. pgjdbc honours the fetch size only inside a transaction (otherwise it buffers the whole
     * result, which for a long analytics window is millions of rows); on SQLite rows are stepped lazily anyway, and a
     * transaction there would be BEGIN IMMEDIATE, holding the write lock against scans being saved.
     */
    private static void streaming(InventoryStore store, Consumer<ReportDao> work) {
        if (store.dialect() == Dialect.POSTGRESQL) {
            store.jdbi().useTransaction(h -> work.accept(h.attach(ReportDao.class)));
        } else {
            store.jdbi().useExtension(ReportDao.class, work::accept);
        }
    }
}
