package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
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
    /**
     * One lab host: last octet, MAC, hostname (or null), open ports, greetings by port, HTTP server/title; and, for
     * richer imitations, {@code listener}: the rest of {@code lab_listener.py}'s spec ({@code tcp}, {@code ssdp},
     * {@code mdns}, {@code netbios}; a {@code tls} object with a {@code subject} gets a fresh self-signed certificate
     * for it), and {@code snmp}: an snmpd answering with that system group.
     */
    record Host(int octet, String mac, String hostname, List<Integer> ports, Map<Integer, String> greetings,
                List<Integer> httpPorts, String httpServer, String httpTitle, ObjectNode listener, Snmp snmp) {
        Host(int octet, String mac, String hostname, List<Integer> ports, Map<Integer, String> greetings,
             List<Integer> httpPorts, String httpServer, String httpTitle) {
            this(octet, mac, hostname, ports, greetings, httpPorts, httpServer, httpTitle, null, null);
        }
    }

    /** An SNMP agent (net-snmp's snmpd) in a host's namespace: read-only community and the system group. */
    record Snmp(String community, String sysDescr, String sysObjectId, String sysName) {
    }

    final String id;
    final String subnet;
    final String prefix;
    final String scannerNs;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> listeners = new ArrayList<>();
    private final Map<Integer, List<Process>> byHost = new java.util.HashMap<>();
    private final Path etc;
    private final Path script;
    private Path files;

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
        // No multicast snooping: SSDP and mDNS reach every host as on a small unmanaged switch.
        nsx(scannerNs, "ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        nsx(scannerNs, "ip", "addr", "add", prefix + "1/" + prefixLength, "dev", "br0");
        nsx(scannerNs, "ip", "link", "set", "br0", "up");
        for (Host h : hosts) {
            add(h);
        }
        return this;
    }

    /** Joins a host to the lab (its namespace, veth on the bridge, listeners, snmpd); waits until it listens. */
    NamespaceLab add(Host h) throws IOException, InterruptedException {
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
        int before = listeners.size();
        if (!h.ports().isEmpty() || h.listener() != null) {
            listen(ns, h);
        }
        if (h.snmp() != null) {
            snmpd(ns, h);
        }
        byHost.put(h.octet(), new ArrayList<>(listeners.subList(before, listeners.size())));
        return this;
    }

    /**
     * Takes a host off the lab as a device that left the network: its listeners stop and its namespace (with its
     * veth) is deleted; the scanner's neighbour entry for it is flushed, so only a fresh probe could find it.
     */
    NamespaceLab remove(int octet) throws IOException, InterruptedException {
        for (Process p : byHost.getOrDefault(octet, List.of())) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            listeners.remove(p);
        }
        byHost.remove(octet);
        String ns = id + "h" + octet;
        sh("ip", "netns", "del", ns);
        namespaces.remove(ns);
        nsx(scannerNs, "ip", "neigh", "flush", "dev", "br0");
        return this;
    }

    private void listen(String ns, Host h) throws IOException, InterruptedException {
        ObjectNode spec = h.listener() == null ? Json.object() : h.listener().deepCopy();
        spec.put("ip", prefix + h.octet());
        JsonNode tcp = spec.get("tcp");
        if (tcp != null) {
            for (JsonNode port : tcp) {
                JsonNode tls = port.get("tls");
                if (tls != null && tls.has("subject")) {
                    Path[] pair = certificate(tls.get("subject").asText());
                    ((ObjectNode) tls).put("cert", pair[0].toString()).put("key", pair[1].toString());
                }
            }
        }
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

    /** A fresh self-signed EC certificate for {@code subject} ({@code /CN=.../O=...}): cert and key files. */
    private Path[] certificate(String subject) throws IOException, InterruptedException {
        Path dir = files();
        Path cert = Files.createTempFile(dir, "cert", ".pem");
        Path key = Files.createTempFile(dir, "key", ".pem");
        sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "30", "-subj", subject);
        return new Path[] {cert, key};
    }

    private Path files() throws IOException {
        if (files == null) {
            files = Files.createTempDirectory("bigr-lab");
        }
        return files;
    }

    /** snmpd in the host's namespace, on its address only, with the host's community and system group. */
    private void snmpd(String ns, Host h) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(files(), "snmpd");
        Path conf = dir.resolve("snmpd.conf");
        Snmp s = h.snmp();
        Files.writeString(conf, "agentAddress udp:" + prefix + h.octet() + ":161\n"
                + "rocommunity " + s.community() + "\n"
                + "sysDescr " + s.sysDescr() + "\n"
                + "sysObjectID " + s.sysObjectId() + "\n"
                + "sysName " + s.sysName() + "\n"
                + "sysLocation lab\nsysContact lab\nsysServices 72\n");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns, "snmpd", "-f", "-Lo", "-C", "-r", "-c",
                conf.toString(), "-p", dir.resolve("snmpd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.log").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.toString());
        pb.environment().put("MIBS", "");
        listeners.add(pb.start());
        // Ready when it answers a GET of sysName (bounded: 50 tries, 0.1 s apart).
        for (int i = 0; i < 50; i++) {
            Process get = new ProcessBuilder("ip", "netns", "exec", ns, "snmpget", "-v2c", "-c", s.community(), "-t",
                    "0.2", "-r", "0", "-On", prefix + h.octet(), "1.3.6.1.2.1.1.5.0").redirectErrorStream(true).start();
            String out = new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (get.waitFor(5, TimeUnit.SECONDS) && get.exitValue() == 0 && out.contains(s.sysName())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("snmpd in " + ns + " did not answer");
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
            if (files != null) {
                try (var walk = Files.walk(files)) {
                    for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
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
