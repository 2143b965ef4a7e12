package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.auth.TokenCommand;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.DatabaseContract;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server killed with SIGKILL (kill -9: no shutdown hook, no rollback by the application) while it saves a
 * posted scan: the database is intact (SQLite's integrity check passes), holds nothing of the half-received scan
 * (a save is one transaction, docs/DOMAIN.md §2.7), the restarted server is healthy, the scanner's retry of the
 * same result (same idempotency key) is stored once and a second retry is a replay.
 */
public abstract class KillDuringSaveContract extends DatabaseContract {
    static final String TOKEN = "kill-nine-token";
    static final int ASSETS = 20_000;

    private Process startServer(Path work, int port) throws Exception {
        Map<String, String> env = new HashMap<>(Cli.env(db));
        env.put("HOME", work.toString());
        env.put("PORT", Integer.toString(port));
        env.put("ADMIN_PORT", Integer.toString(freePort()));
        env.put("BIGR_API_TOKEN_SHA256", TokenCommand.digest(TOKEN));
        env.put("BIGR_AUTH_REQUIRED", "false");
        String config = Cli.repoFile(db.dialect() == Dialect.SQLITE ? "config-local.yml" : "config.yml");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, "io.bigr.discovery.BigrApplication",
                "server", config).redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
        pb.environment().remove("DATABASE_URL");
        pb.environment().putAll(env);
        Process server = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            assertThat(server.isAlive()).as(Files.readString(work.resolve("server.log"))).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return server;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server did not become healthy: " + Files.readString(work.resolve("server.log")));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /**
     * Whether the server's save transaction has written rows: on PostgreSQL a session of the database holds a
     * transaction id (assigned at its first write); on SQLite the write-ahead log has grown by pages the transaction
     * spilled from its cache (nothing else writes during the test).
     */
    private boolean saving() throws Exception {
        if (db.dialect() == Dialect.POSTGRESQL) {
            return count("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL") > 0;
        }
        Path wal = Path.of(db.url().substring("jdbc:sqlite:".length()) + "-wal");
        return Files.exists(wal) && Files.size(wal) > walBefore + 1024 * 1024;
    }

    private long walBefore;

    long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void aServerKilledMidSaveLosesNothingAndKeepsNothingHalfDone() throws Exception {
        Path work = Files.createTempDirectory("bigr-kill9");
        Path body = work.resolve("scan.json");
        IngestBenchmark.writeScan(body, ASSETS);
        byte[] bytes = Files.readAllBytes(body);
        int port = freePort();
        long assetsBefore = count("SELECT COUNT(*) FROM assets");
        if (db.dialect() == Dialect.SQLITE) {
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            Path wal = Path.of(db.url().substring("jdbc:sqlite:".length()) + "-wal");
            walBefore = Files.exists(wal) ? Files.size(wal) : 0;
        }

        Process server = startServer(work, port);
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/scans HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            // The server reads the whole body first (it counts the assets), then saves in one transaction: kill it
            // once that transaction has written rows and before it commits.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!saving()) {
                assertThat(count("SELECT COUNT(*) FROM scans WHERE target = '10.0.0.0/8'")).as("committed first")
                        .isZero();
                assertThat(System.nanoTime()).as("the save's transaction never wrote").isLessThan(deadline);
                Thread.sleep(20);
            }
            server.destroyForcibly(); // SIGKILL
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.exitValue()).isEqualTo(137);

        if (db.dialect() == Dialect.SQLITE) {
            String integrity = db.jdbi().withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class)
                    .one());
            assertThat(integrity).isEqualTo("ok");
        }
        assertThat(count("SELECT COUNT(*) FROM scans WHERE target = '10.0.0.0/8'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM assets")).isEqualTo(assetsBefore);

        server = startServer(work, port);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/scans"))
                    .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
            HttpResponse<String> first = http.send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            HttpResponse<String> again = http.send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(count("SELECT COUNT(*) FROM scans WHERE target = '10.0.0.0/8'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM assets")).isEqualTo(assetsBefore + ASSETS);
        assertThat(count("SELECT COUNT(*) FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id"
                + " WHERE s.target = '10.0.0.0/8'")).isEqualTo(ASSETS);
    }
}
