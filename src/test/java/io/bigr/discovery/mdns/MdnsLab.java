package io.bigr.discovery.mdns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A private network the test creates: a network namespace joined to the host by a veth pair on a /30 of
 * 198.18.0.0/15 (the benchmarking range, never a real LAN). mDNS from the host side reaches only the namespace.
 * Responders run inside it as separate JVMs. Without root or {@code ip} the test is skipped on a developer machine
 * and FAILS under CI=true.
 */
final class MdnsLab implements AutoCloseable {
    private final String ns;
    private final String hostSide;
    final String hostIp;
    final String labIp;
    private final List<Process> responders = new ArrayList<>();

    private MdnsLab(String ns, String hostSide, String hostIp, String labIp) {
        this.ns = ns;
        this.hostSide = hostSide;
        this.hostIp = hostIp;
        this.labIp = labIp;
    }

    static MdnsLab create() throws Exception {
        String id = HexFormat.of().formatHex(SecureRandom.getSeed(3));
        int third = Integer.parseInt(id.substring(0, 2), 16);
        int fourth = (Integer.parseInt(id.substring(2, 4), 16) & 0x3f) * 4;
        String ns = "bigr-mdns-" + id;
        String a = "bm" + id + "a";
        String b = "bm" + id + "b";
        String hostIp = "198.18." + third + "." + (fourth + 1);
        String labIp = "198.18." + third + "." + (fourth + 2);
        if (!run(List.of("ip", "netns", "add", ns))) {
            String message = "cannot create a network namespace (needs root and iproute2)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: the mDNS tests must run)");
            }
            Assumptions.abort(message);
        }
        MdnsLab lab = new MdnsLab(ns, a, hostIp, labIp);
        try {
            must(List.of("ip", "link", "add", a, "type", "veth", "peer", "name", b));
            must(List.of("ip", "link", "set", b, "netns", ns));
            must(List.of("ip", "addr", "add", hostIp + "/30", "dev", a));
            must(List.of("ip", "link", "set", a, "multicast", "on", "up"));
            must(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
            must(List.of("ip", "netns", "exec", ns, "ip", "addr", "add", labIp + "/30", "dev", b));
            must(List.of("ip", "netns", "exec", ns, "ip", "link", "set", b, "multicast", "on", "up"));
        } catch (Exception e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Starts a responder in the namespace announcing one service; returns once it is registered. */
    void announce(String hostname, String type, String name, int port, String... txt) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                MdnsResponderMain.class.getName(), labIp, hostname, type, name, String.valueOf(port)));
        cmd.addAll(List.of(txt));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        responders.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 200; i++) { // bounded: the first READY line, or give up after 200 lines / EOF
            String line = out.readLine();
            if (line == null) {
                break;
            }
            if (line.equals("READY")) {
                return;
            }
        }
        throw new IllegalStateException("mDNS responder did not start");
    }

    private static boolean run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void must(List<String> cmd) throws IOException, InterruptedException {
        if (!run(cmd)) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : responders) {
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        run(List.of("ip", "netns", "del", ns)); // takes the veth pair with it
        run(List.of("ip", "link", "del", hostSide));
    }
}
