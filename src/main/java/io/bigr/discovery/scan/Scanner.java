package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Json;
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

    public Outcome scan(Request r) {
        Instant started = Timestamps.now();
        boolean root = isRoot();
        ScanTarget target = r.target();
        ObjectNode details = Json.object();
        details.put("mode", r.mode().value());
        details.put("target_addresses", target.count());
        ArrayNode phases = details.putArray("phases");
        long totalSent = 0;

        // 1. Passive view: what the kernel already knew before we sent anything.
        Map<String, String> passive = new LinkedHashMap<>();
        if (r.mode() != ScanMethod.ACTIVE) {
            long t0 = System.nanoTime();
            for (NeighbourTable.Neighbour n : NeighbourTable.readResolved()) {
                if (n.resolved() && inTarget(target, n.ip())) {
                    passive.put(n.ip(), n.mac());
                }
            }
            ObjectNode p = phases.addObject();
            p.put("name", "neighbour_snapshot");
            p.put("packets_sent", 0);
            p.put("hosts", passive.size());
            p.put("ms", millis(t0));
        }

        // 2. Active discovery: TCP to every address, with an ARP sweep alongside when it can run.
        Set<String> tcpAlive = new HashSet<>();
        Map<String, List<Integer>> open = new HashMap<>();
        Map<String, Set<Integer>> answered = new HashMap<>();
        Map<String, String> arpFound = Map.of();
        Map<String, String> macs = new HashMap<>(passive);
        Set<String> arpAlive = new HashSet<>();
        if (r.mode() != ScanMethod.PASSIVE) {
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
            long t0 = System.nanoTime();
            int[] addresses = addresses(target);
            ProbeEngine.Stats st = run(discovery, addresses, DISCOVERY_PORTS, true, (ip, port, o) -> {
                String s = ScanTarget.format(ip);
                if (o.answered()) {
                    tcpAlive.add(s);
                    answered.computeIfAbsent(s, k -> new HashSet<>()).add(port);
                    if (o == ProbeOutcome.OPEN) {
                        open.computeIfAbsent(s, k -> new ArrayList<>()).add(port);
                    }
                }
            });
            totalSent += st.sent();
            ObjectNode p = phases.addObject();
            p.put("name", "tcp_discovery");
            p.set("ports", ints(DISCOVERY_PORTS));
            p.put("timeout_ms", ds.timeout().toMillis());
            p.put("retries", ds.retries());
            stats(p, st);
            p.put("alive", tcpAlive.size());
            ArpSweep.Plan plan = planned.join();
            ArpSweep.Result res = sweep.join();
            p.put("stopped_early_by_arp_sweep", res != null && res.error() == null);

            ObjectNode a = phases.addObject();
            a.put("name", "arp_sweep");
            a.put("ran", plan.runnable());
            a.put("reason", plan.reason());
            if (res != null) {
                arpFound = res.macByIp();
                a.put("hosts", arpFound.size());
                a.put("ms", res.millis());
                if (res.error() != null) {
                    a.put("error", res.error());
                }
                macs.putAll(arpFound);
            }

            long t1 = System.nanoTime();
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
            ObjectNode nt = phases.addObject();
            nt.put("name", "neighbour_table");
            nt.put("packets_sent", 0);
            nt.put("fresh_entries", fresh);
            nt.put("ms", millis(t1));
        }

        // 3. Which hosts go on to the port scan.
        Set<String> activeHosts = new HashSet<>(tcpAlive);
        activeHosts.addAll(arpFound.keySet());
        activeHosts.addAll(arpAlive);
        Set<String> live = new HashSet<>(activeHosts);
        live.addAll(passive.keySet());
        List<String> liveSorted = sortByAddress(live);

        CompletableFuture<Map<String, String>> names = CompletableFuture.supplyAsync(
                () -> ReverseDns.lookup(liveSorted, r.dnsDeadline()));

        // 4. Every port on live hosts only, minus what discovery already settled.
        long t2 = System.nanoTime();
        int[] portArray = r.ports().ports().stream().mapToInt(Integer::intValue).toArray();
        int[] liveArray = liveSorted.stream().mapToInt(ScanTarget::parseAddress).toArray();
        ProbeEngine portEngine = new ProbeEngine(r.settings(), progress);
        Map<String, Set<Integer>> settled = answered;
        ProbeEngine.Stats ps = runPerHost(portEngine, liveArray, portArray, settled, (ip, port, o) -> {
            if (o == ProbeOutcome.OPEN) {
                List<Integer> l = open.computeIfAbsent(ScanTarget.format(ip), k -> new ArrayList<>());
                if (!l.contains(port)) {
                    l.add(port);
                }
            }
        });
        totalSent += ps.sent();
        ObjectNode pp = phases.addObject();
        pp.put("name", "port_scan");
        pp.put("hosts", liveArray.length);
        pp.put("port_list", r.ports().source());
        pp.put("ports", portArray.length);
        pp.put("timeout_ms", r.settings().timeout().toMillis());
        pp.put("retries", r.settings().retries());
        stats(pp, ps);
        // Only ports of the requested list count as findings; discovery may have hit one outside it.
        Set<Integer> wanted = new HashSet<>(r.ports().ports());
        open.values().forEach(l -> l.removeIf(p -> !wanted.contains(p)));

        long t3 = System.nanoTime();
        Map<String, String> hostnames = names.join();
        ObjectNode dn = phases.addObject();
        dn.put("name", "reverse_dns");
        dn.put("lookups", liveSorted.size());
        dn.put("names", hostnames.size());
        dn.put("deadline_ms", r.dnsDeadline().toMillis());
        dn.put("waited_ms", millis(t3));

        Map<String, Map<Integer, Banners.Banner>> banners = Map.of();
        if (r.banners()) {
            long t4 = System.nanoTime();
            banners = Banners.grab(open, BANNER_TIMEOUT, BANNER_DEADLINE);
            ObjectNode bn = phases.addObject();
            bn.put("name", "banners");
            bn.put("hosts", banners.size());
            bn.put("banners", banners.values().stream().mapToInt(Map::size).sum());
            bn.put("ms", millis(t4));
        }

        // 5. Assets, in address order, with the §5.6 method of each.
        List<Asset> assets = new ArrayList<>(liveSorted.size());
        for (String ip : liveSorted) {
            boolean byPassive = passive.containsKey(ip);
            boolean byActive = activeHosts.contains(ip);
            ScanMethod method = byPassive && byActive ? ScanMethod.HYBRID
                    : byActive ? ScanMethod.ACTIVE : ScanMethod.PASSIVE;
            ObjectNode ev = Json.object();
            ArrayNode sources = ev.putArray("sources");
            if (byPassive) {
                sources.add("neighbour_table");
            }
            if (tcpAlive.contains(ip)) {
                sources.add("tcp_discovery");
            }
            if (arpFound.containsKey(ip)) {
                sources.add("arp_sweep");
            }
            if (arpAlive.contains(ip) && !tcpAlive.contains(ip)) {
                sources.add("arp_resolved");
            }
            Map<Integer, Banners.Banner> b = banners.get(ip);
            if (b != null && !b.isEmpty()) {
                ObjectNode bj = ev.putObject("banners");
                new TreeMap<>(b).forEach((port, banner) -> bj.set(Integer.toString(port), banner.toJson()));
            }
            assets.add(new Asset(ip, macs.get(ip), hostnames.get(ip), null, open.getOrDefault(ip, List.of()), null,
                    null, 0.0, method, null, null, ev, null, null, null));
        }

        details.put("is_root", root);
        details.put("probes_sent", totalSent);
        details.put("rate", r.settings().rate());
        details.put("max_in_flight", r.settings().maxInFlight());
        details.put("per_host_cap", r.settings().perHostCap());
        details.put("hosts_found", assets.size());
        Instant completed = Timestamps.now();
        details.put("duration_ms", Duration.between(started, completed).toMillis());
        return new Outcome(new ScanResult(target.text(), r.mode(), started, completed, root, assets, details), banners);
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

    private static void stats(ObjectNode p, ProbeEngine.Stats s) {
        p.put("probes_sent", s.sent());
        p.put("retries", s.retries());
        p.put("open", s.open());
        p.put("closed", s.closed());
        p.put("filtered", s.filtered());
        p.put("unreachable", s.unreachable());
        p.put("local_errors", s.localErrors());
        p.put("local_failures_reported", s.localFailed());
        p.put("skipped", s.skipped());
        p.put("ms", s.nanos() / 1_000_000);
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

    private static ArrayNode ints(int[] v) {
        ArrayNode a = Json.array();
        for (int x : v) {
            a.add(x);
        }
        return a;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
