package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.api.InventoryExport;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Daos;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr export [--format csv|jsonl|xml] [--output FILE] [config]}: the whole inventory with ports, services,
 * versions, CVEs, tags and switch ports, as {@code GET /api/assets/export} gives it (docs/DOMAIN.md §6.3.16), streamed
 * row by row. To stdout by default; a file is written beside its target and moved into place when complete.
 */
public class ExportCommand extends StoreCommand {
    static final List<String> FORMATS = List.of("csv", "jsonl", "xml");

    public ExportCommand() {
        super("export", "Export the whole inventory (ports, services, versions, CVEs, tags) as CSV, JSONL or nmap XML");
    }

    @Override
    protected void arguments(Subparser p) {
        p.addArgument("-f", "--format").dest(ReportOutput.FORMAT).setDefault("csv")
                .help("csv, jsonl or xml (nmap -oX compatible; bigr import reads it back)");
        p.addArgument("-o", "--output").dest("output").metavar("FILE").help("write to this file instead of stdout");
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) throws Exception {
        InventoryExport kind = InventoryExport.valueOf(ReportOutput.format(ns.getString(ReportOutput.FORMAT), FORMATS)
                .toUpperCase(java.util.Locale.ROOT));
        String output = ns.getString("output");
        if (output == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            write(kind, daos, w);
            return;
        }
        Path target = Path.of(output).toAbsolutePath();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw CliException.badInput("--output: folder " + target.getParent() + " does not exist");
        }
        Path tmp = Files.createTempFile(target.getParent(), ".bigr-export-", ".tmp");
        try {
            long n;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                n = write(kind, daos, w);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.err.println("Exported " + n + " asset(s) to " + output);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long write(InventoryExport kind, Daos daos, Writer w) throws IOException {
        InventoryExport.Sink sink = kind.open(w, Json.MAPPER);
        try {
            reports(daos).inventoryRows(row -> {
                try {
                    sink.write(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return sink.finish();
    }
}
