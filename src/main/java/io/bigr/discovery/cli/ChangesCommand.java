package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bigr changes [--limit N] [config]}: the change log, newest first. */
public class ChangesCommand extends StoreCommand {
    public ChangesCommand() {
        super("changes", "Show recent asset changes");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("-l", "--limit").dest("limit").type(Integer.class).setDefault(50)
                .help("how many changes (default 50)");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) {
        int limit = Limits.positive(ns.getInt("limit"), "--limit");
        List<AssetChange> changes = daos.changes().feed(limit, 0);
        if (changes.isEmpty()) {
            out.println("No asset changes");
            return;
        }
        Table t = new Table("Time (UTC)", "IP", "Change", "Field", "Old", "New");
        for (AssetChange c : changes) {
            t.row(HistoryCommand.DATE.format(c.detectedAt()), c.ip(), c.changeType(), c.fieldName(), c.oldValue(),
                    c.newValue());
        }
        t.print(out);
    }
}
