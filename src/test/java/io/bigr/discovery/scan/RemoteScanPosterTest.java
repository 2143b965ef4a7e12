package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.core.Timestamps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client side of POST /api/scans against a tiny HTTP server on 127.0.0.1 that this test runs. */
class RemoteScanPosterTest {
    private static final String TOKEN = "s3cret-token-value";
    private HttpServer server;
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    @TempDir
    Path outbox;

    private String start(int... statuses) throws IOException {
        AtomicInteger call = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/api/scans", ex -> {
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            bodies.add(Json.MAPPER.readTree(ex.getRequestBody()));
            int status = statuses[Math.min(call.getAndIncrement(), statuses.length - 1)];
            byte[] body = (status == 201 ? "{\"scan_id\":\"abc-123\"}" : "{\"code\":" + status
                    + ",\"message\":\"nope\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ScanResult result() {
        return new ScanResult("127.0.0.0/30", ScanMethod.ACTIVE, Timestamps.parse("2026-01-01T12:00:00+00:00"),
                Timestamps.parse("2026-01-01T12:00:01+00:00"), false,
                List.of(Asset.of(IpAddress.of("127.0.0.1")).withOpenPorts(List.of(22))), Json.object().put("mode", "active"));
    }

    private RemoteScanPoster poster(String url, int attempts) {
        return new RemoteScanPoster(url, TOKEN, outbox, attempts, Duration.ofMillis(10));
    }

    @Test
    void postsTheSpecJsonWithTheBearerToken() throws IOException {
        String url = start(201);
        ScanResult sent = result();
        RemoteScanPoster.Outcome o = poster(url, 3).post(sent);
        assertThat(o.posted()).isTrue();
        assertThat(o.status()).isEqualTo(201);
        assertThat(o.serverScanId()).isEqualTo("abc-123");
        assertThat(auth).containsExactly("Bearer " + TOKEN);
        assertThat(bodies.get(0)).isEqualTo(ScanResultJson.toJson(sent));
        assertThat(bodies.get(0).get("details").get("mode").asText()).isEqualTo("active");
        assertThat(outbox).isEmptyDirectory();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws IOException {
        String url = start(503, 502, 201);
        RemoteScanPoster.Outcome o = poster(url, 4).post(result());
        assertThat(o.posted()).isTrue();
        assertThat(bodies).hasSize(3);
    }

    @Test
    void anUnreachableServerLeavesTheScanInTheOutbox() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        RemoteScanPoster.Outcome o = poster("http://127.0.0.1:" + port, 3).post(result());
        assertThat(o.posted()).isFalse();
        assertThat(o.problem()).contains("cannot reach 127.0.0.1").doesNotContain(TOKEN);
        assertThat(o.outboxFile()).exists().hasParent(outbox);
        JsonNode kept = Json.MAPPER.readTree(Files.readString(o.outboxFile()));
        assertThat(ScanResultJson.fromJson(kept).assets()).extracting(a -> a.ip().value()).containsExactly("127.0.0.1");
    }

    @Test
    void persistentServerErrorsEndInTheOutboxAfterEveryAttempt() throws IOException {
        String url = start(500);
        RemoteScanPoster.Outcome o = poster(url, 3).post(result());
        assertThat(o.posted()).isFalse();
        assertThat(bodies).hasSize(3);
        assertThat(o.problem()).isEqualTo("server answered HTTP 500: nope");
        assertThat(o.outboxFile()).exists();
    }

    @Test
    void aRefusalIsNotRetriedButTheScanIsKept() throws IOException {
        String url = start(401);
        RemoteScanPoster.Outcome o = poster(url, 3).post(result());
        assertThat(bodies).hasSize(1);
        assertThat(o.posted()).isFalse();
        assertThat(o.problem()).startsWith("server answered HTTP 401").doesNotContain(TOKEN);
        assertThat(o.outboxFile()).exists();
    }

    @Test
    void badServerUrlsAreRejectedUpFront() {
        assertThatThrownBy(() -> RemoteScanPoster.endpoint("ftp://x")).hasMessageContaining("Invalid --server URL");
        assertThatThrownBy(() -> RemoteScanPoster.endpoint("not a url")).hasMessageContaining("Invalid --server URL");
        assertThat(RemoteScanPoster.endpoint("https://bigr.example.org/base/").toString())
                .isEqualTo("https://bigr.example.org/base/api/scans");
        assertThatThrownBy(() -> new RemoteScanPoster("http://127.0.0.1:1", " ", outbox, 1, Duration.ZERO))
                .hasMessageContaining("--token");
    }
}
