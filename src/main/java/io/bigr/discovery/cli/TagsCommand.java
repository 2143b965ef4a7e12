package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bigr tags [--format table|json] [config]}: every manual override (Turkish labels in the table). */
public class TagsCommand extends StoreCommand {
    public TagsCommand() {
        super("tags", "List manual category overrides");
    }

    @Override
    protected void arguments(Subparser subparser) {
        ReportOutput.listFormat(subparser);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) throws Exception {
        boolean json = ReportOutput.json(ns);
        List<InventoryAsset> tags = daos.assets().tagged();
        if (json) {
            ReportOutput.json(out, tags);
            return;
        }
        if (tags.isEmpty()) {
            out.println("No manual overrides");
            return;
        }
        Table t = new Table("IP", "MAC", "Hostname", "Category", "Note");
        tags.forEach(a -> t.row(a.ip(), a.mac(), a.hostname(), BigrCategory.labelOf(a.manualCategory()),
                a.manualNote()));
        t.print(out);
    }
}
