package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.AssetLink;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.util.List;
import java.util.NoSuchElementException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code bigr assets show IP | merge KEEP_ID MERGE_ID | split ASSET_ID MAC [config]}: the rows of an address with
 * their ids and linked MACs, and a user's corrections of identity (docs/DOMAIN.md §3.17).
 */
public class AssetsCommand extends StoreCommand {
    static final String ACTION = "action";

    public AssetsCommand() {
        super("assets", "Show an address's inventory rows and linked MACs; merge two rows or split a linked MAC off");
    }

    @Override
    protected boolean fileOnThisParser() {
        return false;
    }

    @Override
    protected void arguments(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION");
        Subparser show = actions.addParser("show").help("the rows of an address, with ids and linked MACs");
        show.addArgument("ip").help("an address in the inventory");
        addConfigFile(show);
        Subparser merge = actions.addParser("merge").help("merge the second row into the first (one device)");
        merge.addArgument("keep").metavar("KEEP_ID").help("id of the row to keep");
        merge.addArgument("merge").metavar("MERGE_ID").help("id of the row merged into it and removed");
        addConfigFile(merge);
        Subparser split = actions.addParser("split").help("make a MAC linked to a row a row of its own");
        split.addArgument("asset").metavar("ASSET_ID").help("id of the row the MAC is linked to");
        split.addArgument("mac").metavar("MAC").help("the linked MAC");
        addConfigFile(split);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) {
        try {
            switch (ns.getString(ACTION)) {
                case "merge" -> {
                    InventoryAsset kept = daos.store().merge(ns.getString("keep"), ns.getString("merge"));
                    out.println("Merged " + ns.getString("merge") + " into " + kept.id() + " (" + kept.ip()
                            + (kept.mac() == null ? "" : " " + kept.mac()) + ")");
                }
                case "split" -> {
                    MacAddress mac;
                    try {
                        mac = MacAddress.of(ns.getString("mac"));
                    } catch (IllegalArgumentException e) {
                        throw CliException.badInput("Invalid MAC '" + ns.getString("mac") + "'");
                    }
                    InventoryAsset created = daos.store().split(ns.getString("asset"), mac);
                    out.println("Split " + created.mac() + " off into " + created.id() + " (" + created.ip() + ")");
                }
                default -> show(ns.getString("ip"), daos, out);
            }
        } catch (NoSuchElementException e) {
            throw CliException.badInput("Unknown asset: " + e.getMessage());
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    private static void show(String ip, Daos daos, PrintStream out) {
        String addr;
        try {
            addr = IpAddress.of(ip).value();
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("Invalid IP address '" + ip + "'");
        }
        List<InventoryAsset> rows = daos.assets().byIp(addr);
        if (rows.isEmpty()) {
            throw CliException.badInput("No asset at " + addr);
        }
        Table t = new Table("ID", "IP", "MAC", "Hostname", "Status", "Linked MACs");
        for (InventoryAsset a : rows) {
            List<AssetLink> links = daos.store().links(a.id());
            t.row(a.id(), a.ip(), a.mac(), a.hostname(), a.status(), String.join(", ",
                    links.stream().map(l -> l.mac() + " (" + l.source() + ")").toList()));
        }
        t.print(out);
    }
}
