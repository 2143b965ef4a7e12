package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.risk.RiskReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr risk [--format summary|json|top10] [config]}: docs/DOMAIN.md §6.6 over the inventory with latest-snapshot
 * ports, change counts and CVE matches (the same report as {@code GET /api/risk}). {@code json} prints only JSON.
 */
public class RiskCommand extends StoreCommand {
    static final List<String> FORMATS = List.of("summary", "json", "top10");

    public RiskCommand() {
        super("risk", "Per-asset risk scores and the riskiest assets");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("-f", "--format").dest(ReportOutput.FORMAT).setDefault("summary")
                .help("summary (default), json or top10");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out)
            throws Exception {
        String format = ReportOutput.format(ns.getString(ReportOutput.FORMAT), FORMATS);
        RiskReport r = reports(daos).risk(Timestamps.now());
        switch (format) {
            case "json" -> ReportOutput.json(out, r);
            case "top10" -> top(out, r.topRisks());
            default -> {
                out.println("BİGR Risk Assessment");
                out.println();
                if (r.profiles().isEmpty()) {
                    out.println("No assets in the inventory");
                    return;
                }
                out.println("Assets: " + r.profiles().size());
                out.println("Average risk: " + ReportOutput.oneDecimal(r.averageRisk()) + " / 10.0");
                out.println("Maximum risk: " + ReportOutput.oneDecimal(r.maxRisk()) + " / 10.0");
                out.println("Critical: " + r.criticalCount() + "  High: " + r.highCount() + "  Medium: "
                        + r.mediumCount() + "  Low: " + r.lowCount());
                out.println();
                top(out, r.topRisks().stream().limit(5).toList());
            }
        }
    }

    private static void top(PrintStream out, List<RiskReport.Profile> profiles) {
        if (profiles.isEmpty()) {
            out.println("No assets in the inventory");
            return;
        }
        Table t = new Table("IP", "Vendor", "Category", "Score", "Level", "Top CVE");
        profiles.forEach(p -> t.row(p.ip(), p.vendor(), p.bigrCategory().label(), ReportOutput.oneDecimal(p.riskScore()),
                p.riskLevel().toUpperCase(Locale.ROOT), p.topCve()));
        t.print(out);
    }
}
