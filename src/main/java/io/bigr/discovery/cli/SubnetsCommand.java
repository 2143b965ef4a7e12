package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/** {@code bigr subnets add CIDR [--label L] [--vlan N] | remove CIDR | list [--format table|json] [config]}. */
public class SubnetsCommand extends StoreCommand {
    static final String ACTION = "action";
    static final String CIDR = "cidr";

    public SubnetsCommand() {
        super("subnets", "Manage registered subnets (add, remove, list)");
    }

    @Override
    protected boolean fileOnThisParser() {
        return false;
    }

    @Override
    protected void arguments(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION");
        Subparser add = actions.addParser("add").help("register or relabel a subnet");
        add.addArgument(CIDR).help("network, e.g. 192.168.1.0/24");
        add.addArgument("-l", "--label").dest("label").setDefault("").help("friendly name");
        add.addArgument("--vlan").dest("vlan").type(Integer.class).help("VLAN id (1-4094)");
        addConfigFile(add);
        Subparser remove = actions.addParser("remove").help("unregister a subnet");
        remove.addArgument(CIDR).help("the subnet as registered");
        addConfigFile(remove);
        Subparser list = actions.addParser("list").help("list registered subnets");
        ReportOutput.listFormat(list);
        addConfigFile(list);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) throws Exception {
        switch (ns.getString(ACTION)) {
            case "add" -> {
                String given = ns.getString(CIDR);
                if (given == null || IpAddresses.network(given).isEmpty() || !given.contains("/")) {
                    throw CliException.badInput("Invalid CIDR " + io.bigr.discovery.core.InputBounds.quote(given)
                            + " (expected e.g. 192.168.1.0/24)");
                }
                String cidr = IpAddresses.networkText(IpAddresses.network(given).orElseThrow());
                Integer vlan = ns.getInt("vlan");
                if (vlan != null && (vlan < 1 || vlan > 4094)) {
                    throw CliException.badInput("--vlan must be between 1 and 4094, got " + vlan);
                }
                daos.subnets().add(cidr, ns.getString("label"), vlan);
                out.println("Added subnet " + cidr + (vlan == null ? "" : " (VLAN " + vlan + ")"));
                if (!ns.getString("label").isEmpty()) {
                    out.println("  Label: " + ns.getString("label"));
                }
            }
            case "remove" -> {
                daos.subnets().remove(ns.getString(CIDR));
                out.println("Removed subnet " + ns.getString(CIDR));
            }
            default -> {
                boolean json = ReportOutput.json(ns);
                List<Subnet> subnets = daos.subnets().all();
                if (json) {
                    ReportOutput.json(out, subnets);
                } else {
                    list(subnets, out);
                }
            }
        }
    }

    private static void list(List<Subnet> subnets, PrintStream out) {
        if (subnets.isEmpty()) {
            out.println("No subnets registered");
            return;
        }
        Table t = new Table("CIDR", "Label", "VLAN", "Assets", "Last scanned (UTC)");
        subnets.forEach(s -> t.row(s.cidr(), s.label(), s.vlanId(), s.assetCount(),
                s.lastScanned() == null ? null : HistoryCommand.DATE.format(s.lastScanned())));
        t.print(out);
    }
}
