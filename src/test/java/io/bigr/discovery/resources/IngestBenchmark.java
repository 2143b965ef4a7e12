package io.bigr.discovery.resources;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.auth.TokenCommand;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/scans} of 100,000 and 1,000,000 assets (docs/DOMAIN.md §2.7) to a server started as production
 * starts it: a separate JVM with render.yaml's {@code JAVA_TOOL_OPTIONS} (256 MB heap, ExitOnOutOfMemoryError) and
 * {@code MALLOC_ARENA_MAX}, on SQLite (config-local.yml) and PostgreSQL (config.yml). Prints the status, wall time,
 * peak RSS (VmHWM) and the highest heap use sampled from the admin metrics every 200 ms. Not a test:
 * {@code mvn -Pbench test -Dtest=IngestBenchmark [-Dbench.sizes=100000,1000000] [-Dbench.dbs=sqlite,postgresql]}.
 */
class IngestBenchmark {
    private static final String TOKEN = "bench-token";

    @Test
    void ingest() throws Exception {
        String jvm = renderJavaOptions();
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("bench.sizes", "100000,1000000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        System.out.println("IngestBenchmark JAVA_TOOL_OPTIONS=" + jvm);
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %6s %10s %12s %14s %s%n", "db", "assets", "body MB", "status",
                "seconds", "peak RSS MB", "peak heap MB", "server alive");
        for (String d : System.getProperty("bench.dbs", "sqlite,postgresql").split(",")) {
            Dialect dialect = d.trim().toLowerCase(Locale.ROOT).startsWith("postgres") ? Dialect.POSTGRESQL
                    : Dialect.SQLITE;
            for (int n : sizes) {
                run(dialect, n, jvm);
            }
        }
    }

    private static void run(Dialect dialect, int n, String jvm) throws Exception {
        Path work = Files.createTempDirectory("bigr-ingest-bench");
        Path body = work.resolve("scan.json");
        writeScan(body, n);
        try (TestDb db = TestDb.create(dialect).migrate()) {
            int port = freePort();
            int adminPort = freePort();
            Map<String, String> env = new HashMap<>(Cli.env(db));
            env.put("HOME", work.toString());
            env.put("PORT", Integer.toString(port));
            env.put("ADMIN_PORT", Integer.toString(adminPort));
            env.put("BIGR_API_TOKEN_SHA256", TokenCommand.digest(TOKEN));
            env.put("BIGR_AUTH_REQUIRED", "false");
            env.put("BIGR_INGEST_MAX_BODY_SIZE", "4 GiB");
            env.put("JAVA_TOOL_OPTIONS", jvm);
            env.put("MALLOC_ARENA_MAX", "2");
            String config = Cli.repoFile(dialect == Dialect.SQLITE ? "config-local.yml" : "config.yml");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "io.bigr.discovery.BigrApplication", "server", config)
                    .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
            pb.environment().remove("DATABASE_URL");
            pb.environment().putAll(env);
            Process server = pb.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try {
                waitForHealth(http, port, server);
                String metrics = dialect == Dialect.SQLITE ? "http://127.0.0.1:" + port + "/admin/metrics"
                        : "http://127.0.0.1:" + adminPort + "/metrics";
                AtomicLong peakHeap = new AtomicLong();
                Thread sampler = new Thread(() -> sampleHeap(http, metrics, peakHeap, server));
                sampler.setDaemon(true);
                sampler.start();
                long t0 = System.nanoTime();
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/scans"))
                            .timeout(Duration.ofHours(2)).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofFile(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException e) {
                    status = -1; // the server died
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long rssKb = vmHwmKb(server.pid());
                boolean alive = server.isAlive();
                sampler.interrupt();
                System.out.printf(Locale.ROOT, "%-10s %,10d %10.1f %6d %10.1f %12.0f %14.0f %s%n", dialect.value(), n,
                        Files.size(body) / 1048576.0, status, seconds, rssKb / 1024.0, peakHeap.get() / 1048576.0,
                        alive ? "yes" : "NO (see " + work.resolve("server.log") + ")");
            } finally {
                server.destroy();
                server.waitFor();
                Files.deleteIfExists(body);
            }
        }
    }

    /** A §2.7 document of {@code n} assets 10.x.y.z (the shape bench/gen_scan.py writes), streamed to the file. */
    static void writeScan(Path file, int n) throws Exception {
        String[] cats = {"ag_ve_sistemler", "uygulamalar", "iot", "tasinabilir", "unclassified"};
        String[] vendors = {"Cisco", "Hikvision", "Apple", "Dell", "HP", "Ubiquiti", "Samsung"};
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("target", "10.0.0.0/8");
            g.writeStringField("scan_method", "hybrid");
            g.writeStringField("started_at", "2026-01-15T10:00:00+00:00");
            g.writeStringField("completed_at", "2026-01-15T10:05:00+00:00");
            g.writeBooleanField("is_root", true);
            g.writeArrayFieldStart("assets");
            for (int i = 0; i < n; i++) {
                g.writeStartObject();
                g.writeStringField("ip", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
                g.writeStringField("mac", String.format(Locale.ROOT, "02:00:%02x:%02x:%02x:%02x", i >> 24 & 255,
                        i >> 16 & 255, i >> 8 & 255, i & 255));
                g.writeStringField("hostname", "host-" + i);
                g.writeStringField("vendor", vendors[i % 7]);
                g.writeArrayFieldStart("open_ports");
                for (int p : new int[] {22, 80, 443}) {
                    if (p == 22 || i % 3 > 0 && p == 80 || i % 3 > 1) {
                        g.writeNumber(p);
                    }
                }
                g.writeEndArray();
                g.writeStringField("bigr_category", cats[i % 5]);
                g.writeNumberField("confidence_score", (i % 10) / 10.0);
                g.writeStringField("scan_method", "active");
                g.writeStringField("first_seen", "2026-01-15T10:00:00+00:00");
                g.writeStringField("last_seen", "2026-01-15T10:00:01+00:00");
                g.writeObjectFieldStart("raw_evidence");
                g.writeArrayFieldStart("port_rules");
                g.writeString("ssh");
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("details");
            g.writeNumberField("probes_sent", n * 4L);
            g.writeEndObject();
            g.writeStringField("idempotency_key", UUID.randomUUID().toString());
            g.writeEndObject();
        }
    }

    private static void sampleHeap(HttpClient http, String url, AtomicLong peak, Process server) {
        while (!Thread.currentThread().isInterrupted() && server.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode used = Json.parseOrNull(r.body()).at("/gauges/jvm.memory.heap.used/value");
                if (!used.isMissingNode()) {
                    peak.accumulateAndGet(used.asLong(), Math::max);
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a sample missed while the server is busy; keep sampling
            }
        }
    }

    private static void waitForHealth(HttpClient http, int port, Process server) throws Exception {
        for (int i = 0; i < 240; i++) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited during start-up");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("server did not become healthy");
    }

    private static long vmHwmKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** render.yaml's JAVA_TOOL_OPTIONS value, so the numbers are the deployed ones. */
    static String renderJavaOptions() throws Exception {
        String yaml = Files.readString(Path.of(Cli.repoFile("render.yaml")));
        Matcher m = Pattern.compile("key: JAVA_TOOL_OPTIONS\\s+value: \"([^\"]+)\"").matcher(yaml);
        if (!m.find()) {
            throw new IllegalStateException("render.yaml has no JAVA_TOOL_OPTIONS value");
        }
        return m.group(1);
    }
}
