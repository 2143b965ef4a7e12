package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.db.InventoryStore;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bigr untag IP [config]}: clears the manual override. */
public class UntagCommand extends StoreCommand {
    public UntagCommand() {
        super("untag", "Clear the manual category of an IP");
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument(TagCommand.IP).help("the IP address to untag");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, InventoryStore store, PrintStream out) {
        String ip = ns.getString(TagCommand.IP);
        if (!IpAddresses.isValid(ip)) {
            throw CliException.badInput("Invalid IP address '" + ip + "'");
        }
        store.untag(ip);
        out.println("Untagged " + ip);
    }
}
