package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.ChangeDao;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr changes [--limit N] [--type TYPE] [--ip IP] [--since TIME] [--format table|json] [config]}: the change log, newest first,
 * filtered as {@code GET /api/changes} filters it (docs/DOMAIN.md §3.11).
 */
public class ChangesCommand extends StoreCommand {
    public ChangesCommand() {
        super("changes", "Show recent asset changes");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("-n", "--limit").dest("limit").type(Integer.class).setDefault(50)
                .help("how many changes");
        ReportOutput.listFormat(subparser);
        subparser.addArgument("--type").dest("type").choices(ChangeDao.TYPES)
                .help("only changes of this type");
        subparser.addArgument("--ip").dest("ip").help("only changes of assets with this IP");
        subparser.addArgument("--since").dest("since")
                .help("only changes detected at or after this ISO-8601 time or date (UTC)");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) throws Exception {
        int limit = Limits.positive(ns.getInt("limit"), "--limit");
        boolean json = ReportOutput.json(ns);
        String ip = ns.getString("ip") == null ? null : IpAddresses.canonical(ns.getString("ip")).orElseThrow(
                () -> CliException.usage("--ip: " + io.bigr.discovery.core.InputBounds.quote(ns.getString("ip"))
                        + " is not a valid IP address"));
        Instant since;
        try {
            since = Timestamps.parseDateOrTime(ns.getString("since"));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--since must be an ISO-8601 time or date, got '" + ns.getString("since") + "'");
        }
        ChangeDao.Filter filter = new ChangeDao.Filter(ns.getString("type"), ip == null ? null : ip.trim(), since,
                null);
        List<AssetChange> changes = daos.changes().feed(filter, limit, 0);
        if (json) {
            ReportOutput.json(out, changes);
            return;
        }
        if (changes.isEmpty()) {
            out.println("No asset changes");
            return;
        }
        Table t = new Table("Time (UTC)", "IP", "Change", "Field", "Old", "New");
        for (AssetChange c : changes) {
            t.row(HistoryCommand.DATE.format(c.detectedAt()), c.ip(), c.changeType(), c.fieldName(),
                    Table.shown(c.fieldName(), c.oldValue()), Table.shown(c.fieldName(), c.newValue()));
        }
        t.print(out);
    }
}
