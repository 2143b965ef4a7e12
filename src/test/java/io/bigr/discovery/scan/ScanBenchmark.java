package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bigr scan} (the real launcher, JVM start included) against {@code nmap -sT} over the same ports, in a
 * namespace lab (/24, 20 live hosts, the 50 most common ports); then heap and resident memory of a /16 preflight
 * and a /20 scan; then one address of the lab, bigr against nmap. Prints numbers, asserts nothing. Run: {@code mvn -q -Pbench test -Dtest=ScanBenchmark}
 * (root; nmap and arp-scan from Debian).
 */
class ScanBenchmark {
    static final int RUNS = 3;
    static final String[] VENDORS = {"00:50:56", "a4:14:37", "3c:22:fb", "00:1e:bd", "00:0c:29"};
    static final Pattern NMAP_HOST = Pattern.compile("^Host: (\\S+) .*Ports: (.*)$");
    static final Pattern NMAP_UP = Pattern.compile("^Host: (\\S+) .*Status: Up");
    static final Pattern MAX_RSS = Pattern.compile("MAXRSS=(\\d+)");
    static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    @TempDir
    Path tmp;

    static List<NamespaceLab.Host> hosts(List<Integer> ports) {
        List<NamespaceLab.Host> hosts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int octet = 10 + i * 11;  // spread over the /24: 10, 21, ..., 219
            TreeSet<Integer> open = new TreeSet<>();
            for (int k = 0; k <= i % 5; k++) {
                open.add(ports.get((i * 7 + k * 11) % ports.size()));
            }
            String mac = String.format(Locale.ROOT, "%s:%02x:00:%02x", VENDORS[i % VENDORS.length], i, octet);
            hosts.add(new NamespaceLab.Host(octet, mac, "lab-host-" + octet, List.copyOf(open),
                    Map.of(22, "SSH-2.0-OpenSSH_9.2p1 Debian-2"), List.of(80, 8080), "nginx", "lab " + octet));
        }
        return hosts;
    }

    @Test
    void bigrAgainstNmap() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.isRoot(), "needs root for the namespace lab");
        Path repo = Path.of("").toAbsolutePath();
        Path launcher = repo.resolve("bigr");
        List<Integer> ports = PortList.top(50).ports();
        String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<NamespaceLab.Host> hosts = hosts(ports);
        try (NamespaceLab lab = new NamespaceLab(88).start(hosts)) {
            Map<String, String> env = Map.of("BIGR_DB", "sqlite://" + tmp.resolve("bench.db"), "HOME", tmp.toString());
            // Warm-up: builds the jar if sources changed and records the class-data-sharing archive afresh (an
            // archive recorded against an older jar is silently ignored by the JVM).
            Files.deleteIfExists(repo.resolve("target").resolve("cds").resolve("bigr-scan.jsa"));
            // Default options, mDNS included: it queries while the probes run and stops --mdns-grace after them.
            List<String> bigr = List.of(launcher.toString(), "scan", lab.subnet, "--ports", portList, "--no-diff",
                    "--verbose", "--output", tmp.resolve("bigr.json").toString());
            lab.inScanner(bigr, env, tmp.resolve("warm.log"), 600);
            double[] bigrTimes = new double[RUNS];
            double[] nmapTimes = new double[RUNS];
            Path nmapOut = tmp.resolve("nmap.txt");
            for (int r = 0; r < RUNS; r++) {
                long t0 = System.nanoTime();
                int exit = lab.inScanner(bigr, env, tmp.resolve("bigr.log"), 300);
                bigrTimes[r] = (System.nanoTime() - t0) / 1e9;
                if (exit != 0) {
                    System.out.println("bigr failed: " + Files.readString(tmp.resolve("bigr.log")));
                }
                t0 = System.nanoTime();
                lab.inScanner(List.of("nmap", "-sT", "-p", portList, "-oG", "-", lab.subnet), Map.of(), nmapOut, 300);
                nmapTimes[r] = (System.nanoTime() - t0) / 1e9;
            }
            Map<String, List<Integer>> bigrFound = bigrFindings(tmp.resolve("bigr.json"));
            Map<String, List<Integer>> nmapFound = nmapFindings(Files.readString(nmapOut));
            Map<String, List<Integer>> truth = new TreeMap<>();
            hosts.forEach(h -> truth.put(lab.prefix + h.octet(), h.ports()));
            double bigrBest = Arrays.stream(bigrTimes).min().orElseThrow();
            double nmapBest = Arrays.stream(nmapTimes).min().orElseThrow();
            System.out.println();
            System.out.println("=== bigr scan vs nmap -sT: " + lab.subnet + ", " + hosts.size() + " live lab hosts + the"
                    + " scanner, " + ports.size() + " ports ===");
            System.out.printf(Locale.ROOT, "bigr scan (launcher, JVM start, save to SQLite): %s s  best %.2f s%n",
                    fmt(bigrTimes), bigrBest);
            System.out.printf(Locale.ROOT, "nmap -sT -p <same ports>:                       %s s  best %.2f s%n",
                    fmt(nmapTimes), nmapBest);
            System.out.printf(Locale.ROOT, "ratio bigr/nmap (best runs): %.2f%n", bigrBest / nmapBest);
            System.out.println("hosts found: bigr " + bigrFound.size() + ", nmap " + nmapFound.size());
            System.out.println("same hosts and open ports: " + bigrFound.equals(nmapFound));
            Map<String, List<Integer>> bigrLab = new TreeMap<>(bigrFound);
            bigrLab.keySet().retainAll(truth.keySet());
            System.out.println("bigr found exactly the lab's hosts and ports: " + bigrLab.equals(truth)
                    + " (plus " + (bigrFound.size() - bigrLab.size()) + " other: the scanner's own address)");
            if (!bigrFound.equals(nmapFound)) {
                System.out.println("  bigr: " + bigrFound);
                System.out.println("  nmap: " + nmapFound);
            }
            JsonNode details = Json.MAPPER.readTree(Files.readString(tmp.resolve("bigr.json")));
            System.out.println("bigr engine time (from the result file): " + details.get("duration_seconds") + " s");
            Files.readString(tmp.resolve("bigr.log")).lines().filter(l -> l.contains("details:"))
                    .forEach(l -> System.out.println("bigr" + l.trim().substring("details".length())));

            // One address: what every scan costs before and after its probes (JVM, configuration, store, rules); the
            // result file's duration_seconds is the engine's own time (discovery, probes, banners).
            String one = lab.prefix + hosts.get(4).octet();
            Path oneJson = tmp.resolve("one.json");
            List<String> bigrOne = List.of(launcher.toString(), "scan", one, "--ports", portList, "--no-diff",
                    "--output", oneJson.toString());
            double[] oneEngine = new double[RUNS];
            double[] oneBigr = new double[RUNS];
            double[] oneNmap = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long t0 = System.nanoTime();
                lab.inScanner(bigrOne, env, tmp.resolve("one.log"), 300);
                oneBigr[r] = (System.nanoTime() - t0) / 1e9;
                JsonNode oneResult = Json.MAPPER.readTree(Files.readString(oneJson));
                oneEngine[r] = oneResult.path("duration_seconds").asDouble();
                t0 = System.nanoTime();
                lab.inScanner(List.of("nmap", "-sT", "-p", portList, one), Map.of(), tmp.resolve("one-nmap.txt"), 300);
                oneNmap[r] = (System.nanoTime() - t0) / 1e9;
            }
            System.out.println();
            System.out.println("=== one address (" + one + ", " + hosts.get(4).ports().size() + " open of "
                    + ports.size() + " ports) ===");
            System.out.printf(Locale.ROOT, "bigr scan (launcher, JVM start, save to SQLite): %s s  best %.2f s%n",
                    fmt(oneBigr), Arrays.stream(oneBigr).min().orElseThrow());
            System.out.printf(Locale.ROOT, "nmap -sT -p <same ports>:                       %s s  best %.2f s%n",
                    fmt(oneNmap), Arrays.stream(oneNmap).min().orElseThrow());
            double[] fixed = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                fixed[r] = oneBigr[r] - oneEngine[r];
            }
            // What the scan costs around its probes: JVM, configuration, store, rules, classification, save, output.
            System.out.printf(Locale.ROOT, "bigr engine time (probes, banners, from the result): %s s%n",
                    fmt(oneEngine));
            System.out.printf(Locale.ROOT, "bigr fixed cost (wall minus engine time):         %s s  best %.2f s%n",
                    fmt(fixed), Arrays.stream(fixed).min().orElseThrow());
            System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim()
                    + " (2 cores; other work on the machine slows both)");
        }
    }

    @Test
    void memoryOfSlash16PreflightAndSlash20Scan() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.isRoot(), "needs root for the namespace lab");
        Path jar = Path.of("target", "bigr.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "run ./bigr once (or mvn package) so that target/bigr.jar exists");
        List<Integer> ports = PortList.top(50).ports();
        String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (NamespaceLab lab = new NamespaceLab(96, 20).start(hosts(ports))) {
            Map<String, String> env = Map.of("BIGR_DB", "sqlite://" + tmp.resolve("mem.db"), "HOME", tmp.toString());
            String twenty = lab.subnet;
            System.out.println();
            System.out.println("=== memory (SerialGC, default heap limit; RSS from /usr/bin/time, heap used at exit) ===");
            measure(lab, env, "/16 preflight (--dry-run 10.0.0.0/16)", jar, List.of("scan", "10.0.0.0/16", "--dry-run"));
            measure(lab, env, "/20 scan of the lab (" + twenty + ", 4,094 addresses, 50 ports)", jar,
                    List.of("scan", twenty, "--ports", portList, "--no-diff"));
        }
    }

    private void measure(NamespaceLab lab, Map<String, String> env, String what, Path jar, List<String> args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "MAXRSS=%M", "java",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:gc+heap+exit", "-jar", jar.toString()));
        cmd.addAll(args);
        Path log = tmp.resolve("mem.log");
        long t0 = System.nanoTime();
        int exit = lab.inScanner(cmd, env, log, 600);
        double s = (System.nanoTime() - t0) / 1e9;
        String out = Files.readString(log);
        Matcher rss = MAX_RSS.matcher(out);
        long heapKb = 0;
        Matcher heap = HEAP_USED.matcher(out);
        while (heap.find()) {
            heapKb += Long.parseLong(heap.group(1));
        }
        String found = out.lines().filter(l -> l.contains("host(s)")).findFirst().orElse("");
        System.out.printf(Locale.ROOT, "%-62s exit %d, %.1f s, max RSS %s MiB, heap used at exit %d MiB %s%n", what,
                exit, s, rss.find() ? Long.parseLong(rss.group(1)) / 1024 : "?", heapKb / 1024, found.trim());
    }

    static Map<String, List<Integer>> bigrFindings(Path file) throws Exception {
        Map<String, List<Integer>> m = new TreeMap<>();
        for (JsonNode a : Json.MAPPER.readTree(file.toFile()).get("assets")) {
            List<Integer> p = new ArrayList<>();
            a.get("open_ports").forEach(x -> p.add(x.asInt()));
            m.put(a.get("ip").asText(), p);
        }
        return m;
    }

    /** Grepable output: a "Status: Up" line per live host, a "Ports:" line for hosts with port results. */
    static Map<String, List<Integer>> nmapFindings(String grepable) {
        Map<String, List<Integer>> m = new TreeMap<>();
        for (String line : grepable.split("\n")) {
            Matcher up = NMAP_UP.matcher(line);
            if (up.find()) {
                m.putIfAbsent(up.group(1), new ArrayList<>());
            }
            Matcher h = NMAP_HOST.matcher(line);
            if (h.find()) {
                List<Integer> open = new ArrayList<>();
                for (String p : h.group(2).split(",")) {
                    String[] f = p.trim().split("/");
                    if (f.length > 1 && f[1].equals("open")) {
                        open.add(Integer.parseInt(f[0]));
                    }
                }
                open.sort(null);
                m.put(h.group(1), open);
            }
        }
        return m;
    }

    private static String fmt(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).collect(Collectors.joining(" / "));
    }
}
