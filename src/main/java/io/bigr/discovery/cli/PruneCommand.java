package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.RetentionFactory;
import io.bigr.discovery.db.SnapshotRetention;
import io.dropwizard.util.Duration;
import java.io.PrintStream;
import java.time.Instant;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr prune [--dry-run] [--keep-for D] [--keep-per-asset N] [config]}: removes old per-scan snapshots by the
 * configuration's {@code retention:} policy (docs/DOMAIN.md §3.16), or the one given on the command line.
 */
public class PruneCommand extends StoreCommand {
    public PruneCommand() {
        super("prune", "Remove old per-scan snapshots by the retention policy (an asset's latest is always kept)");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("--dry-run").dest("dry_run").action(Arguments.storeTrue())
                .help("count what would be removed, remove nothing");
        subparser.addArgument("--keep-for").dest("keep_for").metavar("DURATION")
                .help("keep snapshots younger than this, e.g. '30 days' (default: retention.keepFor)");
        subparser.addArgument("--keep-per-asset").dest("keep_per_asset").metavar("N").type(Integer.class)
                .help("keep each asset's N newest snapshots (default: retention.keepPerAsset)");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) {
        RetentionFactory retention = config.getRetention();
        java.time.Duration keepFor = retention.getKeepFor().toJavaDuration();
        String keepForText = ns.getString("keep_for");
        if (keepForText != null) {
            try {
                keepFor = Duration.parse(keepForText).toJavaDuration();
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("--keep-for: expected a duration such as '30 days' or '12h'");
            }
        }
        Integer perAsset = ns.getInt("keep_per_asset");
        SnapshotRetention.Policy policy;
        try {
            policy = new SnapshotRetention.Policy(keepFor, perAsset == null ? retention.getKeepPerAsset() : perAsset);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput((perAsset != null && perAsset < 1 ? "--keep-per-asset: " : "") + e.getMessage());
        }
        SnapshotRetention.Outcome o = new SnapshotRetention(daos.assets(), daos.snapshots())
                .prune(policy, Instant.now(), ns.getBoolean("dry_run"));
        out.println(o.describe());
    }
}
