package io.bigr.discovery.api;

import static io.bigr.discovery.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A whole inventory larger than a read-cache entry (docs/DOMAIN.md §6.14), read from the real server as a browser
 * reads it (Accept-Encoding: gzip): the rendering is compressed once (one gzip layer, not the cache's packer and the
 * server's gzip handler both), its evidence copied byte for byte; the identity form and the cached reads are the same
 * body. Once per database by {@link SqliteLargeBodyIT} and {@link PostgresLargeBodyIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LargeBodyContract {
    /** Assets of about 800 bytes each in /api/data: about 10 MB, past the 8 MB a cache entry holds as it is. */
    static final int ASSETS = 12_000;

    private TestDb db;
    private ApiApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    abstract TestDb newDatabase();

    @BeforeAll
    void open() {
        db = newDatabase().migrate();
        List<Asset> assets = TestData.many(ASSETS).stream().map(a -> {
            ObjectNode evidence = Json.MAPPER.createObjectNode();
            evidence.putObject("banners").put("22", "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6 " + a.hostname()
                    + " ğüşıöç \"quoted\" \\ " + "x".repeat(400));
            evidence.putArray("port_rules").add("ssh").add("http");
            return a.withEvidence(evidence);
        }).toList();
        db.independentDaos().store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, T0, T0.plusSeconds(60),
                false, assets));
        app = ApiApp.start(db);
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    private HttpResponse<byte[]> get(String path, String encoding, boolean fresh) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(app.url(path))).header(HttpHeaders.ACCEPT_ENCODING,
                encoding);
        if (fresh) {
            r.header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        HttpResponse<byte[]> response = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String gunzip(byte[] z) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(z))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBrowsersReadOfALargeInventoryIsCompressedOnceAndEqualsTheIdentityBody() throws Exception {
        String identity = new String(get("/api/data", "identity", true).body(), StandardCharsets.UTF_8);
        assertThat((long) identity.length()).isGreaterThan(ReadCache.MAX_ENTRY_BYTES);
        var tree = Json.MAPPER.readTree(identity);
        assertThat(tree.get("assets")).hasSize(ASSETS);
        assertThat(tree.get("assets").get(0).get("raw_evidence").get("banners").get("22").asText())
                .contains("ğüşıöç \"quoted\" \\ ");

        for (boolean fresh : new boolean[] {true, false}) { // rendered for this client, then from the cache
            HttpResponse<byte[]> gz = get("/api/data", "gzip, deflate, br", fresh);
            assertThat(gz.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).hasValue("gzip");
            assertThat(gz.headers().allValues(HttpHeaders.VARY).toString()).contains(HttpHeaders.ACCEPT_ENCODING);
            assertThat(gz.body().length).isLessThan(identity.length() / 4);
            assertThat(gunzip(gz.body())).as("one gzip layer, the identity body inside").isEqualTo(identity);
        }
        assertThat(new String(get("/api/data", "identity", false).body(), StandardCharsets.UTF_8))
                .isEqualTo(identity);
    }

    /**
     * A browser that goes away while its large body is being compressed and sent: the server stops that rendering
     * and answers the next reader, whole and in one gzip layer.
     */
    @Test
    void aClientLeavingMidBodyLeavesTheServerAnswering() throws Exception {
        URI uri = URI.create(app.url("/api/data"));
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET /api/data HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                        + "Accept-Encoding: gzip\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] some = socket.getInputStream().readNBytes(64 * 1024);
                assertThat(new String(some, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
            } // closed mid-body
        }
        String identity = new String(get("/api/data", "identity", true).body(), StandardCharsets.UTF_8);
        assertThat(Json.MAPPER.readTree(identity).get("assets")).hasSize(ASSETS);
        assertThat(gunzip(get("/api/data", "gzip", true).body())).isEqualTo(identity);
    }
}
