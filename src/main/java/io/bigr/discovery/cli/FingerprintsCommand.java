package io.bigr.discovery.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.fingerprint.EvidenceKind;
import io.bigr.discovery.fingerprint.Fingerprints;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr fingerprints [--fingerprints DIR] [--json]}: loads and validates the fingerprint database (the bundled
 * one, extended by a user's folder) and prints its coverage: fingerprints, examples, device types and vendors,
 * overall and per evidence kind (docs/DOMAIN.md §4.15). Needs no database. A bad file is one line naming the file
 * and field, exit 1.
 */
public class FingerprintsCommand extends Command {
    static final String FINGERPRINTS = "fingerprints";
    static final String JSON = "json";

    private final PrintStream out;

    public FingerprintsCommand() {
        this(System.out);
    }

    FingerprintsCommand(PrintStream out) {
        super("fingerprints", "Check the fingerprint database and print its coverage");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--fingerprints").dest(FINGERPRINTS).metavar("DIR")
                .help("folder of fingerprint files (*.yaml) that extends the bundled database");
        subparser.addArgument("--json").dest(JSON).action(Arguments.storeTrue()).help("print JSON");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        String dir = ns.getString(FINGERPRINTS);
        if (dir != null && !Files.isDirectory(Path.of(dir))) {
            throw CliException.usage("--fingerprints: '" + dir + "' is not a folder");
        }
        Fingerprints.Coverage c;
        try {
            c = Fingerprints.load(dir == null ? null : Path.of(dir)).coverage();
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        if (Boolean.TRUE.equals(ns.getBoolean(JSON))) {
            out.println(Json.write(json(c)));
            return;
        }
        out.printf("Fingerprints: %d, examples: %d, device types: %d, vendors: %d (files: %s)%n", c.fingerprints(),
                c.examples(), c.deviceTypes().size(), c.vendors().size(), String.join(", ", c.files()));
        out.println();
        Table t = new Table("EVIDENCE", "FINGERPRINTS", "EXAMPLES", "DEVICE TYPES", "VENDORS");
        c.byKind().forEach((kind, k) -> t.row(kind.value(), k.fingerprints(), k.examples(), k.deviceTypes().size(),
                k.vendors().size()));
        t.print(out);
        out.println();
        out.println("Device types: " + String.join(", ", c.deviceTypes()));
        out.println("Vendors: " + String.join(", ", c.vendors()));
    }

    static ObjectNode json(Fingerprints.Coverage c) {
        ObjectNode o = Json.object();
        o.put("fingerprints", c.fingerprints());
        o.put("examples", c.examples());
        strings(o.putArray("device_types"), c.deviceTypes());
        strings(o.putArray("vendors"), c.vendors());
        strings(o.putArray("files"), c.files());
        ObjectNode kinds = o.putObject("by_kind");
        for (EvidenceKind kind : EvidenceKind.values()) {
            Fingerprints.Coverage.Kind k = c.byKind().get(kind);
            ObjectNode n = kinds.putObject(kind.value());
            n.put("fingerprints", k.fingerprints());
            n.put("examples", k.examples());
            strings(n.putArray("device_types"), k.deviceTypes());
            strings(n.putArray("vendors"), k.vendors());
        }
        return o;
    }

    private static void strings(ArrayNode a, Collection<String> values) {
        values.forEach(a::add);
    }

}
