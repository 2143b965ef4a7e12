package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bigr history [--limit N] [--format table|json] [config]}: recent scans, newest first. */
public class HistoryCommand extends StoreCommand {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public HistoryCommand() {
        super("history", "List recent scans");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("-n", "--limit").dest("limit").type(Integer.class).setDefault(20)
                .help("how many scans");
        ReportOutput.listFormat(subparser);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) throws Exception {
        int limit = Limits.positive(ns.getInt("limit"), "--limit");
        boolean json = ReportOutput.json(ns);
        List<ScanSummary> scans = daos.scans().list(limit, 0);
        if (json) {
            ReportOutput.json(out, scans);
            return;
        }
        if (scans.isEmpty()) {
            out.println("No scan history");
            return;
        }
        Table t = new Table("#", "Target", "Date (UTC)", "Assets", "Mode", "Duration", "Root", "Status");
        int i = 1;
        for (ScanSummary s : scans) {
            Double d = s.durationSeconds();
            t.row(i++, s.target(), DATE.format(s.startedAt()), s.totalAssets(), s.scanMethod(),
                    d == null ? "-" : String.format(Locale.ROOT, "%.1fs", d), s.isRoot() ? "Yes" : "No", s.status());
        }
        t.print(out);
    }
}
