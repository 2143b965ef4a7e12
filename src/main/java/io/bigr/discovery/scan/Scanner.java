package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One discovery run against one target (docs/DOMAIN.md §5.1–§5.6, made honest): what each mode does is exactly what
 * runs, and {@link ScanResult#details()} records it.
 *
 * <ul>
 *   <li><b>passive</b>: sends no discovery traffic. Hosts are the kernel neighbour-table entries inside the target
 *       (what this machine already knows); those hosts are then port-scanned, which does send TCP connects to them.
 *   <li><b>active</b>: TCP discovery of every address in the target (a few likely ports each, short timeout; no root
 *       needed), plus an ARP sweep when root on a directly attached network; then every port on live hosts only.
 *   <li><b>hybrid</b>: both; a host found by both ways is marked {@code hybrid}, by one only {@code passive} or
 *       {@code active} (§5.6).
 * </ul>
 *
 * <p>The neighbour table is read twice: before any probe (the passive view) and right after discovery, while the
 * answered hosts' entries are fresh (MACs of hosts on attached networks; a host whose ARP entry became reachable
 * but that answered no TCP probe is alive behind a firewall). Reverse DNS runs in parallel with the port scan, and
 * so do banners: each open port is asked as soon as it is found ({@link Banners.Session}); both are bounded in time.
 */
public final class Scanner {
    /** Likely ports asked during discovery: an answer on any of them, open or refused, proves a host alive. */
    public static final int[] DISCOVERY_PORTS = {80, 443, 22, 445};
    static final Duration BANNER_TIMEOUT = Duration.ofMillis(1500);
    static final Duration BANNER_DEADLINE = Duration.ofSeconds(4);

    /**
     * What to run. {@code settings.timeout()} is the per-probe timeout of the port phase, {@code discoveryTimeout}
     * that of the discovery phase.
     */
    public record Request(ScanTarget target, ScanMethod mode, PortList ports, ProbeSettings settings,
                          Duration discoveryTimeout, Duration dnsDeadline, boolean banners, boolean arpSweep) {
        public static Request defaults(ScanTarget target, ScanMethod mode) {
            return new Request(target, mode, PortList.defaults(), ProbeSettings.defaults(),
                    ProbeSettings.DEFAULT_DISCOVERY_TIMEOUT, ReverseDns.DEFAULT_DEADLINE, true, true);
        }

        public Request withPorts(PortList p) {
            return new Request(target, mode, p, settings, discoveryTimeout, dnsDeadline, banners, arpSweep);
        }
    }

    /** A finished run: the unclassified result plus the raw banners (classification evidence). */
    public record Outcome(ScanResult result, Map<String, Map<Integer, Banners.Banner>> banners) {
    }

    private final ProbeEngine.Progress progress;

    public Scanner(ProbeEngine.Progress progress) {
        this.progress = progress == null ? new ProbeEngine.Progress() : progress;
    }

    public ProbeEngine.Progress progress() {
        return progress;
    }

    /** True when this process runs as root (raw sockets, ARP sweep). */
    public static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** What the kernel already knew before anything was sent: neighbour entries inside the target. */
    record PassiveView(Map<String, String> macByIp, List<ScanDetails.Phase> phases) {
        static final PassiveView NONE = new PassiveView(Map.of(), List.of());
    }

    /**
     * What discovery found: hosts that answered TCP (and the ports that answered, open or refused), hosts the ARP
     * sweep found, hosts whose neighbour entry became fresh, and the MACs learnt (ARP sweep, then neighbour table).
     */
    record ActiveView(Set<String> tcpAlive, Map<String, List<Integer>> open, Map<String, Set<Integer>> answered,
                      Map<String, String> arpFound, Set<String> arpAlive, Map<String, String> macs, long probesSent,
                      List<ScanDetails.Phase> phases) {
        static final ActiveView NONE = new ActiveView(Set.of(), Map.of(), Map.of(), Map.of(), Set.of(), Map.of(), 0,
                List.of());

        /** Hosts found by sending something. */
        Set<String> hosts() {
            Set<String> h = new HashSet<>(tcpAlive);
            h.addAll(arpFound.keySet());
            h.addAll(arpAlive);
            return h;
        }
    }

    /** The open ports of every live host (requested ports only) and the port phase's report. */
    record PortFindings(Map<String, List<Integer>> open, long probesSent, ScanDetails.Phase phase) {
    }

    /** Reverse-DNS names by IP and the phase report. */
    record Names(Map<String, String> byIp, ScanDetails.Phase phase) {
    }

    /** Banners by IP and port; {@code phase} is null when banners were not read. */
    record BannerFindings(Map<String, Map<Integer, Banners.Banner>> byIp, ScanDetails.Phase phase) {
        static final BannerFindings NONE = new BannerFindings(Map.of(), null);
    }

    public Outcome scan(Request r) {
        Instant started = Timestamps.now();
        long t0 = System.nanoTime();
        if (r.banners()) {
            // TLS set-up (providers, key shares) takes a while in a fresh JVM: done while discovery runs, not
            // inside the first handshakes' answer waits.
            TlsProbe.warmUp();
        }
        boolean root = isRoot();
        Run run = new Run(r, t0, progress);
        PassiveView passive;
        ActiveView active;
        try {
            run.start();
            if (r.mode() != ScanMethod.PASSIVE) {
                run.startDiscovery(root);
            }
            passive = r.mode() == ScanMethod.ACTIVE ? PassiveView.NONE : passiveView(r.target());
            // What the kernel already knew is alive now: port-scanned from the start.
            passive.macByIp().keySet().forEach(run::alive);
            active = r.mode() == ScanMethod.PASSIVE ? ActiveView.NONE : run.finishDiscovery();
            run.engine.noMoreHosts();
            run.awaitProbes();
        } catch (RuntimeException e) {
            run.abort();
            throw e;
        }
        Names names = run.awaitNames();
        BannerFindings banners = run.finishBanners();
        PortFindings ports = run.portFindings();

        Set<String> activeHosts = active.hosts();
        List<String> liveSorted = sortByAddress(run.live);
        Map<String, String> macs = new HashMap<>(passive.macByIp());
        macs.putAll(active.macs());
        List<Asset> assets = new ArrayList<>(liveSorted.size());
        for (String ip : liveSorted) {
            assets.add(asset(ip, passive, active, activeHosts, macs, ports, names, banners));
        }

        List<ScanDetails.Phase> phases = new ArrayList<>(passive.phases());
        phases.addAll(active.phases());
        phases.add(ports.phase());
        phases.add(names.phase());
        if (banners.phase() != null) {
            phases.add(banners.phase());
        }
        Instant completed = Timestamps.now();
        ScanDetails details = new ScanDetails(r.mode(), r.target().count(), phases, root,
                active.probesSent() + ports.probesSent(), r.settings(), assets.size(),
                Duration.between(started, completed).toMillis());
        ObjectNode detailsJson = details.toJson();
        detailsJson.set(ScanCoverage.DETAILS_KEY, coverage(r, phases).toJson());
        return new Outcome(new ScanResult(r.target().text(), r.mode(), started, completed, root, assets,
                detailsJson, ScanResult.newKey()), banners.byIp());
    }

    /**
     * One scan's moving parts, all running at once (docs/DOMAIN.md §5.2): one probe engine on its own thread with a
     * discovery group (every address, {@link #DISCOVERY_PORTS}, one answer settles a host) and a port group (every
     * requested port of each live host), the ARP sweep on another thread, reverse DNS and banners on their pools. A
     * host is port-scanned, looked up and (port by port) asked what it runs the moment any source shows it alive:
     * the neighbour table before the first probe, a TCP answer, an ARP reply, or the neighbour table after
     * discovery.
     */
    private static final class Run {
        final Request r;
        final long t0;
        final ProbeEngine engine;
        final Set<Integer> wanted;
        final int[] portArray;
        final Banners.Session banners;
        final ReverseDns.Session dns;
        final ProbeEngine.Group portGroup;
        /** Every host found alive, by any source; each is port-scanned once. */
        final Set<String> live = ConcurrentHashMap.newKeySet();
        /** Open ports by host: discovery's and the port scan's (requested ports only at the end). */
        final Map<String, Set<Integer>> open = new ConcurrentHashMap<>();
        final Map<String, Set<Integer>> answered = new ConcurrentHashMap<>();
        final Set<String> tcpAlive = ConcurrentHashMap.newKeySet();
        final Map<String, String> arpFound = new ConcurrentHashMap<>();
        private Thread probing;
        private volatile Throwable probingFailed;
        private volatile long firstBannerAsk = -1;

        Run(Request r, long t0, ProbeEngine.Progress progress) {
            this.r = r;
            this.t0 = t0;
            this.engine = new ProbeEngine(r.settings(), progress);
            this.wanted = new HashSet<>(r.ports().ports());
            this.portArray = r.ports().ports().stream().mapToInt(Integer::intValue).toArray();
            // Banners are asked while the port scan runs, each port as soon as it is found open (§5.12).
            this.banners = r.banners() ? Banners.session(BANNER_TIMEOUT, BANNER_DEADLINE) : null;
            this.dns = new ReverseDns.Session(r.dnsDeadline());
            this.portGroup = engine.group(r.settings().timeout(), false, (ip, port, o) -> {
                if (o == ProbeOutcome.OPEN) {
                    opened(ScanTarget.format(ip), port);
                }
            });
        }

        void start() {
            progress().hostsTotal = 0;
            probing = new Thread(() -> {
                try {
                    engine.runStreaming();
                } catch (IOException | RuntimeException e) {
                    probingFailed = e;
                }
            }, "bigr-probe");
            probing.setDaemon(true);
            probing.start();
        }

        private ProbeEngine.Progress progress() {
            return engine.progress();
        }

        /** A host shown alive: its port scan and name lookup start now (once). */
        void alive(String ip) {
            if (!live.add(ip)) {
                return;
            }
            Set<Integer> done = answered.getOrDefault(ip, Set.of());
            int[] remaining = done.isEmpty() ? portArray
                    : Arrays.stream(portArray).filter(p -> !done.contains(p)).toArray();
            portGroup.add(ScanTarget.parseAddress(ip), remaining);
            dns.lookup(ip);
        }

        /** An open port (discovery's or the port scan's); a requested one is asked what it runs at once. */
        void opened(String host, int port) {
            open.computeIfAbsent(host, k -> ConcurrentHashMap.newKeySet()).add(port);
            if (banners != null && wanted.contains(port)) {
                if (firstBannerAsk < 0) {
                    firstBannerAsk = System.nanoTime();
                }
                banners.ask(host, port);
            }
        }

        private ProbeEngine.Group discovery;
        private Thread sweep;
        private final ArpSweep.Plan[] plan = new ArpSweep.Plan[1];
        private final ArpSweep.Result[] result = new ArpSweep.Result[1];
        private final long[] sweepStart = {-1};

        /**
         * Starts the ARP sweep (when it can run) and TCP discovery of every address; hosts found on the way are
         * port-scanned at once ({@link #alive}). The sweep goes first: it is the longest part of discovery.
         */
        void startDiscovery(boolean root) {
            ScanTarget target = r.target();
            discovery = engine.group(r.discoveryTimeout(), true, (ip, port, o) -> {
                if (o.answered()) {
                    String s = ScanTarget.format(ip);
                    tcpAlive.add(s);
                    answered.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(port);
                    if (o == ProbeOutcome.OPEN) {
                        opened(s, port);
                    }
                    alive(s);
                }
            });
            ProbeEngine.Group tcp = discovery;
            // On its own thread: deciding whether the target is on-link costs a few file reads (and maybe process
            // spawns), and discovery does not wait for them.
            sweep = new Thread(() -> {
                plan[0] = r.arpSweep() ? ArpSweep.plan(target, root) : new ArpSweep.Plan(false, null,
                        "disabled with --no-arp");
                if (!plan[0].runnable()) {
                    return;
                }
                sweepStart[0] = System.nanoTime();
                Duration budget = Duration.ofMillis(Math.max(3000, target.count() * 4));
                result[0] = ArpSweep.run(target, plan[0].device(), budget, (ip, mac) -> {
                    arpFound.put(ip, mac);
                    alive(ip);
                });
                // The sweep settles liveness on an attached network: discovery probes still waiting for an
                // answer are to addresses that did not answer ARP either.
                if (result[0].error() == null) {
                    tcp.stop();
                }
            }, "bigr-arp");
            sweep.setDaemon(true);
            sweep.start();
            discovery.addAll(addresses(target), DISCOVERY_PORTS);
        }

        /**
         * Waits for the sweep and for TCP discovery, then reads the neighbour table again (hosts alive behind a
         * firewall are port-scanned from then on).
         */
        ActiveView finishDiscovery() {
            ScanTarget target = r.target();
            try {
                sweep.join();
                // Bounded by the engine: every discovery attempt has its timeout and retry count.
                discovery.awaitFinished(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                discovery.stop();
            }
            ArpSweep.Result res = result[0];
            Map<String, String> macs = new LinkedHashMap<>(new java.util.TreeMap<>(arpFound));

            long t1 = System.nanoTime();
            Set<String> arpAlive = new HashSet<>();
            int fresh = 0;
            // The resolved entries first (a file read); their states (a process to start) only when some entry is
            // of a host that answered no TCP probe: only such a host can be found by its entry's freshness.
            List<NeighbourTable.Neighbour> table = NeighbourTable.readResolved();
            boolean states = table.stream().anyMatch(n -> n.resolved() && inTarget(target, n.ip())
                    && !tcpAlive.contains(n.ip()));
            if (states) {
                table = NeighbourTable.read();
            }
            for (NeighbourTable.Neighbour n : table) {
                if (n.resolved() && inTarget(target, n.ip())) {
                    macs.put(n.ip(), n.mac());
                    if (n.fresh()) {
                        arpAlive.add(n.ip());
                        fresh++;
                    }
                }
            }
            // Alive behind a firewall (its neighbour entry became fresh, no TCP answer): port-scanned now.
            arpAlive.forEach(this::alive);
            ProbeEngine.Stats st = discovery.stats();
            List<ScanDetails.Phase> phases = List.of(
                    new ScanDetails.TcpDiscovery(DISCOVERY_PORTS.clone(), r.discoveryTimeout().toMillis(),
                            r.settings().retries(), st, tcpAlive.size(), res != null && res.error() == null,
                            offset(discovery.startedAt())),
                    new ScanDetails.ArpSweepRun(plan[0], res, offset(sweepStart[0])),
                    new ScanDetails.NeighbourRead(fresh, millis(t1), offset(t1), states));
            return new ActiveView(Set.copyOf(tcpAlive), Map.of(), Map.of(), Map.copyOf(arpFound), arpAlive, macs,
                    st.sent(), phases);
        }

        /** Waits for the port scan of every live host (bounded by the engine's own bounds). */
        void awaitProbes() {
            try {
                probing.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                engine.requestStop();
            }
            if (probingFailed != null) {
                throw new UncheckedIOException("cannot open a selector for probing",
                        probingFailed instanceof IOException io ? io : new IOException(probingFailed));
            }
        }

        void abort() {
            engine.requestStop();
            engine.noMoreHosts();
            if (banners != null) {
                banners.close();
            }
        }

        PortFindings portFindings() {
            Map<String, List<Integer>> out = new HashMap<>();
            open.forEach((ip, ports) -> {
                List<Integer> l = ports.stream().filter(wanted::contains).sorted().toList();
                out.put(ip, new ArrayList<>(l));
            });
            return new PortFindings(out, portGroup.stats().sent(), new ScanDetails.PortScan(live.size(),
                    r.ports().source(), portArray.length, r.settings().timeout().toMillis(), r.settings().retries(),
                    portGroup.stats(), offset(portGroup.startedAt())));
        }

        Names awaitNames() {
            long t1 = System.nanoTime();
            Map<String, String> hostnames = dns.finish();
            return new Names(hostnames, new ScanDetails.ReverseDnsWait(dns.asked(), hostnames.size(),
                    r.dnsDeadline().toMillis(), millis(t1)));
        }

        /** Waits for the banners still being read once the port scan is over; {@code ms} is that wait. */
        BannerFindings finishBanners() {
            if (banners == null) {
                return BannerFindings.NONE;
            }
            long t1 = System.nanoTime();
            Map<String, Map<Integer, Banners.Banner>> found = banners.finish();
            return new BannerFindings(found, new ScanDetails.BannerGrab(found.size(),
                    found.values().stream().mapToInt(Map::size).sum(), millis(t1), offset(firstBannerAsk)));
        }

        /** Milliseconds from the scan's start to {@code nanoTime} ({@code -1}: never). */
        long offset(long nanoTime) {
            return nanoTime < 0 ? -1 : Math.max(0, (nanoTime - t0) / 1_000_000);
        }
    }

    /**
     * What this run probed (docs/DOMAIN.md §3.15): every address of the target when discovery ran (passive mode asks
     * no address), the discovery ports and the requested ports, and the probes lost on the way. Probes an ARP sweep
     * made unnecessary are not lost: the sweep answered for those addresses.
     */
    static ScanCoverage coverage(Request r, List<ScanDetails.Phase> phases) {
        boolean discovered = r.mode() != ScanMethod.PASSIVE;
        java.util.Set<Integer> ports = new java.util.TreeSet<>(r.ports().ports());
        long lost = 0;
        long unanswered = 0;
        for (ScanDetails.Phase p : phases) {
            if (p instanceof ScanDetails.TcpDiscovery d) {
                for (int port : d.ports()) {
                    ports.add(port);
                }
                lost += d.stats().localFailed() + (d.stoppedEarlyByArpSweep() ? 0 : d.stats().skipped());
                unanswered += d.stats().filtered();
            } else if (p instanceof ScanDetails.PortScan ps) {
                lost += ps.stats().localFailed() + ps.stats().skipped();
                unanswered += ps.stats().filtered();
            }
        }
        long first = Integer.toUnsignedLong(r.target().first());
        List<String> addresses = discovered && r.target().count() > 0
                ? List.of(ScanCoverage.range(first, first + r.target().count() - 1)) : List.of();
        return new ScanCoverage(addresses, ScanCoverage.portRuns(ports), lost == 0, lost, unanswered);
    }

    /** Phase 1 (passive and hybrid): the neighbour table before any probe. */
    static PassiveView passiveView(ScanTarget target) {
        long t0 = System.nanoTime();
        Map<String, String> passive = new LinkedHashMap<>();
        for (NeighbourTable.Neighbour n : NeighbourTable.readResolved()) {
            if (n.resolved() && inTarget(target, n.ip())) {
                passive.put(n.ip(), n.mac());
            }
        }
        return new PassiveView(passive, List.of(new ScanDetails.NeighbourSnapshot(passive.size(), millis(t0))));
    }

    /** Phase 5: one asset, with the §5.6 method and the sources that found it. */
    private static Asset asset(String ip, PassiveView passive, ActiveView active, Set<String> activeHosts,
                               Map<String, String> macs, PortFindings ports, Names names, BannerFindings banners) {
        boolean byPassive = passive.macByIp().containsKey(ip);
        boolean byActive = activeHosts.contains(ip);
        ScanMethod method = byPassive && byActive ? ScanMethod.HYBRID
                : byActive ? ScanMethod.ACTIVE : ScanMethod.PASSIVE;
        ObjectNode ev = Json.object();
        ArrayNode sources = ev.putArray("sources");
        if (byPassive) {
            sources.add("neighbour_table");
        }
        boolean tcp = active.tcpAlive().contains(ip);
        if (tcp) {
            sources.add("tcp_discovery");
        }
        if (active.arpFound().containsKey(ip)) {
            sources.add("arp_sweep");
        }
        if (active.arpAlive().contains(ip) && !tcp) {
            sources.add("arp_resolved");
        }
        Map<Integer, Banners.Banner> b = banners.byIp().get(ip);
        if (b != null && !b.isEmpty()) {
            ObjectNode bj = ev.putObject("banners");
            new TreeMap<>(b).forEach((port, banner) -> bj.set(Integer.toString(port), banner.toJson()));
        }
        return new Asset(IpAddress.of(ip), MacAddress.parseOrNull(macs.get(ip)), names.byIp().get(ip), null, ports.open().getOrDefault(ip, List.of()), null,
                null, 0.0, method, null, null, ev, null, null, null);
    }

    static int[] addresses(ScanTarget t) {
        int[] a = new int[(int) t.count()];
        for (int i = 0; i < a.length; i++) {
            a[i] = t.address(i);
        }
        return a;
    }

    private static boolean inTarget(ScanTarget t, String ip) {
        try {
            return t.contains(ScanTarget.parseAddress(ip));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static List<String> sortByAddress(Set<String> ips) {
        int[] v = ips.stream().mapToInt(ScanTarget::parseAddress).toArray();
        long[] u = Arrays.stream(v).mapToLong(Integer::toUnsignedLong).sorted().toArray();
        List<String> out = new ArrayList<>(u.length);
        for (long x : u) {
            out.add(ScanTarget.format((int) x));
        }
        return out;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
