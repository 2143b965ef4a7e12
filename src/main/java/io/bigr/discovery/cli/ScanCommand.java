package io.bigr.discovery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.collect.Collector;
import io.bigr.discovery.collect.Collectors;
import io.bigr.discovery.core.Background;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.scan.PortList;
import io.bigr.discovery.scan.ProbeEngine;
import io.bigr.discovery.scan.ProbeSettings;
import io.bigr.discovery.scan.RemoteScanPoster;
import io.bigr.discovery.scan.ScanClassifier;
import io.bigr.discovery.scan.ScanOutput;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.scan.ScanDiff;
import io.bigr.discovery.scan.Scanner;
import io.bigr.discovery.scan.pipeline.ScanPipeline;
import io.bigr.discovery.scan.pipeline.ScanStore;
import io.bigr.discovery.snmp.SecretBox;
import io.bigr.discovery.snmp.SwitchConfig;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr scan TARGET... [config]}: discover, classify, store (or send to a server) and report (docs/DOMAIN.md
 * §5.1).
 *
 * <p>Everything the user can get wrong (targets, ports, mode, format, rules) is checked before the first packet and
 * before the database is touched: a bad value is one line and exit 2, and nothing is saved. The first target's scan
 * starts while the configuration is read and the local database is prepared, so start-up costs no scan time.
 * Exit codes: 0 done, 1 bad input or database error, 2 usage, 3 the server could not take the result (kept in the
 * outbox).
 *
 * <p>The scan itself is {@link ScanPipeline}: this command parses, builds the pipeline (collectors from
 * {@link Collectors#defaults}) and prints what each phase returned.
 */
public class ScanCommand extends StoreCommand implements BeforeBootstrap {
    static final String TARGETS = "targets";
    static final String ALL = "all";
    static final String MODE = "mode";
    static final String PORTS = "ports";
    static final String TOP_PORTS = "top_ports";
    static final String TIMEOUT = "timeout";
    static final String DISCOVERY_TIMEOUT = "discovery_timeout";
    static final String RATE = "rate";
    static final String MAX_IN_FLIGHT = "max_in_flight";
    static final String PER_HOST = "per_host";
    static final String DNS_TIMEOUT = "dns_timeout";
    static final String NO_BANNERS = "no_banners";
    static final String NO_ARP = "no_arp";
    static final String OUTPUT = "output";
    static final String FORMAT = "format";
    static final String NO_SAVE = "no_save";
    static final String NO_DIFF = "no_diff";
    static final String RULES = "rules";
    static final String FINGERPRINTS = "fingerprints";
    static final String SERVER = "server";
    static final String TOKEN = "token";
    static final String FORCE = "force";
    static final String DRY_RUN = "dry_run";
    static final String VERBOSE = "verbose";
    static final String CERTS = "certs";
    static final String NO_MDNS = "no_mdns";
    static final String NO_DESCRIBE = "no_describe";
    static final String MDNS_LISTEN = "mdns_listen";
    static final String MDNS_GRACE = "mdns_grace";
    /** Exit code when the result could not be delivered to --server and was kept in the outbox. */
    static final int OUTBOX_EXIT = 3;
    private static final int DIFF_ROWS = 50;

    /** Everything parsed and validated before any packet or database work. */
    private record Plan(List<ScanTarget> targets, ScanMethod mode, PortList ports, ProbeSettings settings,
                        Duration discoveryTimeout, Duration dnsTimeout, boolean banners, boolean arp,
                        ScanClassifier classifier, ScanOutput.Format format, Path output, Duration mdnsListen,
                        Duration mdnsGrace, boolean describe) {
        Scanner.Request request(ScanTarget t) {
            return new Scanner.Request(t, mode, ports, settings, discoveryTimeout, dnsTimeout, banners, arp);
        }
    }

    private final ProbeEngine.Progress progress = new ProbeEngine.Progress();
    private Plan plan;
    private ScanPipeline.Started firstScan;
    /** The command line {@link #beforeBootstrap} has checked and started; {@code planOnly}: a dry run, all done. */
    private Namespace prepared;
    private boolean planOnly;

    public ScanCommand() {
        super("scan", "Discover hosts and open ports in targets, classify them and store the result");
    }

    @Override
    protected void arguments(Subparser p) {
        p.description("Targets: CIDR (10.0.0.0/24), last-octet range (10.0.0.10-20) or single IPv4 address. "
                + "Network and broadcast addresses are skipped for prefixes shorter than /31.");
        p.addArgument(TARGETS).nargs("*").metavar("TARGET").help("what to scan (or --all)");
        p.addArgument("--all").dest(ALL).action(Arguments.storeTrue()).help("scan every registered subnet");
        p.addArgument("-m", "--mode").dest(MODE).setDefault("hybrid").choices("passive", "active", "hybrid")
                .help("passive: no discovery traffic; hosts are the kernel neighbour (ARP) table entries inside the "
                        + "target, and only those are port-scanned. active: TCP discovery of every address (no root "
                        + "needed) plus an ARP sweep when root on an attached network, then a port scan of live "
                        + "hosts. hybrid (default): both, each asset marked passive, active or hybrid by how it was "
                        + "found");
        p.addArgument("-p", "--ports").dest(PORTS).help("ports to probe, e.g. 22,80,443 or 8000-8010 "
                + "(default: the 26 ports of the BİGR default list)");
        p.addArgument("--top-ports").dest(TOP_PORTS).type(Integer.class)
                .help("probe the N ports most often found open (1-1000)");
        p.addArgument("-t", "--timeout").dest(TIMEOUT).type(Double.class).setDefault(2.0)
                .help("seconds to wait for each port probe");
        p.addArgument("--discovery-timeout").dest(DISCOVERY_TIMEOUT).type(Double.class).setDefault(0.75)
                .help("seconds to wait for each host-discovery probe");
        p.addArgument("--rate").dest(RATE).type(Integer.class).setDefault(ProbeSettings.DEFAULT_RATE)
                .help("connection attempts per second, in total");
        p.addArgument("--max-in-flight").dest(MAX_IN_FLIGHT).type(Integer.class)
                .setDefault(ProbeSettings.DEFAULT_MAX_IN_FLIGHT)
                .help("sockets open at once (lowered to what the process may open)");
        p.addArgument("--per-host").dest(PER_HOST).type(Integer.class).setDefault(ProbeSettings.DEFAULT_PER_HOST_CAP)
                .help("probes in flight against one host");
        p.addArgument("--dns-timeout").dest(DNS_TIMEOUT).type(Double.class).setDefault(2.0)
                .help("seconds allowed for all reverse-DNS lookups together");
        p.addArgument("--no-banners").dest(NO_BANNERS).action(Arguments.storeTrue())
                .help("do not ask open ports what service they run (greetings, TLS certificate, HTTP, small probes)");
        p.addArgument("--no-arp").dest(NO_ARP).action(Arguments.storeTrue())
                .help("never run the ARP sweep (arp-scan), even as root");
        p.addArgument("-o", "--output").dest(OUTPUT).help("also write the result to this file (DOMAIN §2.7 shape)");
        p.addArgument("-f", "--format").dest(FORMAT).choices("json", "csv")
                .help("file format (default: csv for a .csv file name, else json)");
        p.addArgument("--no-save").dest(NO_SAVE).action(Arguments.storeTrue()).help("do not store the result");
        p.addArgument("--no-diff").dest(NO_DIFF).action(Arguments.storeTrue())
                .help("do not compare with the previous scan of the same target");
        p.addArgument("--rules").dest(RULES).help("folder of classification rule files to use instead of the bundled");
        p.addArgument("--fingerprints").dest(FINGERPRINTS).metavar("DIR")
                .help("folder of fingerprint files (*.yaml) that extends the bundled fingerprint database");
        p.addArgument("--server").dest(SERVER).help("send the result to this BİGR server (POST /api/scans) "
                + "instead of the local store");
        ClientToken.addArguments(p);
        p.addArgument("--force").dest(FORCE).action(Arguments.storeTrue())
                .help("allow more than 65,536 addresses");
        p.addArgument("--certs").dest(CERTS).action(Arguments.storeTrue())
                .help("also collect TLS certificates from the hosts found (§5.9 ports and their open ports)");
        p.addArgument("--no-describe").dest(NO_DESCRIBE).action(Arguments.storeTrue())
                .help("do not ask devices to describe themselves (SSDP and UPnP descriptions, identity endpoints,"
                        + " NetBIOS node status)");
        p.addArgument("--no-mdns").dest(NO_MDNS).action(Arguments.storeTrue())
                .help("do not browse mDNS during passive/hybrid scans");
        p.addArgument("--mdns-listen").dest(MDNS_LISTEN).type(Double.class).setDefault(5.0)
                .help("at most this many seconds to listen for mDNS on interfaces facing the target (default 5)");
        p.addArgument("--mdns-grace").dest(MDNS_GRACE).type(Double.class).setDefault(0.1)
                .help("seconds mDNS and SSDP keep listening once the probes are done, within --mdns-listen "
                        + "(default 0.1)");
        p.addArgument("-v", "--verbose").dest(VERBOSE).action(Arguments.storeTrue())
                .help("print what ran (phases, probes, timings) for each target");
        p.addArgument("--dry-run").dest(DRY_RUN).action(Arguments.storeTrue())
                .help("print the preflight line and stop before probing");
    }

    /**
     * Validates everything and starts the first scan before the bootstrap is ready, Dropwizard reads the
     * configuration and the store is prepared. A config file given last lands in the targets list (argparse fills the
     * variadic positional greedily), so a trailing {@code .yml}/{@code .yaml} is moved back to the file argument.
     */
    @Override
    public void beforeBootstrap(Namespace ns) {
        prepared = ns;
        planOnly = false;
        List<String> targets = new ArrayList<>(targets(ns));
        if (ns.getString(FILE) == null && !targets.isEmpty()) {
            String last = targets.get(targets.size() - 1).toLowerCase(Locale.ROOT);
            if (last.endsWith(".yml") || last.endsWith(".yaml")) {
                ns.getAttrs().put(FILE, targets.remove(targets.size() - 1));
                ns.getAttrs().put(TARGETS, targets);
            }
        }
        boolean all = Boolean.TRUE.equals(ns.getBoolean(ALL));
        if (targets.isEmpty() && !all) {
            throw CliException.usage("no target given: bigr scan 192.168.1.0/24 (or --all for the registered subnets)");
        }
        if (!targets.isEmpty() && all) {
            throw CliException.usage("give targets or --all, not both");
        }
        plan = plan(ns, all ? List.of() : targets);
        if (!all) {
            plan.targets().forEach(t -> System.out.println(preflight(t, plan)));
            if (Boolean.TRUE.equals(ns.getBoolean(DRY_RUN))) {
                planOnly = true;
                return;
            }
            ScanTarget first = plan.targets().get(0);
            // The first target's mDNS queries go out with its first probes, before the store is opened.
            firstScan = ScanPipeline.start(new Scanner(progress)::scan, plan.request(first),
                    Collectors.defaults(collectorOptions(false, c -> { })));
        }
    }

    /** Runs {@link #beforeBootstrap} unless the command line already did, then reads the configuration and scans. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        if (prepared != ns) {
            beforeBootstrap(ns);
        }
        prepared = null;
        if (planOnly) {
            return;
        }
        super.run(bootstrap, ns);
    }

    private Plan plan(Namespace ns, List<String> targetTexts) {
        try {
            List<ScanTarget> targets = ScanTarget.parseAll(targetTexts, Boolean.TRUE.equals(ns.getBoolean(FORCE)));
            ScanMethod mode = ScanMethod.parse(ns.getString(MODE)).orElse(ScanMethod.HYBRID);
            PortList ports = PortList.defaults();
            if (ns.getString(PORTS) != null && ns.getInt(TOP_PORTS) != null) {
                throw CliException.usage("give --ports or --top-ports, not both");
            }
            if (ns.getString(PORTS) != null) {
                ports = PortList.parse(ns.getString(PORTS));
            } else if (ns.getInt(TOP_PORTS) != null) {
                ports = PortList.top(ns.getInt(TOP_PORTS));
            }
            ProbeSettings settings = new ProbeSettings(positive(ns, MAX_IN_FLIGHT), positive(ns, RATE),
                    positive(ns, PER_HOST), seconds(ns, TIMEOUT), 1);
            String output = ns.getString(OUTPUT);
            ScanOutput.Format format = ns.getString(FORMAT) != null
                    ? ScanOutput.Format.parse(ns.getString(FORMAT)).orElseThrow()
                    : output != null && output.toLowerCase(Locale.ROOT).endsWith(".csv")
                    ? ScanOutput.Format.CSV : ScanOutput.Format.JSON;
            if (ns.getString(SERVER) != null) {
                RemoteScanPoster.endpoint(ns.getString(SERVER));
                if (token(ns) == null) {
                    throw CliException.usage("--server needs a token: --token-file FILE or BIGR_TOKEN");
                }
            }
            String rules = ns.getString(RULES);
            if (rules != null && !Files.isDirectory(Path.of(rules))) {
                throw CliException.usage("--rules: '" + rules + "' is not a folder");
            }
            String fingerprints = ns.getString(FINGERPRINTS);
            if (fingerprints != null && !Files.isDirectory(Path.of(fingerprints))) {
                throw CliException.usage("--fingerprints: '" + fingerprints + "' is not a folder");
            }
            // A user's rule or fingerprint folder is checked before any probe; the bundled ones are checked by the
            // build and load while discovery runs.
            ScanClassifier classifier = rules == null && fingerprints == null ? ScanClassifier.loadInBackground()
                    : ScanClassifier.load(rules == null ? null : Path.of(rules),
                    fingerprints == null ? null : Path.of(fingerprints));
            // mDNS listens while the scan runs, only on interfaces facing the target (§5.2 phases 1 and 3).
            Duration mdnsListen = mode == ScanMethod.ACTIVE || Boolean.TRUE.equals(ns.getBoolean(NO_MDNS)) ? null
                    : mdnsListen(ns);
            return new Plan(targets, mode, ports, settings, seconds(ns, DISCOVERY_TIMEOUT), seconds(ns, DNS_TIMEOUT),
                    !Boolean.TRUE.equals(ns.getBoolean(NO_BANNERS)), !Boolean.TRUE.equals(ns.getBoolean(NO_ARP)),
                    classifier, format, output == null ? null : Path.of(output), mdnsListen,
                    mdnsListen == null ? null : mdnsGrace(ns), !Boolean.TRUE.equals(ns.getBoolean(NO_DESCRIBE)));
        } catch (CliException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out)
            throws Exception {
        List<ScanTarget> targets = plan.targets();
        if (Boolean.TRUE.equals(ns.getBoolean(ALL))) {
            List<Subnet> subnets = daos.subnets().all();
            if (subnets.isEmpty()) {
                throw CliException.badInput("No registered subnets (add one with: bigr subnets add CIDR)");
            }
            try {
                targets = ScanTarget.parseAll(subnets.stream().map(Subnet::cidr).toList(),
                        Boolean.TRUE.equals(ns.getBoolean(FORCE)));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
            targets.forEach(t -> out.println(preflight(t, plan)));
            if (Boolean.TRUE.equals(ns.getBoolean(DRY_RUN))) {
                return;
            }
        }
        boolean save = !Boolean.TRUE.equals(ns.getBoolean(NO_SAVE)) && ns.getString(SERVER) == null;
        RemoteScanPoster poster = ns.getString(SERVER) == null ? null : new RemoteScanPoster(ns.getString(SERVER),
                token(ns), RemoteScanPoster.defaultOutbox(), RemoteScanPoster.DEFAULT_ATTEMPTS,
                RemoteScanPoster.DEFAULT_BACKOFF);
        List<Collector> collectors = Collectors.defaults(collectorOptions(Boolean.TRUE.equals(ns.getBoolean(CERTS)),
                daos.certificates()::save).withSnmp(new Collectors.Snmp(() -> config.getSnmp().credentials(daos.switches()),
                config.getSnmp().walker())));
        ScanPipeline pipeline = new ScanPipeline(plan.classifier(), collectors, ScanStore.of(daos),
                save ? ScanPipeline.Delivery.LOCAL : poster != null ? ScanPipeline.Delivery.remote(poster)
                        : ScanPipeline.Delivery.NONE,
                !Boolean.TRUE.equals(ns.getBoolean(NO_DIFF)), new Scanner(progress)::scan, new Progress(out));
        ScanResult last = null;
        int total = 0;
        double seconds = 0;
        List<String> undelivered = new ArrayList<>();
        CompletableFuture<Void> written = null;
        for (int i = 0; i < targets.size(); i++) {
            ScanTarget target = targets.get(i);
            boolean lastTarget = i == targets.size() - 1;
            AtomicReference<CompletableFuture<Void>> writing = new AtomicReference<>();
            // The output file (the last target's result) is written while that result is saved.
            ScanPipeline.TargetRun run = pipeline.run(plan.request(target), i == 0 ? firstScan : null, r -> {
                if (lastTarget && plan.output() != null) {
                    writing.set(writeInBackground(r));
                }
            });
            written = writing.get();
            ScanResult result = run.result();
            total += result.assets().size();
            seconds += result.durationSeconds() == null ? 0 : result.durationSeconds();
            out.printf(Locale.ROOT, "%s: %d host(s), %d open port(s) in %.1f s%n", target.text(),
                    result.assets().size(), result.assets().stream().mapToInt(a -> a.openPorts().size()).sum(),
                    result.durationSeconds());
            if (Boolean.TRUE.equals(ns.getBoolean(VERBOSE)) && result.details() != null) {
                out.println("  details: " + io.bigr.discovery.core.Json.write(result.details()));
            }
            printSaved(out, run, ns.getString(SERVER), undelivered);
            if (run.afterSave().diff() != null) {
                printDiff(out, run.afterSave().diff());
            } else if (pipeline.diff()) {
                out.println("  first scan of " + target.text() + ": nothing to compare with");
            }
            last = result;
        }
        if (written != null) {
            written(written);
        }
        out.println();
        out.printf(Locale.ROOT, "Scan complete! %d asset(s) in %.1f s, root: %s%s%n", total, seconds,
                last != null && last.isRoot() ? "Yes" : "No",
                plan.output() == null ? "" : ", written to " + plan.output());
        if (last != null) {
            printSummary(out, last);
        }
        if (!undelivered.isEmpty()) {
            throw new CliException(OUTBOX_EXIT, "the server did not take " + undelivered.size()
                    + " result(s); kept in " + String.join(", ", undelivered));
        }
    }

    private Collectors.Options collectorOptions(boolean certificates, Consumer<Certificate> certificateStore) {
        boolean mdns = plan.mdnsListen() != null;
        return new Collectors.Options(mdns, mdns ? plan.mdnsListen() : Duration.ZERO,
                mdns ? plan.mdnsGrace() : Duration.ZERO, certificates, certificateStore, plan.describe(),
                plan.describe(), null);
    }

    /** Writes {@code result} to the output file on a thread of its own; see {@link #written}. */
    private CompletableFuture<Void> writeInBackground(ScanResult result) {
        return Background.start("bigr-output", () -> {
            try {
                ScanOutput.write(result, plan.format(), plan.output());
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Waits for {@link #writeInBackground}; a failed write is rethrown as the write threw it. */
    private static void written(CompletableFuture<Void> writing) throws IOException {
        try {
            Background.join(writing);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Duration mdnsGrace(Namespace ns) {
        Double seconds = ns.getDouble(MDNS_GRACE);
        if (seconds == null || seconds < 0 || seconds > 120) {
            throw CliException.usage("--mdns-grace must be between 0 and 120 seconds");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static Duration mdnsListen(Namespace ns) {
        Double seconds = ns.getDouble(MDNS_LISTEN);
        if (seconds == null || seconds < 0 || seconds > 120) {
            throw CliException.usage("--mdns-listen must be between 0 and 120 seconds");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The save phase's outcome and the after-save collectors' lines, as the user has always seen them. */
    private static void printSaved(PrintStream out, ScanPipeline.TargetRun run, String server,
                                   List<String> undelivered) {
        ScanPipeline.Saved saved = run.saved();
        if (saved instanceof ScanPipeline.Stored stored) {
            out.println("  saved as scan " + stored.receipt().scanId().substring(0, 8));
            run.afterSave().lines().forEach(l -> out.println("  " + l));
            if (run.afterSave().failure() != null) {
                // As before the pipeline: a failing after-save collector is reported with the save warning.
                out.println("  warning: the scan was not saved: " + Errors.describe(run.afterSave().failure()));
            }
        } else if (saved instanceof ScanPipeline.NotStored failed) {
            out.println("  warning: the scan was not saved: " + Errors.describe(failed.error()));
        } else if (saved instanceof ScanPipeline.Posted sent) {
            RemoteScanPoster.Outcome posted = sent.outcome();
            RemoteScanPoster.Flush flushed = posted.flushed();
            if (flushed != null && !flushed.delivered().isEmpty()) {
                out.println("  delivered " + flushed.delivered().size() + " earlier result(s) from the outbox");
            }
            if (posted.posted()) {
                out.println("  sent to " + server + (posted.serverScanId() == null ? ""
                        : " as scan " + posted.serverScanId()));
            } else {
                out.println("  NOT delivered (" + posted.problem() + "); kept in " + posted.outboxFile());
                undelivered.add(posted.outboxFile().toString());
            }
        }
    }

    /** Shows the progress line while discovery runs on a terminal. */
    private final class Progress implements ScanPipeline.Observer {
        private final PrintStream out;
        private ProgressLine line;

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void discoveryWaiting(ScanTarget target) {
            line = System.console() != null ? ProgressLine.start(progress, out) : null;
        }

        @Override
        public void discoveryOver(ScanTarget target) {
            if (line != null) {
                line.stop();
                line = null;
            }
        }
    }

    /** "10.0.0.0/24: 254 addresses, up to 7,112 probes, about 1.6 s at 5,000 probes/s". */
    static String preflight(ScanTarget t, Plan plan) {
        long discovery = plan.mode() == ScanMethod.PASSIVE ? 0 : t.count() * Scanner.DISCOVERY_PORTS.length;
        long portProbes = t.count() * plan.ports().size();
        long probes = discovery + portProbes;
        int rate = plan.settings().rate();
        // Discovery waits out its timeout (and one retry) for silent addresses; live hosts answer at once.
        double est = (double) discovery / rate
                + (discovery == 0 ? 0 : 2 * plan.discoveryTimeout().toMillis() / 1000.0);
        return String.format(Locale.ROOT, "Preflight %s: %,d address(es), %d port(s), mode %s, up to %,d probes "
                        + "(%,d discovery + %,d port), about %.1f s for discovery at %,d probes/s "
                        + "(plus %.1f s per 1,000 live hosts)",
                t.text(), t.count(), plan.ports().size(), plan.mode().value(), probes, discovery, portProbes, est,
                rate, 1000.0 * plan.ports().size() / rate);
    }

    private static void printDiff(PrintStream out, ScanDiff.Result d) {
        if (!d.hasChanges()) {
            out.println("  no changes since the previous scan (" + d.summary() + ")");
            return;
        }
        out.println("  changes since the previous scan: " + d.summary());
        Table t = new Table("Change", "IP", "MAC", "Field", "Old", "New");
        int rows = 0;
        for (JsonNode n : d.newAssets()) {
            if (rows++ < DIFF_ROWS) {
                t.row("new", text(n, "ip"), text(n, "mac"), null, null, null);
            }
        }
        for (JsonNode n : d.removedAssets()) {
            if (rows++ < DIFF_ROWS) {
                t.row("removed", text(n, "ip"), text(n, "mac"), null, null, null);
            }
        }
        for (ScanDiff.Change c : d.changedAssets()) {
            if (rows++ < DIFF_ROWS) {
                t.row(c.changeType(), c.ip(), c.mac(), c.field(), Table.shown(c.field(), c.oldValue()),
                        Table.shown(c.field(), c.newValue()));
            }
        }
        t.print(out);
        if (rows > DIFF_ROWS) {
            out.println("  ... and " + (rows - DIFF_ROWS) + " more");
        }
    }

    /** Per-category count and average confidence with a 7-cell bar (§5.10). */
    static void printSummary(PrintStream out, ScanResult r) {
        Map<BigrCategory, double[]> by = new LinkedHashMap<>();
        for (BigrCategory c : BigrCategory.values()) {
            by.put(c, new double[2]);
        }
        r.assets().forEach(a -> {
            double[] v = by.get(a.bigrCategory());
            v[0]++;
            v[1] += a.confidenceScore();
        });
        Table t = new Table("Category", "Assets", "Avg confidence");
        by.forEach((c, v) -> {
            if (v[0] > 0) {
                double avg = v[1] / v[0];
                int full = (int) Math.floor(avg * 7);
                t.row(c.label(), (long) v[0], "█".repeat(full) + "░".repeat(7 - full) + " "
                        + Numbers.round(avg, 2));
            }
        });
        t.print(out);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    @SuppressWarnings("unchecked")
    private static List<String> targets(Namespace ns) {
        Object v = ns.get(TARGETS);
        return v == null ? List.of() : (List<String>) v;
    }

    /**
     * The API token for --server: --token-file, else BIGR_TOKEN, else --token with a warning (ClientToken; shared
     * with bigr import).
     */
    static String token(Namespace ns) {
        return ClientToken.resolve(ns, System.getenv(), System.err);
    }

    private static int positive(Namespace ns, String dest) {
        Integer v = ns.getInt(dest);
        if (v == null || v < 1) {
            throw CliException.usage("--" + dest.replace('_', '-') + " must be at least 1, got " + v);
        }
        return v;
    }

    private static Duration seconds(Namespace ns, String dest) {
        Double v = ns.getDouble(dest);
        if (v == null || !(v > 0) || v > 60) {
            throw CliException.usage("--" + dest.replace('_', '-') + " must be between 0 and 60 seconds, got " + v);
        }
        return Duration.ofMillis(Math.max(1, Math.round(v * 1000)));
    }

    /** A self-rewriting status line (hosts done, open ports, probes/s, ETA) while a scan runs on a terminal. */
    private static final class ProgressLine {
        private final Thread thread;
        private volatile boolean running = true;

        private ProgressLine(ProbeEngine.Progress p, PrintStream out) {
            thread = new Thread(() -> {
                long t0 = System.nanoTime();
                while (running) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    long sent = p.sent();
                    double rate = s > 0 ? sent / s : 0;
                    long left = Math.max(0, p.plannedProbes() - sent);
                    String eta = rate > 0 && left > 0 ? String.format(Locale.ROOT, "%.0f s", left / rate) : "-";
                    out.printf(Locale.ROOT, "\r  hosts %d/%d done, %d open port(s), %.0f probes/s, ETA %s   ",
                            p.hostsDone(), p.hostsTotal(), p.open(), rate, eta);
                    out.flush();
                }
            }, "bigr-progress");
            thread.setDaemon(true);
        }

        static ProgressLine start(ProbeEngine.Progress p, PrintStream out) {
            ProgressLine l = new ProgressLine(p, out);
            l.thread.start();
            return l;
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.print("\r" + " ".repeat(78) + "\r");
        }
    }
}
