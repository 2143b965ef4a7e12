package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.vuln.CveEntry;
import io.bigr.discovery.vuln.CveStore;
import io.bigr.discovery.vuln.VulnerabilityReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code bigr vuln seed | scan [--format summary|json] | stats | search QUERY | import FILE [config]}: the CVE store in
 * the configured database (docs/DOMAIN.md §6.7). The 18 built-in CVEs are seeded on first use when the store is empty.
 */
public class VulnCommand extends StoreCommand {
    static final String ACTION = "action";
    static final String QUERY = "query";
    static final String FILE = "feed";
    static final List<String> SCAN_FORMATS = List.of("summary", "json");
    static final int DESCRIPTION_WIDTH = 60;

    public VulnCommand() {
        super("vuln", "CVE store and vulnerability matching (seed, scan, stats, search, import)");
    }

    @Override
    protected boolean fileOnThisParser() {
        return false;
    }

    @Override
    protected void arguments(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION");
        addConfigFile(actions.addParser("seed").help("insert or refresh the 18 built-in CVEs"));
        Subparser scan = actions.addParser("scan").help("match the inventory against the CVE store");
        scan.addArgument("-f", "--format").dest(ReportOutput.FORMAT).setDefault("summary")
                .help("summary (default) or json");
        addConfigFile(scan);
        addConfigFile(actions.addParser("stats").help("CVE store totals, last sync, counts by severity"));
        Subparser search = actions.addParser("search").help("look up a CVE id or a vendor");
        search.addArgument(QUERY).help("CVE-YYYY-NNNN or a vendor name");
        addConfigFile(search);
        Subparser feed = actions.addParser("import").help("import an NVD CVE JSON 2.0 feed file (.json or .json.gz)");
        feed.addArgument(FILE).metavar("FILE").help("path of the feed file");
        addConfigFile(feed);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out)
            throws Exception {
        CveStore cves = new CveStore(daos.cves());
        switch (ns.getString(ACTION)) {
            case "seed" -> out.println("Seeded " + cves.seed() + " CVEs (total in store: " + cves.count() + ")");
            case "scan" -> scan(ns, reports(daos), out);
            case "stats" -> stats(cves, out);
            case "search" -> search(ns.getString(QUERY), cves, out);
            default -> importFeed(ns.getString(FILE), cves, out);
        }
    }

    private static void scan(Namespace ns, Reports reports, PrintStream out) throws Exception {
        String format = ReportOutput.format(ns.getString(ReportOutput.FORMAT), SCAN_FORMATS);
        VulnerabilityReport r = reports.vulnerabilities();
        if (format.equals("json")) {
            ReportOutput.json(out, r);
            return;
        }
        if (r.summaries().isEmpty()) {
            out.println("No vulnerabilities found (" + r.totalAssetsScanned() + " assets checked)");
            return;
        }
        Table t = new Table("IP", "Total", "Critical", "High", "Medium", "Low", "Max CVSS", "Confirmed", "Top CVE");
        r.summaries().forEach(s -> t.row(s.ip(), s.totalVulns(), s.criticalCount(), s.highCount(), s.mediumCount(),
                s.lowCount(), ReportOutput.oneDecimal(s.maxCvss()),
                s.matches().stream().filter(m -> m.matchType().equals("version_confirmed")).count(), s.topCve()));
        t.print(out);
        out.println();
        out.println(r.totalVulnerable() + " assets with vulnerabilities found (" + r.totalAssetsScanned()
                + " checked). Vendor-only matches are low confidence: the maker has such CVEs, the device's version"
                + " is unknown.");
    }

    private static void stats(CveStore cves, PrintStream out) {
        cves.ensureSeeded();
        VulnerabilityReport.CveStats s = cves.stats();
        out.println("Total CVEs: " + s.total());
        if (s.lastSync() != null) {
            out.println("Last sync: " + HistoryCommand.DATE.format(s.lastSync()) + " UTC");
        }
        for (Map.Entry<String, Long> e : s.bySeverity().entrySet()) {
            if (e.getValue() > 0) {
                out.println("  " + e.getKey() + ": " + e.getValue());
            }
        }
    }

    private static void search(String query, CveStore cves, PrintStream out) {
        cves.ensureSeeded();
        String q = query == null ? "" : query.trim();
        if (q.isEmpty()) {
            throw CliException.badInput("the search query is empty");
        }
        List<CveEntry> found = q.toUpperCase(Locale.ROOT).startsWith("CVE-")
                ? cves.find(q).map(List::of).orElse(List.of())
                : cves.byVendor(q);
        if (found.isEmpty()) {
            out.println("No CVEs found for '" + q + "'");
            return;
        }
        Table t = new Table("CVE", "CVSS", "Severity", "Vendor", "Product", "KEV", "Description");
        found.forEach(c -> t.row(c.cveId(), ReportOutput.oneDecimal(c.cvssScore()), c.severity(),
                c.affectedVendor(), c.affectedProduct(), c.cisaKev() ? "YES" : "-", truncate(c.description())));
        t.print(out);
    }

    private static void importFeed(String file, CveStore cves, PrintStream out) throws Exception {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw CliException.badInput("File not found: " + file);
        }
        CveStore.ImportResult r = cves.importFeed(path);
        out.println("Imported " + r.written() + " CVEs from " + path.getFileName() + " (" + r.added() + " new, "
                + r.updated() + " updated, " + r.skipped() + " skipped, " + r.criteria() + " CPE criteria)");
    }

    private static String truncate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return one.length() <= DESCRIPTION_WIDTH ? one : one.substring(0, DESCRIPTION_WIDTH) + "...";
    }
}
