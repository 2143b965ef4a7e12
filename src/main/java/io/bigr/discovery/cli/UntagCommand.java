package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bigr untag IP [config]}: clears the manual override; an address not in the inventory is an error. */
public class UntagCommand extends StoreCommand {
    public UntagCommand() {
        super("untag", "Clear the manual category of an IP");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument(TagCommand.IP).help("the IP address to untag");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) {
        String ip = IpAddresses.canonical(ns.getString(TagCommand.IP)).orElseThrow(() -> CliException.badInput(
                "Invalid IP address " + io.bigr.discovery.core.InputBounds.quote(ns.getString(TagCommand.IP))));
        if (daos.assets().untag(ip) == 0) {
            throw CliException.badInput(ip + " is not in the inventory (nothing untagged)");
        }
        out.println("Untagged " + ip);
    }
}
