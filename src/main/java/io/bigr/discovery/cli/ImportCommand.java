package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.exchange.ImportFiles;
import io.bigr.discovery.scan.RemoteScanPoster;
import io.bigr.discovery.scan.ScanClassifier;
import io.bigr.discovery.scan.pipeline.ScanPipeline;
import io.bigr.discovery.scan.pipeline.ScanStore;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr import FILE... [--server URL --token T] [config]} (docs/DOMAIN.md §5.13): nmap XML ({@code -oX}), a
 * {@code bigr scan --output} JSON file, or an earlier release's {@code assets.json}. Every file is read and checked
 * before anything is stored: a bad file is one line naming it, exit 1, and no file of the command is stored. Each
 * file then goes through the scan pipeline's classify and save phases ({@link ScanPipeline#imported}) as one scan,
 * or is posted to {@code --server} like {@code bigr scan --server} (exit 3 when it could not be delivered).
 */
public class ImportCommand extends StoreCommand {
    static final String FILES = "files";
    static final String SERVER = "server";
    static final String TOKEN = "token";

    private List<ImportFiles.Imported> files;

    public ImportCommand() {
        super("import", "Import nmap XML (-oX), BİGR scan JSON or an earlier release's assets.json as scans");
    }

    @Override
    protected void arguments(Subparser p) {
        p.addArgument(FILES).nargs("+").metavar("FILE").help("nmap -oX report, bigr scan --output JSON or assets.json");
        p.addArgument("--server").dest(SERVER).metavar("URL")
                .help("send each file's result to this BİGR server (POST /api/scans) instead of the local store");
        p.addArgument("--token").dest(TOKEN).help("API token for --server (or set BIGR_TOKEN)");
    }

    /** Reads and checks every file before the configuration and the store are opened. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        List<String> names = new ArrayList<>(ns.getList(FILES));
        if (ns.getString(FILE) == null && names.size() > 1) {
            String last = names.get(names.size() - 1).toLowerCase(Locale.ROOT);
            if (last.endsWith(".yml") || last.endsWith(".yaml")) {
                ns.getAttrs().put(FILE, names.remove(names.size() - 1));
            }
        }
        if (ns.getString(SERVER) != null) {
            try {
                RemoteScanPoster.endpoint(ns.getString(SERVER));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
            if (ScanCommand.token(ns) == null) {
                throw CliException.usage("--server needs --token (or BIGR_TOKEN)");
            }
        }
        files = new ArrayList<>();
        for (String name : names) {
            try {
                files.add(ImportFiles.read(Path.of(name)));
            } catch (IllegalArgumentException e) {
                throw CliException.badInput(e.getMessage() + "; nothing imported");
            }
        }
        super.run(bootstrap, ns);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out) throws Exception {
        RemoteScanPoster poster = ns.getString(SERVER) == null ? null : new RemoteScanPoster(ns.getString(SERVER),
                ScanCommand.token(ns), RemoteScanPoster.defaultOutbox(), RemoteScanPoster.DEFAULT_ATTEMPTS,
                RemoteScanPoster.DEFAULT_BACKOFF);
        ScanPipeline pipeline = new ScanPipeline(ScanClassifier.load(null), List.of(), ScanStore.of(daos),
                poster == null ? ScanPipeline.Delivery.LOCAL : ScanPipeline.Delivery.remote(poster), false,
                r -> {
                    throw new IllegalStateException("an import does not scan");
                }, null);
        List<String> undelivered = new ArrayList<>();
        for (ImportFiles.Imported f : files) {
            ScanResult r = f.result();
            ScanPipeline.TargetRun run = pipeline.imported(r);
            out.printf(Locale.ROOT, "%s (%s): %d host(s), %d open port(s)%n", f.file(),
                    f.kind() == ImportFiles.Kind.NMAP_XML ? "nmap XML" : "scan JSON", r.assets().size(),
                    r.assets().stream().mapToInt(a -> a.openPorts().size()).sum());
            ScanPipeline.Saved saved = run.saved();
            if (saved instanceof ScanPipeline.Stored stored) {
                out.println("  saved as scan " + stored.receipt().scanId().substring(0, 8) + " ("
                        + stored.receipt().newAssets() + " new asset(s))");
            } else if (saved instanceof ScanPipeline.NotStored failed) {
                throw CliException.badInput(f.file() + ": not saved: " + Errors.describe(failed.error()));
            } else if (saved instanceof ScanPipeline.Posted sent) {
                if (sent.outcome().posted()) {
                    out.println("  sent to " + ns.getString(SERVER) + (sent.outcome().serverScanId() == null ? ""
                            : " as scan " + sent.outcome().serverScanId()));
                } else {
                    out.println("  NOT delivered (" + sent.outcome().problem() + "); kept in "
                            + sent.outcome().outboxFile());
                    undelivered.add(String.valueOf(sent.outcome().outboxFile()));
                }
            }
        }
        if (!undelivered.isEmpty()) {
            throw new CliException(ScanCommand.OUTBOX_EXIT, "the server did not take " + undelivered.size()
                    + " result(s); kept in " + String.join(", ", undelivered));
        }
    }
}
