package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prober against listeners this test owns on loopback addresses (127.0.0.x only): exact open ports, refused
 * ports as closed, a full accept queue as filtered, and the same answers under tight bounds.
 */
class ProbeEngineTest {
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();
    private int p1;
    private int p2;
    private int p3;
    private int closed;

    @BeforeEach
    void listen() throws IOException {
        ServerSocket a = bind("127.0.0.2", 0);
        p1 = a.getLocalPort();
        p2 = bind("127.0.0.2", 0).getLocalPort();
        p3 = bind("127.0.0.3", 0).getLocalPort();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Socket c : clients) {
            c.close();
        }
        for (ServerSocket s : listeners) {
            s.close();
        }
    }

    private ServerSocket bind(String ip, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 50);
        listeners.add(s);
        return s;
    }

    private Map<String, ProbeOutcome> probe(ProbeSettings settings, String... ips) throws IOException {
        Map<String, ProbeOutcome> out = new ConcurrentHashMap<>();
        int[] hosts = java.util.Arrays.stream(ips).mapToInt(ScanTarget::parseAddress).toArray();
        ProbeEngine.Stats st = new ProbeEngine(settings, null).run(hosts, new int[] {p1, p2, p3, closed}, false,
                (ip, port, o) -> out.put(ScanTarget.format(ip) + ":" + port, o));
        assertThat(st.localErrors()).isZero();
        return new TreeMap<>(out);
    }

    private Map<String, ProbeOutcome> expected() {
        Map<String, ProbeOutcome> m = new TreeMap<>();
        for (String ip : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
            for (int p : new int[] {p1, p2, p3, closed}) {
                m.put(ip + ":" + p, ProbeOutcome.CLOSED);
            }
        }
        m.put("127.0.0.2:" + p1, ProbeOutcome.OPEN);
        m.put("127.0.0.2:" + p2, ProbeOutcome.OPEN);
        m.put("127.0.0.3:" + p3, ProbeOutcome.OPEN);
        return m;
    }

    @Test
    void findsExactlyTheListeningPorts() throws IOException {
        assertThat(probe(ProbeSettings.defaults(), "127.0.0.2", "127.0.0.3", "127.0.0.4")).isEqualTo(expected());
    }

    @Test
    void tightBoundsGiveTheSameAnswers() throws IOException {
        ProbeSettings tight = new ProbeSettings(2, 200, 1, Duration.ofSeconds(2), 1);
        assertThat(probe(tight, "127.0.0.2", "127.0.0.3", "127.0.0.4")).isEqualTo(expected());
    }

    @Test
    void stopOnAnswerReportsOneAnswerPerHost() throws IOException {
        List<String> seen = new ArrayList<>();
        ProbeEngine.Stats st = new ProbeEngine(new ProbeSettings(16, 1000, 1, Duration.ofSeconds(2), 1), null).run(
                new int[] {ScanTarget.parseAddress("127.0.0.2"), ScanTarget.parseAddress("127.0.0.3")},
                new int[] {closed, p1, p2}, true, (ip, port, o) -> seen.add(ScanTarget.format(ip) + ":" + o));
        assertThat(seen).containsExactlyInAnyOrder("127.0.0.2:CLOSED", "127.0.0.3:CLOSED");
        assertThat(st.skipped()).isEqualTo(4);
        assertThat(st.sent()).isEqualTo(2);
    }

    @Test
    void hostsAddedWhileTheEngineRunsAreProbedAndEachGroupKeepsItsOwnCounts() throws Exception {
        ProbeEngine engine = new ProbeEngine(ProbeSettings.defaults(), null);
        Map<String, ProbeOutcome> ports = new ConcurrentHashMap<>();
        ProbeEngine.Group scan = engine.group(Duration.ofSeconds(2), false,
                (ip, port, o) -> ports.put(ScanTarget.format(ip) + ":" + port, o));
        // Discovery: one answer settles a host, and each answer adds that host to the port group at once.
        ProbeEngine.Group discovery = engine.group(Duration.ofMillis(500), true,
                (ip, port, o) -> scan.add(ip, new int[] {p1, p2, p3}));
        Thread t = new Thread(() -> {
            try {
                engine.runStreaming();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        discovery.addAll(new int[] {ScanTarget.parseAddress("127.0.0.2"), ScanTarget.parseAddress("127.0.0.3")},
                new int[] {closed, p1});
        assertThat(discovery.awaitFinished(Duration.ofSeconds(10))).isTrue();
        engine.noMoreHosts();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(ports).containsEntry("127.0.0.2:" + p1, ProbeOutcome.OPEN)
                .containsEntry("127.0.0.3:" + p3, ProbeOutcome.OPEN).containsEntry("127.0.0.3:" + p1,
                        ProbeOutcome.CLOSED).hasSize(6);
        // both discovery ports of a host may be in flight when its first answer ends it
        assertThat(discovery.stats().sent()).isBetween(2L, 4L);
        assertThat(discovery.stats().closed() + discovery.stats().open()).isEqualTo(2);
        assertThat(scan.stats().sent()).isEqualTo(6);
        assertThat(scan.stats().open()).isEqualTo(3);
    }

    @Test
    void aStoppedGroupEndsItsHostsAndLeavesTheOthersRunning() throws Exception {
        ProbeEngine engine = new ProbeEngine(ProbeSettings.defaults(), null);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        // A listener that never accepts, its queue full: the kernel drops further SYNs, so a probe of it waits out
        // its timeout, unless stopped.
        ServerSocket deaf = new ServerSocket();
        deaf.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), 0), 1);
        listeners.add(deaf);
        for (int i = 0; i < 4; i++) {
            Socket c = new Socket();
            try {
                c.connect(deaf.getLocalSocketAddress(), 200);
            } catch (IOException e) {
                // queue already full
            }
            clients.add(c);
        }
        ProbeEngine.Group silent = engine.group(Duration.ofSeconds(30), true, (ip, port, o) -> seen.add("silent"));
        ProbeEngine.Group local = engine.group(Duration.ofSeconds(2), false, (ip, port, o) -> seen.add("local"));
        silent.add(ScanTarget.parseAddress("127.0.0.5"), new int[] {deaf.getLocalPort()});
        local.add(ScanTarget.parseAddress("127.0.0.2"), new int[] {p1});
        engine.noMoreHosts();
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                engine.runStreaming();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        assertThat(local.awaitFinished(Duration.ofSeconds(10))).isTrue();
        silent.stop();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
        assertThat(seen).containsExactly("local");
        assertThat(silent.stats().skipped()).isEqualTo(1);
    }

    @Test
    void aSilentPortIsFilteredAfterOneRetry() throws IOException {
        // A listener that never accepts: once its accept queue is full the kernel drops further SYNs unanswered.
        ServerSocket deaf = new ServerSocket();
        deaf.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), 0), 1);
        listeners.add(deaf);
        for (int i = 0; i < 4; i++) {
            Socket c = new Socket();
            try {
                c.connect(deaf.getLocalSocketAddress(), 200);
            } catch (IOException e) {
                // queue already full
            }
            clients.add(c);
        }
        List<ProbeOutcome> seen = new ArrayList<>();
        ProbeEngine.Stats st = new ProbeEngine(new ProbeSettings(8, 1000, 8, Duration.ofMillis(300), 1), null).run(
                new int[] {ScanTarget.parseAddress("127.0.0.5")}, new int[] {deaf.getLocalPort()}, false,
                (ip, port, o) -> seen.add(o));
        assertThat(seen).containsExactly(ProbeOutcome.FILTERED);
        assertThat(st.retries()).isEqualTo(1);
        assertThat(st.sent()).isEqualTo(2);
    }

    @Test
    void localFailuresAreNeverCountedAsClosed() {
        assertThat(ProbeEngine.classify(new BindException("Cannot assign requested address")))
                .isEqualTo(ProbeOutcome.LOCAL_ERROR);
        assertThat(ProbeEngine.classify(new SocketException("No buffer space available")))
                .isEqualTo(ProbeOutcome.LOCAL_ERROR);
        assertThat(ProbeEngine.classify(new SocketException("Too many open files")))
                .isEqualTo(ProbeOutcome.LOCAL_ERROR);
        assertThat(ProbeEngine.classify(new ConnectException("Connection refused"))).isEqualTo(ProbeOutcome.CLOSED);
        assertThat(ProbeEngine.classify(new NoRouteToHostException("No route to host")))
                .isEqualTo(ProbeOutcome.UNREACHABLE);
        assertThat(ProbeEngine.classify(new SocketException("Network is unreachable")))
                .isEqualTo(ProbeOutcome.UNREACHABLE);
    }

    @Test
    void scannerFindsHostsAndExactPortsOnLoopback() {
        ScanTarget target = ScanTarget.parse("127.0.0.2-4");
        Scanner.Request r = Scanner.Request.defaults(target, ScanMethod.ACTIVE)
                .withPorts(PortList.parse(p1 + "," + p2 + "," + p3 + "," + closed));
        ScanResult res = new Scanner(null).scan(r).result();
        Map<String, List<Integer>> found = new TreeMap<>();
        res.assets().forEach(a -> found.put(a.ip().value(), a.openPorts()));
        assertThat(found).containsOnlyKeys("127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(found.get("127.0.0.2")).containsExactlyElementsOf(List.of(p1, p2).stream().sorted().toList());
        assertThat(found.get("127.0.0.3")).containsExactly(p3);
        assertThat(found.get("127.0.0.4")).isEmpty();
        assertThat(res.assets()).extracting(Asset::scanMethod).containsOnly(ScanMethod.ACTIVE);
        assertThat(res.assets()).extracting(Asset::mac).containsOnlyNulls();
        assertThat(res.scanMethod()).isEqualTo(ScanMethod.ACTIVE);
        assertThat(res.details().get("mode").asText()).isEqualTo("active");
        assertThat(res.details().get("phases")).extracting(p -> p.get("name").asText())
                .containsExactly("tcp_discovery", "arp_sweep", "neighbour_table", "port_scan", "reverse_dns",
                        "banners");
        assertThat(res.details().get("phases").get(1).get("ran").asBoolean()).isFalse();
        assertThat(res.details().get("phases").get(1).get("reason").asText()).isNotBlank();
    }

    @Test
    void passiveModeSendsNoDiscoveryProbes() {
        ScanResult res = new Scanner(null).scan(Scanner.Request.defaults(ScanTarget.parse("127.0.0.2-4"),
                ScanMethod.PASSIVE).withPorts(PortList.parse(Integer.toString(p1)))).result();
        // Loopback addresses are never in the neighbour table, so a passive scan knows no host here.
        assertThat(res.assets()).isEmpty();
        assertThat(res.details().get("probes_sent").asLong()).isZero();
        assertThat(res.details().get("phases").get(0).get("name").asText()).isEqualTo("neighbour_snapshot");
    }
}
