package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.SwitchInfo;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.snmp.ForwardingTable;
import io.bigr.discovery.snmp.SwitchConfig;
import io.bigr.discovery.snmp.SwitchPoller;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code bigr snmp add HOST [...] | remove HOST | list | scan} (docs/DOMAIN.md §7, §3.13, §5.8). Secrets given to
 * {@code add} are encrypted before they are stored and are never printed; {@code list} shows whether credentials
 * are configured, nothing more.
 */
public class SnmpCommand extends StoreCommand {
    static final String ACTION = "action";
    static final String HOST = "host";
    private static final int SHOWN_ENTRIES = 50;

    public SnmpCommand() {
        super("snmp", "SNMP switches (add, remove, list, scan)");
    }

    @Override
    protected boolean fileOnThisParser() {
        return false;
    }

    @Override
    protected void arguments(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION");
        Subparser add = actions.addParser("add").help("register or update a switch");
        add.addArgument(HOST).help("switch IP or host name");
        add.addArgument("--community").dest("community").help("v2c community (default public)");
        add.addArgument("--version").dest("version").setDefault("2c").help("SNMP version: 2c or 3");
        add.addArgument("-l", "--label").dest("label").setDefault("").help("friendly name");
        add.addArgument("--user").dest("user").help("v3 user name");
        add.addArgument("--auth-protocol").dest("auth_protocol").help("v3: SHA, SHA256 or MD5");
        add.addArgument("--auth-secret").dest("auth_secret").help("v3 authentication passphrase");
        add.addArgument("--priv-protocol").dest("priv_protocol").help("v3: AES, AES256 or DES");
        add.addArgument("--priv-secret").dest("priv_secret").help("v3 privacy passphrase");
        addConfigFile(add);
        Subparser remove = actions.addParser("remove").help("unregister a switch");
        remove.addArgument(HOST).help("the switch as registered");
        addConfigFile(remove);
        Subparser list = actions.addParser("list").help("list registered switches (never shows secrets)");
        ReportOutput.listFormat(list);
        addConfigFile(list);
        addConfigFile(actions.addParser("scan").help("poll every switch and place assets on ports"));
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) throws Exception {
        switch (ns.getString(ACTION)) {
            case "add" -> {
                SwitchConfig sw = new SwitchConfig(ns.getString(HOST), ns.getString("version"),
                        ns.getString("community"), ns.getString("label"), ns.getString("user"),
                        ns.getString("auth_protocol"), ns.getString("auth_secret"), ns.getString("priv_protocol"),
                        ns.getString("priv_secret"));
                daos.switches().save(sw.seal(config.getSnmp().secrets()));
                out.println("Added switch " + sw.host() + " (SNMP v" + sw.version() + ", credentials stored encrypted)");
            }
            case "remove" -> {
                daos.switches().remove(ns.getString(HOST));
                out.println("Removed switch " + ns.getString(HOST));
            }
            case "scan" -> scan(config, daos, out);
            default -> {
                boolean json = ReportOutput.json(ns);
                List<SwitchInfo> switches = daos.switches().all();
                if (json) {
                    ReportOutput.json(out, switches);
                } else {
                    list(switches, out);
                }
            }
        }
    }

    private static void scan(BigrConfiguration config, Daos daos, PrintStream out) {
        if (daos.switches().credentials().isEmpty()) {
            out.println("No switches registered; add one with: bigr snmp add HOST");
            return;
        }
        List<SwitchPoller.SwitchReport> reports = config.getSnmp().poller(daos.switches(), daos.switchEvidence()).pollAll();
        int total = 0;
        Table entries = new Table("MAC", "Switch", "Port", "Port index", "VLAN", "Confidence");
        int shown = 0;
        for (SwitchPoller.SwitchReport r : reports) {
            if (!r.ok()) {
                out.println("Switch " + r.host() + " skipped: " + r.error());
                continue;
            }
            total += r.macCount();
            out.println("Switch " + r.host() + ": " + r.macCount() + " MAC(s), " + r.assetsPlaced()
                    + " asset(s) placed" + (r.uplinks().isEmpty() ? "" : ", uplinks: " + String.join(", ",
                    r.uplinks().stream().map(p -> p.name() + " (" + p.reason() + ")").toList())));
            for (ForwardingTable.Placement p : r.placements()) {
                if (shown++ < SHOWN_ENTRIES) {
                    entries.row(p.mac(), r.label() == null || r.label().isEmpty() ? r.host() : r.label(),
                            p.placed() ? p.port().name() : "(uplink)", p.placed() ? p.port().bridgePort() : null,
                            p.vlanId(), p.confidence());
                }
            }
        }
        out.println("Found " + total + " MAC entries");
        if (shown > 0) {
            entries.print(out);
            if (shown > SHOWN_ENTRIES) {
                out.println("... and " + (shown - SHOWN_ENTRIES) + " more entries");
            }
        }
    }

    private static void list(List<SwitchInfo> switches, PrintStream out) {
        if (switches.isEmpty()) {
            out.println("No switches registered");
            return;
        }
        Table t = new Table("Host", "Label", "Version", "User", "Credentials", "MACs", "Last polled (UTC)");
        switches.forEach(s -> t.row(s.host(), s.label(), s.version(), s.snmpUser(),
                s.credentialsConfigured() ? "configured" : "none", s.macCount(),
                s.lastPolled() == null ? null : HistoryCommand.DATE.format(s.lastPolled())));
        t.print(out);
    }
}
