package io.bigr.discovery.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.testing.TestDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bigr server} started from the command line registers the JVM metrics after Jetty has started
 * (BigrApplication.registerJvmMetricsOnceStarted, docs/STACK-NOTES.md Q6): they still reach {@code /admin/prometheus}
 * a moment after the first healthy answer. Not per database: the JVM series do not read it.
 */
class ServerJvmMetricsIT {
    /** Bounds for a JVM start on a loaded 2-core machine; a readiness limit, not a speed assertion. */
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final String TOKEN = "jvm-metrics-token";
    /**
     * Series of each JVM metric set; the poll waits for all of them, since the sets are registered one after another
     * and a scrape between two of them sees only the first (a CI run polled for two and asserted a third).
     */
    private static final List<String> JVM_SERIES = List.of("jvm_memory_heap_used", "jvm_threads_count", "jvm_gc_");

    @TempDir
    Path home;

    @Test
    void theCommandLineServerServesJvmMetricsShortlyAfterItAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (TestDb db = TestDb.sqlite().migrate()) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "io.bigr.discovery.BigrApplication", "server")
                    .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
            pb.environment().remove("DATABASE_URL");
            pb.environment().putAll(java.util.Map.of("BIGR_DB", db.url(), "HOME", home.toString(),
                    "PORT", Integer.toString(port), "BIGR_API_TOKEN_SHA256", sha256(TOKEN)));
            Process p = pb.start();
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                String base = "http://127.0.0.1:" + port;
                assertThat(poll(http, p, HttpRequest.newBuilder(URI.create(base + "/api/health")), List.of()))
                        .as(log()).contains("\"status\":\"ok\"");
                // Admin endpoints on the API's connector need a write-enabled token (config-local.yml: simple).
                String text = poll(http, p, HttpRequest.newBuilder(URI.create(base + "/admin/prometheus"))
                        .header("Authorization", "Bearer " + TOKEN), JVM_SERIES);
                assertThat(text).as(log()).contains(JVM_SERIES.toArray(String[]::new));
            } finally {
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** The first 200 body containing every one of {@code wanted}, polled (bounded) while the server runs. */
    private String poll(HttpClient http, Process p, HttpRequest.Builder request, List<String> wanted)
            throws Exception {
        long limit = System.nanoTime() + LIMIT_NANOS;
        String last = "";
        while (System.nanoTime() < limit && p.isAlive()) {
            try {
                HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && wanted.stream().allMatch(r.body()::contains)) {
                    return r.body();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer with " + wanted + "; last: " + last + "\n" + log());
    }

    private String log() {
        try {
            return Files.readString(home.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
