package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private network made of Linux network namespaces, for scanning without touching any real network: a
 * "scanner" namespace holding a bridge with the lab's first address, and one namespace per host, joined to the
 * bridge by a veth pair whose host end has a fixed MAC. Each host runs {@code lab_listener.py} on its open ports.
 * Reverse DNS inside the scanner namespace comes from {@code /etc/netns/<ns>/hosts} (bind-mounted over /etc/hosts
 * by {@code ip netns exec}), and its resolv.conf names no server, so nothing leaves the lab.
 *
 * <p>Needs root. {@link #close()} kills the listeners and deletes every namespace and file it created, also after a
 * failed set-up.
 */
final class NamespaceLab implements AutoCloseable {
    /** One lab host: last octet, MAC, hostname (or null), open ports, greetings by port, HTTP server/title. */
    record Host(int octet, String mac, String hostname, List<Integer> ports, Map<Integer, String> greetings,
                List<Integer> httpPorts, String httpServer, String httpTitle) {
    }

    final String id;
    final String subnet;
    final String prefix;
    final String scannerNs;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> listeners = new ArrayList<>();
    private final Path etc;
    private final Path script;

    final int prefixLength;

    NamespaceLab(int thirdOctet) throws IOException {
        this(thirdOctet, 24);
    }

    /** A lab whose hosts live in 10.250.{thirdOctet}.x, on a network of the given prefix length (/24 or wider). */
    NamespaceLab(int thirdOctet, int prefixLength) throws IOException {
        this.prefixLength = prefixLength;
        id = "bl" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        prefix = "10.250." + thirdOctet + ".";
        subnet = prefix + "0/" + prefixLength;
        scannerNs = id + "s";
        etc = Path.of("/etc/netns", scannerNs);
        script = Files.createTempFile("lab_listener", ".py");
        try (InputStream in = NamespaceLab.class.getResourceAsStream("lab_listener.py")) {
            Files.write(script, in.readAllBytes());
        }
    }

    static boolean isRoot() {
        return Scanner.isRoot();
    }

    /** Creates the scanner namespace, the bridge and the hosts; waits until every listener is bound. */
    NamespaceLab start(List<Host> hosts) throws IOException, InterruptedException {
        sh("ip", "netns", "add", scannerNs);
        namespaces.add(scannerNs);
        Files.createDirectories(etc);
        StringBuilder hostsFile = new StringBuilder("127.0.0.1 localhost\n");
        hosts.stream().filter(h -> h.hostname() != null)
                .forEach(h -> hostsFile.append(prefix).append(h.octet()).append(' ').append(h.hostname()).append('\n'));
        Files.writeString(etc.resolve("hosts"), hostsFile);
        Files.writeString(etc.resolve("resolv.conf"), "# scan lab: no DNS server, names come from hosts only\n");
        nsx(scannerNs, "ip", "link", "set", "lo", "up");
        nsx(scannerNs, "ip", "link", "add", "br0", "type", "bridge");
        nsx(scannerNs, "ip", "addr", "add", prefix + "1/" + prefixLength, "dev", "br0");
        nsx(scannerNs, "ip", "link", "set", "br0", "up");
        for (Host h : hosts) {
            String ns = id + "h" + h.octet();
            String outer = id + "v" + h.octet();
            sh("ip", "netns", "add", ns);
            namespaces.add(ns);
            sh("ip", "link", "add", outer, "netns", scannerNs, "type", "veth", "peer", "name", "eth0", "netns", ns);
            nsx(ns, "ip", "link", "set", "eth0", "address", h.mac());
            nsx(ns, "ip", "addr", "add", prefix + h.octet() + "/" + prefixLength, "dev", "eth0");
            nsx(ns, "ip", "link", "set", "lo", "up");
            nsx(ns, "ip", "link", "set", "eth0", "up");
            nsx(scannerNs, "ip", "link", "set", outer, "master", "br0");
            nsx(scannerNs, "ip", "link", "set", outer, "up");
            if (!h.ports().isEmpty()) {
                listen(ns, h);
            }
        }
        return this;
    }

    private void listen(String ns, Host h) throws IOException {
        ObjectNode spec = Json.object();
        spec.set("ports", Json.MAPPER.valueToTree(h.ports()));
        ObjectNode g = spec.putObject("greetings");
        h.greetings().forEach((p, text) -> g.put(Integer.toString(p), text));
        spec.set("http_ports", Json.MAPPER.valueToTree(h.httpPorts()));
        ObjectNode http = spec.putObject("http");
        http.put("server", h.httpServer());
        http.put("title", h.httpTitle());
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "python3", script.toString(), Json.write(spec))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        listeners.add(p);
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            throw new IOException("lab listener in " + ns + " did not start");
        }
    }

    /** Runs a command inside the scanner namespace; returns its exit code, output in {@code out}. */
    int inScanner(List<String> command, Map<String, String> env, Path out, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", scannerNs));
        full.addAll(command);
        // Run from the output's folder: from the repository root Liquibase would also see ./migrations.xml.
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile())
                .directory(out.toAbsolutePath().getParent().toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        return p.exitValue();
    }

    @Override
    public void close() {
        for (Process p : listeners) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (String ns : namespaces) {
            try {
                sh("ip", "netns", "del", ns);
            } catch (IOException | InterruptedException e) {
                // keep tearing down the others
            }
        }
        try {
            if (Files.exists(etc)) {
                try (var files = Files.list(etc)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(etc);
            }
            Files.deleteIfExists(script);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void nsx(String ns, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        sh(full.toArray(String[]::new));
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
    }
}
