package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.analytics.AnalyticsEngine;
import io.bigr.discovery.analytics.AnalyticsReport;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr analytics [--days N] [--format summary|json] [config]}: docs/DOMAIN.md §6.5 from the configured database.
 * {@code json} prints only the report JSON.
 */
public class AnalyticsCommand extends StoreCommand {
    static final List<String> FORMATS = List.of("summary", "json");
    static final int MAX_DAYS = 3650;

    public AnalyticsCommand() {
        super("analytics", "Asset, category, change and scan trends over the last N days");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("-d", "--days").dest("days").type(Integer.class)
                .setDefault(AnalyticsEngine.DEFAULT_DAYS).help("look-back window in days (default 30)");
        subparser.addArgument("-f", "--format").dest(ReportOutput.FORMAT).setDefault("summary")
                .help("summary (default) or json");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out)
            throws Exception {
        Integer days = ns.getInt("days");
        if (days == null || days < 1 || days > MAX_DAYS) {
            throw CliException.badInput("--days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        String format = ReportOutput.format(ns.getString(ReportOutput.FORMAT), FORMATS);
        AnalyticsReport r = reports(daos).analytics(days, Timestamps.now());
        if (format.equals("json")) {
            ReportOutput.json(out, r);
            return;
        }
        out.println("BİGR Analytics (last " + days + " days)");
        out.println();
        if (r.assetCountTrend().points().isEmpty()) {
            out.println("No scans in the last " + days + " days");
        } else {
            Table counts = new Table("Date", "Assets");
            r.assetCountTrend().points().forEach(p -> counts.row(p.date(), p.value()));
            counts.print(out);
            out.println();
            Table categories = new Table("Category", "Sightings");
            r.categoryTrends().forEach(s -> categories.row(io.bigr.discovery.core.BigrCategory.labelOf(s.name()),
                    s.points().stream().mapToInt(AnalyticsReport.Point::value).sum()));
            categories.print(out);
            out.println();
            Table scans = new Table("Date", "Scans", "Assets");
            r.scanFrequency().forEach(d -> scans.row(d.date(), d.scanCount(), d.totalAssets()));
            scans.print(out);
        }
        out.println();
        if (r.mostChangedAssets().isEmpty()) {
            out.println("No asset changes");
            return;
        }
        out.println("Most changed assets");
        Table changed = new Table("IP", "MAC", "Hostname", "Changes", "Last change (UTC)");
        r.mostChangedAssets().stream().limit(10).forEach(c -> changed.row(c.ip(), c.mac(), c.hostname(),
                c.changeCount(), c.lastChange() == null ? null : HistoryCommand.DATE.format(c.lastChange())));
        changed.print(out);
    }
}
