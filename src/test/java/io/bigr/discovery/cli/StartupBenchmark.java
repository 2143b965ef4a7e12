package io.bigr.discovery.cli;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up through the real launcher ({@code ./bigr}, JVM start included): the everyday commands' wall time and
 * {@code bigr server}'s time from launch to the first healthy {@code /api/health}, with the per-command class-data
 * sharing archive (recorded by a warm-up run, as a user's first run records it) and without it
 * ({@code BIGR_NO_CDS=1}), side by side, with each command's CPU time (user + system; less sensitive to other work
 * on a shared machine than the wall time) and the server's CPU time until its first healthy answer. The SQLite
 * inventory holds 30 scans of 500 assets and a few tags. Prints
 * numbers and the load average, asserts nothing. Run: {@code mvn -q -Pbench test -Dtest=StartupBenchmark}.
 */
class StartupBenchmark {
    static final int RUNS = 5;
    static final List<List<String>> COMMANDS = List.of(List.of("version"), List.of("history"), List.of("tags"),
            List.of("changes"));

    @TempDir
    Path tmp;

    @Test
    void commandsAndServer() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Path launcher = repo.resolve("bigr");
        try (TestDb db = TestDb.sqlite().migrate()) {
            seed(db.daos());
            Map<String, String> env = new HashMap<>(Map.of("BIGR_DB", db.url(), "HOME", tmp.toString()));
            // Builds the jar if the sources changed; then every command records its archive afresh.
            run(launcher, List.of("version"), env);
            deleteArchives(repo);
            run(launcher, List.of("tag", "10.0.0.1", "--category", "iot"), env);
            run(launcher, List.of("tag", "10.0.0.2", "--category", "uygulamalar"), env);
            String loadBefore = load();
            System.out.println();
            System.out.println("=== start-up through ./bigr (JVM start included), SQLite with 30 scans x 500 assets, "
                    + RUNS + " runs; load average " + loadBefore + " ===");
            System.out.printf(Locale.ROOT, "%-16s %-40s %-40s%n", "", "class-data sharing (per-command archive)",
                    "without (BIGR_NO_CDS=1)");
            for (List<String> command : COMMANDS) {
                run(launcher, command, env);  // warm-up: records this command's archive
                double[] cds = times(launcher, command, env);
                double[] cdsCpu = cpu;
                Map<String, String> plain = new HashMap<>(env);
                plain.put("BIGR_NO_CDS", "1");
                double[] none = times(launcher, command, plain);
                System.out.printf(Locale.ROOT, "%-16s %-40s %-40s%n", "bigr " + String.join(" ", command),
                        summary(cds), summary(none));
                System.out.printf(Locale.ROOT, "%-16s %-40s %-40s%n", "  CPU (user+sys)", summary(cdsCpu),
                        summary(cpu));
            }
            serverOnce(launcher, env);  // warm-up: records the server's archive at its exit
            double[] cds = new double[RUNS];
            double[] none = new double[RUNS];
            double[] cdsCpu = new double[RUNS];
            double[] noneCpu = new double[RUNS];
            Map<String, String> plain = new HashMap<>(env);
            plain.put("BIGR_NO_CDS", "1");
            for (int i = 0; i < RUNS; i++) {
                cds[i] = serverOnce(launcher, env);
                cdsCpu[i] = serverCpu;
                none[i] = serverOnce(launcher, plain);
                noneCpu[i] = serverCpu;
            }
            System.out.printf(Locale.ROOT, "%-16s %-40s %-40s%n", "server healthy", summary(cds), summary(none));
            System.out.printf(Locale.ROOT, "%-16s %-40s %-40s%n", "  CPU till then", summary(cdsCpu),
                    summary(noneCpu));
            System.out.println("load average after: " + load() + " (2 cores; other work on the machine slows both)");
        }
    }

    private static void seed(Daos daos) {
        List<Asset> assets = TestData.many(500);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int scan = 0; scan < 30; scan++) {
            Instant started = t.plus(Duration.ofHours(scan));
            // every third scan renames a few hosts, so the change log has rows
            List<Asset> these = scan % 3 == 0 ? assets.stream().map(a -> a.ip().value().endsWith(".7")
                    ? TestData.asset(a.ip().value(), a.mac().value(), "renamed-" + started.getEpochSecond(),
                    a.vendor(), a.bigrCategory(), a.confidenceScore(), 22) : a).toList() : assets;
            daos.store().save(new ScanResult("10.0.0.0/16", ScanMethod.ACTIVE, started, started.plusSeconds(60),
                    false, these));
        }
    }

    private static void deleteArchives(Path repo) throws IOException {
        Path dir = repo.resolve("target").resolve("cds");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Wall seconds of each run; the CPU seconds (user + system, from /usr/bin/time) go to {@link #cpu}. */
    private double[] times(Path launcher, List<String> command, Map<String, String> env) throws Exception {
        double[] t = new double[RUNS];
        cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            cpu[i] = run(launcher, command, env);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return t;
    }

    private double[] cpu;

    /** Runs one command; returns its CPU seconds (user + system) when /usr/bin/time is there, else NaN. */
    private double run(Path launcher, List<String> command, Map<String, String> env) throws Exception {
        List<String> full = new ArrayList<>();
        Path cpuFile = tmp.resolve("cpu.txt");
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            full.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpuFile.toString()));
        }
        full.add(launcher.toString());
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + Files.readString(tmp.resolve("out.log")));
        }
        if (!timed) {
            return Double.NaN;
        }
        String[] f = Files.readString(cpuFile).trim().split("\\s+");
        return Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
    }

    /** The CPU seconds (all threads) the server had used when {@link #serverOnce} saw it healthy. */
    private double serverCpu;

    /**
     * Seconds from launch to the first 200 of /api/health, with the server's CPU seconds at that moment in
     * {@link #serverCpu} (the launcher execs the JVM, so the process is the server); the server is then stopped
     * (SIGTERM, as Ctrl-C).
     */
    private double serverOnce(Path launcher, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> e = new HashMap<>(env);
        e.put("PORT", Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "server").directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile());
        pb.environment().putAll(e);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long limit = t0 + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < limit && p.isAlive()) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double wall = (System.nanoTime() - t0) / 1e9;
                        serverCpu = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
                        return wall;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException("server not healthy: " + Files.readString(tmp.resolve("server.log")));
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String summary(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "best %.2f s, median %.2f s (%s)", s[0], s[s.length / 2],
                Arrays.stream(t).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                        .collect(Collectors.joining(" ")));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
