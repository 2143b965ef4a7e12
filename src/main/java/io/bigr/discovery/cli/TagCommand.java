package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bigr tag IP --category C [--note N] [config]}: manual category override for every row with that IP. */
public class TagCommand extends StoreCommand {
    static final String IP = "ip";
    static final String CATEGORY = "category";
    static final String NOTE = "note";

    public TagCommand() {
        super("tag", "Set a manual category for an IP (ag_ve_sistemler, uygulamalar, iot, tasinabilir)");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument(IP).help("the IP address to tag");
        subparser.addArgument("-c", "--category").dest(CATEGORY).required(true)
                .help("ag_ve_sistemler, uygulamalar, iot or tasinabilir");
        subparser.addArgument("-n", "--note").dest(NOTE).help("why (kept as the evidence of the override)");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) {
        String ip = IpAddresses.canonical(ns.getString(IP)).orElseThrow(() -> CliException.badInput(
                "Invalid IP address " + io.bigr.discovery.core.InputBounds.quote(ns.getString(IP))));
        int rows = daos.assets().tag(ip, ns.getString(CATEGORY), ns.getString(NOTE));
        out.println("Tagged " + ip + " → " + ns.getString(CATEGORY).toLowerCase(java.util.Locale.ROOT)
                + (rows == 0 ? " (not in the inventory yet: nothing changed)" : ""));
        if (ns.getString(NOTE) != null) {
            out.println("  Note: " + ns.getString(NOTE));
        }
    }
}
