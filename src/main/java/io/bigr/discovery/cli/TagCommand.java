package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.db.Daos;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr tag IP CATEGORY [--note N] [config]} (or {@code --category C}): manual category override for every row
 * with that IP (docs/DOMAIN.md §3.9). An address the inventory does not hold is an error (exit 1), not a silent
 * success: nothing would be stored.
 */
public class TagCommand extends StoreCommand {
    static final String IP = "ip";
    static final String CATEGORY = "category";
    static final String CATEGORY_ARG = "category_arg";
    static final String NOTE = "note";

    public TagCommand() {
        super("tag", "Set a manual category for an IP in the inventory (ag_ve_sistemler, uygulamalar, iot, "
                + "tasinabilir)");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument(IP).help("the IP address to tag");
        subparser.addArgument(CATEGORY_ARG).nargs("?").metavar("CATEGORY")
                .help("ag_ve_sistemler, uygulamalar, iot or tasinabilir (or give it with --category)");
        subparser.addArgument("-c", "--category").dest(CATEGORY).help("the category, as an option");
        subparser.addArgument("--note").dest(NOTE).help("why (kept as the evidence of the override)");
    }

    /** {@code bigr tag IP config.yml --category iot}: a trailing .yml/.yaml in the CATEGORY slot is the config. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        String positional = ns.getString(CATEGORY_ARG);
        if (positional != null && ns.getString(FILE) == null) {
            String lower = positional.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
                ns.getAttrs().put(FILE, positional);
                ns.getAttrs().put(CATEGORY_ARG, null);
                positional = null;
            }
        }
        String option = ns.getString(CATEGORY);
        if (positional != null && option != null && !positional.equals(option)) {
            throw CliException.usage("give the category once (CATEGORY or --category), not both");
        }
        if (positional == null && option == null) {
            throw CliException.usage("no category given: bigr tag IP CATEGORY (ag_ve_sistemler, uygulamalar, iot, "
                    + "tasinabilir)");
        }
        ns.getAttrs().put(CATEGORY, option != null ? option : positional);
        super.run(bootstrap, ns);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) {
        String ip = IpAddresses.canonical(ns.getString(IP)).orElseThrow(() -> CliException.badInput(
                "Invalid IP address " + io.bigr.discovery.core.InputBounds.quote(ns.getString(IP))));
        int rows = daos.assets().tag(ip, ns.getString(CATEGORY), ns.getString(NOTE));
        if (rows == 0) {
            throw CliException.badInput(ip + " is not in the inventory (nothing tagged); scan or import it first");
        }
        out.println("Tagged " + ip + " → " + BigrCategory.labelOf(ns.getString(CATEGORY).trim()
                .toLowerCase(Locale.ROOT)));
        if (ns.getString(NOTE) != null) {
            out.println("  Note: " + ns.getString(NOTE));
        }
    }
}
