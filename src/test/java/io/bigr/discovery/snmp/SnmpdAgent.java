package io.bigr.discovery.snmp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Debian {@code snmpd} started by the test on 127.0.0.1 and 127.0.0.2 (one free UDP port), with a generated
 * snmpd.conf (a v2c community and a v3 authPriv user) and a {@code pass_persist} script that serves a
 * forwarding-table fixture for the BRIDGE-MIB, Q-BRIDGE-MIB, IF-MIB (ifName, ifDescr) and LLDP-MIB columns.
 * Missing snmpd aborts (skips) the test on a developer machine and FAILS it under CI=true.
 */
public final class SnmpdAgent implements AutoCloseable {
    static final Path SNMPD = Path.of("/usr/sbin/snmpd");
    public static final String COMMUNITY = "bigr-test-community";
    public static final String USER = "bigrv3";
    public static final String AUTH = "auth-pass-123";
    public static final String PRIV = "priv-pass-456";

    private static final String SCRIPT = """
            import sys
            table, prefix = sys.argv[1], sys.argv[2]
            def key(oid):
                return tuple(int(x) for x in oid.strip().strip('.').split('.') if x)
            rows = []
            for line in open(table):
                parts = line.strip().split(' ', 2)
                if len(parts) == 3 and (parts[0] + '.').startswith(prefix + '.'):
                    rows.append((key(parts[0]), parts[0], parts[1], parts[2]))
            rows.sort()
            def say(*lines):
                sys.stdout.write('\\n'.join(lines) + '\\n')
                sys.stdout.flush()
            while True:
                cmd = sys.stdin.readline()
                if not cmd:
                    break
                cmd = cmd.strip()
                if cmd == 'PING':
                    say('PONG')
                elif cmd in ('get', 'getnext'):
                    k = key(sys.stdin.readline())
                    hit = [r for r in rows if (r[0] == k if cmd == 'get' else r[0] > k)]
                    if hit:
                        say(hit[0][1], hit[0][2], hit[0][3])
                    else:
                        say('NONE')
                elif cmd == 'set':
                    sys.stdin.readline()
                    sys.stdin.readline()
                    say('not-writable')
            """;

    /** Subtrees served from the fixture (each by its own pass_persist process). */
    private static final List<String> SUBTREES = List.of(".1.3.6.1.2.1.17", ".1.3.6.1.2.1.31.1.1.1.1",
            ".1.3.6.1.2.1.2.2.1.2", ".1.0.8802.1.1.2.1.4.1");

    private final Path dir;
    private final Process process;
    private final int port;

    private SnmpdAgent(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static void requireSnmpd() {
        if (!Files.isExecutable(SNMPD)) {
            String message = SNMPD + " is not installed (apt-get install snmpd; listed in .ci/apt-packages)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: the SNMP tests must run)");
            }
            Assumptions.abort(message);
        }
    }

    /** Starts snmpd serving {@code fixture} lines ({@code .oid type value}). */
    public static SnmpdAgent start(List<String> fixture) throws Exception {
        requireSnmpd();
        Path dir = Files.createTempDirectory("bigr-snmpd-");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Files.write(dir.resolve("fixture.txt"), fixture);
        Files.writeString(dir.resolve("pass.py"), SCRIPT);
        StringBuilder conf = new StringBuilder()
                .append("agentAddress udp:127.0.0.1:").append(port).append(",udp:127.0.0.2:").append(port).append('\n')
                .append("rocommunity ").append(COMMUNITY).append(" 127.0.0.0/8\n")
                .append("createUser ").append(USER).append(" SHA \"").append(AUTH).append("\" AES \"").append(PRIV)
                .append("\"\n")
                .append("rouser ").append(USER).append(" priv\n");
        for (String subtree : SUBTREES) {
            conf.append("pass_persist ").append(subtree).append(" /usr/bin/python3 ").append(dir.resolve("pass.py"))
                    .append(' ').append(dir.resolve("fixture.txt")).append(' ').append(subtree).append('\n');
        }
        Files.writeString(dir.resolve("snmpd.conf"), conf);
        Files.createDirectories(dir.resolve("persist"));
        ProcessBuilder pb = new ProcessBuilder(SNMPD.toString(), "-f", "-C", "-c", dir.resolve("snmpd.conf").toString(),
                "-p", dir.resolve("snmpd.pid").toString(), "-Lf", dir.resolve("snmpd.log").toString(), "-I", "-smux")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.environment().put("MIBS", "");
        Process p = pb.start();
        SnmpdAgent agent = new SnmpdAgent(dir, p, port);
        agent.awaitReady();
        return agent;
    }

    public int port() {
        return port;
    }

    /** Bounded wait (at most ~10 s) until the agent answers a v2c walk of the fixture. */
    private void awaitReady() throws Exception {
        SnmpWalker walker = new SnmpWalker(new SnmpWalker.Settings(port, Duration.ofMillis(300), 0, 1000));
        for (int attempt = 0; attempt < 30; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("snmpd exited: " + Files.readString(dir.resolve("stdout.log")));
            }
            try {
                walker.read(SwitchConfig.v2c("127.0.0.1", COMMUNITY, ""));
                return;
            } catch (SnmpWalker.SnmpException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("snmpd did not answer on 127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }
}
