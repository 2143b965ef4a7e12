package io.bigr.discovery.cli;

import io.bigr.discovery.classify.OuiRegistry;
import io.bigr.discovery.classify.OuiSnapshot;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code bigr oui refresh --from FILE [--to FILE]} rewrites the OUI snapshot from the public IEEE MA-L registry
 * (an {@code oui.csv} or {@code oui.txt} from {@code https://standards-oui.ieee.org/oui/} or Debian's
 * {@code ieee-data}); {@code bigr oui lookup MAC} prints the vendor the classifier would use. The snapshot is a
 * classpath resource, so a refresh in a source checkout is followed by a rebuild (and a commit). Needs no database.
 */
public class OuiCommand extends Command {
    static final String ACTION = "action";
    static final String FROM = "from";
    static final String TO = "to";
    static final String MAC = "mac";

    private final PrintStream out;

    public OuiCommand() {
        this(System.out);
    }

    OuiCommand(PrintStream out) {
        super("oui", "MAC vendor data: refresh the bundled IEEE OUI snapshot, or look up a MAC");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION");
        Subparser refresh = actions.addParser("refresh")
                .help("rewrite the OUI snapshot from an IEEE oui.csv or oui.txt file");
        refresh.addArgument("--from").dest(FROM).metavar("FILE").required(true)
                .help("IEEE MA-L registry file (oui.csv or oui.txt), e.g. /usr/share/ieee-data/oui.csv");
        refresh.addArgument("--to").dest(TO).metavar("FILE").setDefault(OuiSnapshot.SOURCE_SNAPSHOT.toString())
                .help("snapshot to write (default: " + OuiSnapshot.SOURCE_SNAPSHOT + ", the bundled one in a "
                        + "source checkout; rebuild afterwards)");
        Subparser lookup = actions.addParser("lookup").help("print the vendor of a MAC address (override table, "
                + "then the bundled snapshot)");
        lookup.addArgument(MAC).help("MAC address, e.g. 00:50:56:aa:bb:cc");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        if ("lookup".equals(namespace.getString(ACTION))) {
            String vendor = OuiRegistry.bundled().lookup(namespace.getString(MAC));
            out.println(vendor == null ? "(unknown)" : vendor);
            return;
        }
        Path from = Path.of(namespace.getString(FROM));
        Path to = Path.of(namespace.getString(TO));
        Path parent = to.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw CliException.badInput("directory " + parent + " does not exist; run from a source checkout or "
                    + "pass --to FILE");
        }
        try {
            out.println(OuiSnapshot.describe(OuiSnapshot.refresh(from, to)));
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

}
