package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.compliance.ComplianceReport;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr compliance [--format summary|detailed|json] [config]}: docs/DOMAIN.md §6.4 over the inventory with manual
 * overrides, plus per-subnet compliance for registered subnets. {@code json} prints only the report JSON.
 */
public class ComplianceCommand extends StoreCommand {
    static final List<String> FORMATS = List.of("summary", "detailed", "json");
    static final int MAX_ACTIONS = 20;

    public ComplianceCommand() {
        super("compliance", "Classification compliance score, grade, distribution and action items");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("-f", "--format").dest(ReportOutput.FORMAT).setDefault("summary")
                .help("summary (default), detailed or json");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out)
            throws Exception {
        String format = ReportOutput.format(ns.getString(ReportOutput.FORMAT), FORMATS);
        ComplianceReport r = reports(daos).compliance();
        if (format.equals("json")) {
            ReportOutput.json(out, r);
            return;
        }
        out.println("BİGR Compliance Report");
        out.println();
        out.println("Score: " + ReportOutput.oneDecimal(r.complianceScore()) + " / 100  Grade: " + r.grade());
        out.println();
        ComplianceReport.Breakdown b = r.breakdown();
        new Table("Bucket", "Assets")
                .row("Fully classified", b.fullyClassified())
                .row("Partially classified", b.partiallyClassified())
                .row("Unclassified", b.unclassified())
                .row("Manual overrides", b.manualOverrides())
                .row("Total", b.totalAssets())
                .print(out);
        out.println();
        if (b.totalAssets() == 0) {
            out.println("No assets in the inventory");
            return;
        }
        Table dist = new Table("Category", "Assets", "Percent");
        for (BigrCategory c : BigrCategory.values()) {
            int n = r.distribution().counts().getOrDefault(c.value(), 0);
            if (n > 0) {
                dist.row(c.label(), n, ReportOutput.oneDecimal(r.distribution().percentages().get(c.value())) + "%");
            }
        }
        dist.print(out);
        if (!r.subnetCompliance().isEmpty()) {
            out.println();
            Table subnets = new Table("Subnet", "Label", "Score", "Grade");
            r.subnetCompliance().forEach(s -> subnets.row(s.cidr(), s.label(), ReportOutput.oneDecimal(s.score()),
                    s.grade()));
            subnets.print(out);
        }
        out.println();
        if (r.actionItems().isEmpty()) {
            out.println("No action items");
            return;
        }
        out.println("Action items (" + r.actionItems().size() + ")");
        Table actions = new Table("Priority", "Type", "IP", "Reason");
        r.actionItems().stream().limit(MAX_ACTIONS).forEach(a -> actions.row(a.priority(), a.type(), a.ip(),
                a.reason()));
        actions.print(out);
        if (r.actionItems().size() > MAX_ACTIONS) {
            out.println("... and " + (r.actionItems().size() - MAX_ACTIONS) + " more");
        }
    }
}
