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
import java.util.concurrent.CompletableFuture;

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
 * but that answered no TCP probe is alive behind a firewall). Reverse DNS runs in parallel with the port scan,
 * banners after it; both are bounded in time.
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
        boolean root = isRoot();
        PassiveView passive = r.mode() == ScanMethod.ACTIVE ? PassiveView.NONE : passiveView(r.target());
        ActiveView active = r.mode() == ScanMethod.PASSIVE ? ActiveView.NONE : activeDiscovery(r, root);
        Set<String> activeHosts = active.hosts();
        Set<String> live = new HashSet<>(activeHosts);
        live.addAll(passive.macByIp().keySet());
        List<String> liveSorted = sortByAddress(live);

        CompletableFuture<Map<String, String>> lookups = CompletableFuture.supplyAsync(
                () -> ReverseDns.lookup(liveSorted, r.dnsDeadline()));
        PortFindings ports = portScan(r, liveSorted, active);
        Names names = awaitNames(lookups, liveSorted.size(), r.dnsDeadline());
        BannerFindings banners = r.banners() ? grabBanners(ports.open()) : BannerFindings.NONE;

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
                detailsJson), banners.byIp());
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

    /**
     * Phase 2 (active and hybrid): TCP to every address, with an ARP sweep alongside when it can run, then the
     * neighbour table read again.
     */
    private ActiveView activeDiscovery(Request r, boolean root) {
        ScanTarget target = r.target();
        Set<String> tcpAlive = new HashSet<>();
        Map<String, List<Integer>> open = new HashMap<>();
        Map<String, Set<Integer>> answered = new HashMap<>();
        ProbeSettings ds = r.settings().withTimeout(r.discoveryTimeout());
        ProbeEngine discovery = new ProbeEngine(ds, progress);
        // Planned and run off the probing thread: deciding whether the target is on-link costs a few process
        // spawns, and discovery should not wait for them.
        CompletableFuture<ArpSweep.Plan> planned = CompletableFuture.supplyAsync(() -> r.arpSweep()
                ? ArpSweep.plan(target, root) : new ArpSweep.Plan(false, null, "disabled with --no-arp"));
        CompletableFuture<ArpSweep.Result> sweep = planned.thenApplyAsync(plan -> {
            if (!plan.runnable()) {
                return null;
            }
            Duration budget = Duration.ofMillis(Math.max(3000, target.count() * 4));
            ArpSweep.Result res = ArpSweep.run(target, plan.device(), budget);
            // The sweep settles liveness on an attached network: discovery probes still waiting for an
            // answer are to addresses that did not answer ARP either.
            if (res.error() == null) {
                discovery.requestStop();
            }
            return res;
        });
        ProbeEngine.Stats st = run(discovery, addresses(target), DISCOVERY_PORTS, true, (ip, port, o) -> {
            String s = ScanTarget.format(ip);
            if (o.answered()) {
                tcpAlive.add(s);
                answered.computeIfAbsent(s, k -> new HashSet<>()).add(port);
                if (o == ProbeOutcome.OPEN) {
                    open.computeIfAbsent(s, k -> new ArrayList<>()).add(port);
                }
            }
        });
        ArpSweep.Plan plan = planned.join();
        ArpSweep.Result res = sweep.join();
        Map<String, String> arpFound = res == null ? Map.of() : res.macByIp();
        Map<String, String> macs = new LinkedHashMap<>(arpFound);

        long t1 = System.nanoTime();
        Set<String> arpAlive = new HashSet<>();
        int fresh = 0;
        for (NeighbourTable.Neighbour n : NeighbourTable.read()) {
            if (n.resolved() && inTarget(target, n.ip())) {
                macs.put(n.ip(), n.mac());
                if (n.fresh()) {
                    arpAlive.add(n.ip());
                    fresh++;
                }
            }
        }
        List<ScanDetails.Phase> phases = List.of(
                new ScanDetails.TcpDiscovery(DISCOVERY_PORTS.clone(), ds.timeout().toMillis(), ds.retries(), st,
                        tcpAlive.size(), res != null && res.error() == null),
                new ScanDetails.ArpSweepRun(plan, res),
                new ScanDetails.NeighbourRead(fresh, millis(t1)));
        return new ActiveView(tcpAlive, open, answered, arpFound, arpAlive, macs, st.sent(), phases);
    }

    /**
     * Phase 4: every requested port on live hosts only, minus what discovery already settled. Only ports of the
     * requested list count as findings; discovery may have hit one outside it.
     */
    private PortFindings portScan(Request r, List<String> liveSorted, ActiveView active) {
        Map<String, List<Integer>> open = new HashMap<>();
        active.open().forEach((ip, ports) -> open.put(ip, new ArrayList<>(ports)));
        int[] portArray = r.ports().ports().stream().mapToInt(Integer::intValue).toArray();
        int[] liveArray = liveSorted.stream().mapToInt(ScanTarget::parseAddress).toArray();
        ProbeEngine portEngine = new ProbeEngine(r.settings(), progress);
        ProbeEngine.Stats ps = runPerHost(portEngine, liveArray, portArray, active.answered(), (ip, port, o) -> {
            if (o == ProbeOutcome.OPEN) {
                List<Integer> l = open.computeIfAbsent(ScanTarget.format(ip), k -> new ArrayList<>());
                if (!l.contains(port)) {
                    l.add(port);
                }
            }
        });
        Set<Integer> wanted = new HashSet<>(r.ports().ports());
        open.values().forEach(l -> l.removeIf(p -> !wanted.contains(p)));
        return new PortFindings(open, ps.sent(), new ScanDetails.PortScan(liveArray.length, r.ports().source(),
                portArray.length, r.settings().timeout().toMillis(), r.settings().retries(), ps));
    }

    private static Names awaitNames(CompletableFuture<Map<String, String>> lookups, int count, Duration deadline) {
        long t0 = System.nanoTime();
        Map<String, String> hostnames = lookups.join();
        return new Names(hostnames, new ScanDetails.ReverseDnsWait(count, hostnames.size(), deadline.toMillis(),
                millis(t0)));
    }

    private static BannerFindings grabBanners(Map<String, List<Integer>> open) {
        long t0 = System.nanoTime();
        Map<String, Map<Integer, Banners.Banner>> banners = Banners.grab(open, BANNER_TIMEOUT, BANNER_DEADLINE);
        return new BannerFindings(banners, new ScanDetails.BannerGrab(banners.size(),
                banners.values().stream().mapToInt(Map::size).sum(), millis(t0)));
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

    private static ProbeEngine.Stats run(ProbeEngine e, int[] hosts, int[] ports, boolean stopOnAnswer,
                                         ProbeEngine.Listener l) {
        try {
            return e.run(hosts, ports, stopOnAnswer, l);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot open a selector for probing", ex);
        }
    }

    /**
     * The port phase: hosts whose discovery already answered some ports skip those. Hosts sharing the same
     * remaining port set are probed in one engine run so that the round-robin spans them all.
     */
    private static ProbeEngine.Stats runPerHost(ProbeEngine e, int[] hosts, int[] ports,
                                                Map<String, Set<Integer>> settled, ProbeEngine.Listener l) {
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        for (int h : hosts) {
            Set<Integer> done = settled.getOrDefault(ScanTarget.format(h), Set.of());
            List<Integer> remaining = new ArrayList<>();
            for (int p : ports) {
                if (!done.contains(p)) {
                    remaining.add(p);
                }
            }
            groups.computeIfAbsent(remaining, k -> new ArrayList<>()).add(h);
        }
        long[] sum = new long[10];
        for (Map.Entry<List<Integer>, List<Integer>> g : groups.entrySet()) {
            ProbeEngine.Stats s = run(e, g.getValue().stream().mapToInt(Integer::intValue).toArray(),
                    g.getKey().stream().mapToInt(Integer::intValue).toArray(), false, l);
            long[] v = {s.sent(), s.retries(), s.localErrors(), s.open(), s.closed(), s.filtered(), s.unreachable(),
                s.localFailed(), s.skipped(), s.nanos()};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        return new ProbeEngine.Stats(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9]);
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
