package io.bigr.discovery.reports;

import io.bigr.discovery.analytics.AnalyticsEngine;
import io.bigr.discovery.analytics.AnalyticsReport;
import io.bigr.discovery.compliance.ComplianceAsset;
import io.bigr.discovery.compliance.ComplianceEngine;
import io.bigr.discovery.compliance.ComplianceReport;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ExportRow;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.ReportDao;
import io.bigr.discovery.db.StreamingReads;
import io.bigr.discovery.db.SubnetDao;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The one entry point from stored data to every analysis report, shared by the HTTP resources and the CLI. Each
 * method reads what its engine needs from the configured database (a bounded number of statements, independent of
 * the number of assets) and hands it to the pure engine; the returned records serialise with the project mapper
 * ({@code Json.MAPPER} / Dropwizard's) to exactly the docs/DOMAIN.md shapes.
 *
 * <ul>
 *   <li>{@link #compliance()}: docs/DOMAIN.md §6.4 over the inventory with manual overrides, plus per-subnet
 *       entries for registered subnets (Appendix A #3).
 *   <li>{@link #analytics(int, Instant)}: §6.5 for {@code days ≥ 1} back from {@code now}
 *       (Appendix A #1). The caller validates {@code days}; this throws IllegalArgumentException for days &lt; 1.
 *   <li>{@link #risk(Instant)}: §6.6 with latest-snapshot ports, all-time change counts per
 *       IP and CVE matches (max_cvss / top_cve) per IP (Appendix A #2). Seeds the CVE store when empty.
 *   <li>{@link #vulnerabilities()}: §6.3.14 / §6.7 over the inventory. Seeds when empty.
 *   <li>{@link #topology()} / {@link #topology(String)}: §6.8 over the inventory (with
 *       latest-snapshot ports, effective category); the subnet variant gives the empty graph for an invalid CIDR.
 * </ul>
 * Built once by the wiring from the DAOs it reads and the CVE store.
 */
public final class Reports {
    /**
     * From this many inventory rows on a whole-inventory report reads its rows as two halves at once
     * ({@link #startWhole}); below, one read takes well under a tenth of a second and a second connection is not
     * worth it.
     */
    static final int SPLIT_AT = 20_000;

    private final AssetDao assets;
    private final SubnetDao subnets;
    private final StreamingReads reads;
    private final CveStore cves;
    private final int splitAt;

    public Reports(AssetDao assets, SubnetDao subnets, StreamingReads reads, CveStore cves) {
        this(assets, subnets, reads, cves, SPLIT_AT);
    }

    /** {@code splitAt}: {@link #SPLIT_AT} but for tests, which split small inventories. */
    Reports(AssetDao assets, SubnetDao subnets, StreamingReads reads, CveStore cves, int splitAt) {
        this.assets = Objects.requireNonNull(assets);
        this.subnets = Objects.requireNonNull(subnets);
        this.reads = Objects.requireNonNull(reads);
        this.cves = Objects.requireNonNull(cves);
        this.splitAt = splitAt;
    }

    public ComplianceReport compliance() {
        List<ComplianceAsset> all = new java.util.ArrayList<>();
        this.<ComplianceAsset>eachWhole(assets -> (dao, rows) -> dao.complianceAssets(assets, rows), all::add);
        return ComplianceEngine.report(all, subnets.all());
    }

    public AnalyticsReport analytics(int days, Instant now) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        Instant cutoff = AnalyticsEngine.cutoff(now, days);
        AnalyticsEngine.Accumulator acc = new AnalyticsEngine.Accumulator();
        streaming(dao -> {
            dao.scansSince(cutoff, acc::scan);
            // snapshots counted per scan and category by the database; distinct assets per day from those counts
            // (one scan that day) or one COUNT(DISTINCT) over the day's scans
            Map<String, Map<String, Long>> perDayScans = new TreeMap<>();
            dao.categoryCountsSince(ReportDao.categoryCounts(reads.dialect()), cutoff, c -> {
                acc.categoryCount(c.startedAt(), BigrCategory.fromValue(c.bigrCategory()), c.n());
                perDayScans.computeIfAbsent(AnalyticsEngine.date(c.startedAt()), d -> new HashMap<>())
                        .merge(c.scanId(), c.n(), Long::sum);
            });
            perDayScans.forEach((day, scans) -> acc.assetCount(day, scans.size() == 1
                    ? scans.values().iterator().next() : dao.distinctAssetsOf(scans.keySet())));
            dao.changesSince(cutoff, acc::change);
            dao.changeTotals().forEach(acc::assetChanges);
        });
        return acc.report();
    }

    public RiskReport risk(Instant now) {
        List<RiskReport.Profile> profiles = new ArrayList<>();
        return riskStream(now).forEach(profiles::add).report(profiles);
    }

    /**
     * §6.6 prepared for streaming: the CVE catalog is read here, so a database failure surfaces before a response
     * starts. {@link RiskStream#forEach} then starts the inventory read (joined to each asset's latest snapshot) and,
     * while its first rows are on their way, reads the CVE signal and change count of IPs that several inventory rows
     * share (merged per IP, as the report keys them; usually none) and the change count of every asset; then it
     * matches CVEs and scores each row as it arrives. Memory holds one count per asset with changes, never the assets
     * or the profiles.
     */
    public RiskStream riskStream(Instant now) {
        return new RiskStream(catalog(), now);
    }

    /** The second half of {@link #riskStream}: profiles in inventory order, then the summary. */
    public final class RiskStream {
        private final VulnerabilityEngine.Catalog catalog;
        private final Instant now;

        private RiskStream(VulnerabilityEngine.Catalog catalog, Instant now) {
            this.catalog = catalog;
            this.now = now;
        }

        /**
         * Hands every profile to {@code sink} in inventory order and returns the rest of the report. The inventory
         * read starts first (on a reader thread: the database sorts the whole inventory before its first row, about
         * 0.2-0.3 s at 100,000 assets), and this thread reads the shared IPs' signals and every asset's change count
         * meanwhile, before it takes the first row.
         */
        public RiskEngine.Summary forEach(Consumer<RiskReport.Profile> sink) {
            RiskEngine.Accumulator acc = new RiskEngine.Accumulator();
            Set<String> shared = new HashSet<>();
            Map<String, RiskEngine.VulnSignal> sharedVulns = new HashMap<>();
            Map<String, Integer> sharedChanges = new HashMap<>();
            Map<String, Optional<RiskEngine.VulnSignal>> byVendor = new HashMap<>();
            Map<String, Integer> changesByAsset = new HashMap<>();
            VersionEvidence.Memo memo = new VersionEvidence.Memo();
            Consumer<ReportDao.AssetWithLatest> each = row -> {
                InventoryAsset asset = row.asset();
                RiskEngine.VulnSignal v;
                int changes;
                if (shared.contains(asset.ip())) {
                    v = sharedVulns.get(asset.ip());
                    changes = sharedChanges.getOrDefault(asset.ip(), 0);
                } else {
                    v = signalOf(asset, row.rawEvidence(), byVendor, memo);
                    changes = changesByAsset.getOrDefault(asset.id(), 0);
                }
                RiskReport.Profile p = RiskEngine.profile(RiskAsset.of(asset, row.openPorts()),
                        v == null ? 0.0 : v.maxCvss(), v == null ? null : v.topCve(), changes, now);
                acc.add(p);
                sink.accept(p);
            };
            io.bigr.discovery.db.Rows<ReportDao.AssetWithLatest> rows = startWhole(
                    assets -> (dao, r) -> dao.assetsWithLatest(assets, r));
            try (rows) { // null when no reader is free: then the read follows on this thread
                streaming(dao -> {
                    // Always the same statements, shared IPs or not (the statement count must not depend on the data).
                    dao.sharedIpEvidenceSources(src -> {
                        shared.add(src.ip());
                        RiskEngine.VulnSignal v = signal(vulnAsset(src.ip(), src.mac(), src.vendor(),
                                src.manualNote(), src.rawEvidence()), catalog);
                        if (v != null) {
                            sharedVulns.merge(v.ip(), v, (a, b) -> b.maxCvss() > a.maxCvss() ? b : a);
                        }
                    });
                    dao.sharedIpChangeCounts().forEach(c -> sharedChanges.put(c.key(), c.count()));
                    dao.changeCountsByAsset(c -> changesByAsset.put(c.key(), c.count()));
                });
                if (rows == null) {
                    streaming(dao -> dao.assetsWithLatest(whole(), each));
                } else {
                    rows.forEachRemaining(each);
                }
            }
            return acc.summary();
        }

        /**
         * The asset's CVE signal. Without version evidence (most assets) only the vendor decides the matches, so the
         * signal is computed once per vendor name and reused (the map is bounded by the inventory's distinct vendors).
         */
        private RiskEngine.VulnSignal signalOf(InventoryAsset asset, String rawEvidence,
                                               Map<String, Optional<RiskEngine.VulnSignal>> byVendor,
                                               VersionEvidence.Memo memo) {
            List<VersionEvidence> evidence = memo.versions(memo.evidence(rawEvidence), asset.manualNote());
            if (!evidence.isEmpty()) {
                return signal(new VulnAsset(asset.ip(), asset.mac(), asset.vendor(), evidence), catalog);
            }
            String vendor = asset.vendor() == null ? "" : asset.vendor();
            return byVendor.computeIfAbsent(vendor, k -> Optional.ofNullable(
                    signal(new VulnAsset(null, null, asset.vendor(), List.of()), catalog))).orElse(null);
        }
    }

    /**
     * Every inventory row for the full export (docs/DOMAIN.md §6.3.16), in inventory order, read from one cursor: the
     * asset, its latest snapshot's ports and services and its CVE matches. The CVE catalog is read first, so a
     * database failure surfaces before any row is handed on.
     */
    public void inventoryRows(Consumer<ExportRow> sink) {
        inventoryRows(null, sink);
    }

    /**
     * {@link #inventoryRows(Consumer)} of the rows an inventory query's filters keep (null: every row), still in
     * inventory order; the filters run in the database, so a filtered export reads only its own rows.
     */
    public void inventoryRows(io.bigr.discovery.db.InventoryQuery filter, Consumer<ExportRow> sink) {
        if (filter != null || reads.dialect() != io.bigr.discovery.db.Dialect.POSTGRESQL) {
            // SQLite's pool (4) is no larger than the reader threads: a catalog read while this export's readers
            // hold connections could wait on them, so it comes first there.
            VulnerabilityEngine.Catalog catalog = catalog();
            if (filter != null) {
                readAhead((dao, rows) -> dao.assetsWithLatestMatching(reads.dialect(), filter, rows),
                        exportRows(catalog, sink));
            } else {
                eachWhole(assets -> (dao, rows) -> dao.assetsWithLatest(assets, rows), exportRows(catalog, sink));
            }
            return;
        }
        // PostgreSQL: the whole inventory's read starts first (the database sorts it before the first row), and the
        // catalog is read meanwhile, before any row is taken.
        io.bigr.discovery.db.Rows<ReportDao.AssetWithLatest> rows = startWhole(
                assets -> (dao, r) -> dao.assetsWithLatest(assets, r));
        try (rows) { // null when no reader is free: then the read follows on this thread
            Consumer<ReportDao.AssetWithLatest> each = exportRows(catalog(), sink);
            if (rows == null) {
                streaming(dao -> dao.assetsWithLatest(whole(), each));
            } else {
                rows.forEachRemaining(each);
            }
        }
    }

    /** What the export makes of each row it reads: the asset, its ports, services and CVE matches. */
    private static Consumer<ReportDao.AssetWithLatest> exportRows(VulnerabilityEngine.Catalog catalog,
                                                                 Consumer<ExportRow> sink) {
        VersionEvidence.Memo memo = new VersionEvidence.Memo();
        Map<com.fasterxml.jackson.databind.node.ObjectNode, List<ExportRow.Service>> services =
                new java.util.IdentityHashMap<>();
        return row -> {
            InventoryAsset a = row.asset();
            // services and versions both come from banners (versions also from sysDescr): evidence without either
            // is not parsed at all (a quarter of a realistic inventory), and each distinct banner text once
            com.fasterxml.jackson.databind.node.ObjectNode evidence = memo.evidence(row.rawEvidence());
            List<VersionEvidence> versions = memo.versions(evidence, a.manualNote());
            List<ExportRow.Cve> cves = VulnerabilityEngine.matches(new VulnAsset(a.ip(), a.mac(), a.vendor(),
                    versions), catalog).stream().map(m -> new ExportRow.Cve(m.cve().cveId(), m.matchType(),
                    m.cve().cvssScore(), m.cve().severity())).toList();
            List<ExportRow.Service> shown = evidence == null ? List.of() : services.get(evidence);
            if (shown == null) {
                shown = List.copyOf(ExportRow.services(evidence));
                if (services.size() < io.bigr.discovery.core.Json.KEPT_MEMO_MAX) {
                    services.put(evidence, shown);
                }
            }
            sink.accept(new ExportRow(a, row.openPorts(), shown, cves));
        };
    }

    /** One asset's CVE signal (highest CVSS and that CVE), or null without a match. */
    private static RiskEngine.VulnSignal signal(VulnAsset a, VulnerabilityEngine.Catalog catalog) {
        List<VulnerabilityReport.Match> matches = VulnerabilityEngine.matches(a, catalog);
        if (matches.isEmpty()) {
            return null;
        }
        VulnerabilityReport.Summary s = VulnerabilityEngine.summarize(a.ip(), matches);
        return new RiskEngine.VulnSignal(s.ip(), s.maxCvss(), s.topCve());
    }

    /** What the vulnerability engine reads of an asset; evidence JSON is parsed only when it can hold versions. */
    private static VulnAsset vulnAsset(String ip, String mac, String vendor, String manualNote, String rawEvidence) {
        return vulnAsset(ip, mac, vendor, manualNote, rawEvidence, new VersionEvidence.Memo());
    }

    /** {@link #vulnAsset} for one of many rows of a report, through that report's {@code memo}. */
    private static VulnAsset vulnAsset(String ip, String mac, String vendor, String manualNote, String rawEvidence,
                                       VersionEvidence.Memo memo) {
        return new VulnAsset(ip, mac, vendor, memo.versions(memo.evidence(rawEvidence), manualNote));
    }

    /**
     * The CVE catalog for the inventory: its distinct vendors and every product version evidence can name (a bounded
     * list), so neither the statement count nor memory grows with the number of assets. Seeds the store when empty.
     */
    private VulnerabilityEngine.Catalog catalog() {
        cves.ensureSeeded();
        Set<String> vendors = new LinkedHashSet<>();
        reads.read(ReportDao.class, dao -> dao.vendors().forEach(v -> {
            String normalized = VendorNames.normalize(v);
            if (normalized != null) {
                vendors.add(normalized);
            }
        }));
        return cves.catalog(vendors, VersionEvidence.knownCpeKeys());
    }

    public VulnerabilityReport vulnerabilities() {
        List<VulnerabilityReport.Summary> summaries = new ArrayList<>();
        int count = vulnerabilitySummaries(summaries::add);
        return new VulnerabilityReport(List.copyOf(summaries), count, summaries.size(), cves.stats());
    }

    /**
     * The CVE matches of one asset (its vendor, manual note and the evidence of its latest snapshot), each with its
     * evidence, as {@link #vulnerabilities} would list them for it (docs/DOMAIN.md §6.7).
     */
    public List<VulnerabilityReport.Match> vulnerabilitiesOf(String ip, String mac, String vendor, String manualNote,
                                                            String latestRawEvidence) {
        return VulnerabilityEngine.matches(vulnAsset(ip, mac, vendor, manualNote, latestRawEvidence), catalog());
    }

    public Topology topology() {
        return TopologyEngine.build(topologyAssets());
    }

    /** §6.8 for the assets inside {@code cidr}: only that address range is read; an invalid CIDR gives the empty graph. */
    public Topology topology(String cidr) {
        return TopologyEngine.build(topologyAssets(cidr));
    }

    /** What the graph reads of every inventory row, in inventory order ({@link TopologyEngine#write} renders it). */
    public List<TopologyAsset> topologyAssets() {
        List<TopologyAsset> all = new ArrayList<>();
        this.<TopologyAsset>eachWhole(assets -> (dao, rows) -> dao.topologyAssets(assets, rows), all::add);
        return all;
    }

    /** {@link #topologyAssets()} inside {@code cidr}, reading only that address range; none for an invalid CIDR. */
    public List<TopologyAsset> topologyAssets(String cidr) {
        Optional<inet.ipaddr.IPAddress> network = io.bigr.discovery.core.IpAddresses.network(cidr);
        if (network.isEmpty()) {
            return List.of();
        }
        String lo = io.bigr.discovery.core.IpAddresses.first(network.get());
        String hi = io.bigr.discovery.core.IpAddresses.last(network.get());
        List<TopologyAsset> inRange = new ArrayList<>();
        streaming(dao -> dao.topologyAssetsBetween(lo, hi, inRange::add));
        return TopologyEngine.within(inRange, cidr);
    }

    /**
     * Streams the inventory through the vulnerability engine, handing each asset's summary (assets with at least one
     * match, in inventory order) to {@code sink}; returns the number of assets read.
     */
    private int vulnerabilitySummaries(Consumer<VulnerabilityReport.Summary> sink) {
        VulnerabilityEngine.Catalog catalog = catalog();
        int[] count = {0};
        VersionEvidence.Memo memo = new VersionEvidence.Memo();
        eachWhole(assets -> (dao, rows) -> dao.evidenceSources(assets, rows), (ReportDao.EvidenceSource src) -> {
            count[0]++;
            VulnAsset a = vulnAsset(src.ip(), src.mac(), src.vendor(), src.manualNote(), src.rawEvidence(), memo);
            List<VulnerabilityReport.Match> matches = VulnerabilityEngine.matches(a, catalog);
            if (!matches.isEmpty()) {
                sink.accept(VulnerabilityEngine.summarize(a.ip(), matches));
            }
        });
        return count[0];
    }

    /**
     * The rows of a whole-inventory query (given its {@code <assets>}: {@link ReportDao#wholeInventory}) handed to
     * {@code sink} on this thread in inventory order, read ahead ({@link #startWhole}).
     */
    private <T> void eachWhole(java.util.function.Function<String, java.util.function.BiConsumer<ReportDao,
            Consumer<T>>> query, Consumer<T> sink) {
        io.bigr.discovery.db.Rows<T> rows = startWhole(query);
        if (rows == null) {
            streaming(dao -> query.apply(whole()).accept(dao, sink));
            return;
        }
        try (rows) {
            rows.forEachRemaining(sink);
        }
    }

    /**
     * A whole-inventory query's rows in inventory order, read ahead on a reader thread; null when no reader thread is
     * free (read on this thread). On SQLite, from {@link #SPLIT_AT} rows on, as two halves at once
     * ({@link ReportDao#inventoryHalves}, {@link io.bigr.discovery.db.ReadAhead#inOneSnapshot}): SQLite sorts the
     * whole result before its first row on the one thread that steps it, and two halves sort on two cores, half the
     * wait before the first row (docs/STACK-NOTES.md Q4.16). PostgreSQL already sorts this read with a parallel
     * worker, and a second connection bought nothing there.
     */
    private <T> io.bigr.discovery.db.Rows<T> startWhole(java.util.function.Function<String,
            java.util.function.BiConsumer<ReportDao, Consumer<T>>> query) {
        int[] count = {0};
        if (reads.dialect() == io.bigr.discovery.db.Dialect.SQLITE) {
            reads.read(ReportDao.class, dao -> count[0] = dao.assetCount());
        }
        if (count[0] >= splitAt && count[0] > 0) {
            List<java.util.function.BiConsumer<ReportDao, Consumer<T>>> halves = new ArrayList<>();
            ReportDao.inventoryHalves(reads.dialect(), count[0] / 2).forEach(h -> halves.add(query.apply(h)));
            io.bigr.discovery.db.Rows<T> rows = io.bigr.discovery.db.ReadAhead.inOneSnapshot(reads,
                    ReportDao.class, halves);
            if (rows != null) {
                return rows;
            }
        }
        return io.bigr.discovery.db.ReadAhead.start(reads, ReportDao.class, query.apply(whole()));
    }

    /** The {@code <assets>} of a whole-inventory read on this database ({@link ReportDao#wholeInventory}). */
    private String whole() {
        return ReportDao.wholeInventory(reads.dialect());
    }

    /**
     * Runs streaming reads on one handle ({@link StreamingReads}: pgjdbc honours the fetch size only inside a
     * transaction, otherwise it buffers the whole result, which for a long analytics window is millions of rows).
     */
    private void streaming(Consumer<ReportDao> work) {
        reads.read(ReportDao.class, work::accept);
    }

    /**
     * A whole-inventory query's rows handed to {@code sink} on this thread while a reader thread reads the next ones
     * ({@link io.bigr.discovery.db.ReadAhead}): the report's per-row work overlaps the database's.
     */
    private <T> void readAhead(java.util.function.BiConsumer<ReportDao, Consumer<T>> query, Consumer<T> sink) {
        io.bigr.discovery.db.ReadAhead.forEach(reads, ReportDao.class, query, sink);
    }
}
