package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.core.Response;
import io.bigr.discovery.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database going away gives 503 (JSON, Retry-After) on every route, never a 500 or a hang, and the server
 * recovers by itself when the database is back: the pool validates connections on borrow.
 */
class DatabaseOutageIT {
    static final List<String> READS = List.of("/api/data", "/api/scans", "/api/scans/x", "/api/assets/10.0.0.1",
            "/api/changes", "/api/subnets", "/api/switches", "/api/certificates", "/api/assets/export?format=csv");

    static String scan() {
        return ScanResultJson.toJson(TestData.scan("10.0.0.0/24", TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01",
                "gw", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22))).toString();
    }

    @Test
    void postgresCutOffAndBack() throws Exception {
        try (TestDb db = TestDb.postgres().migrate(); ApiApp app = ApiApp.start(db)) {
            assertThat(app.post("/api/scans", scan()).getStatus()).isEqualTo(201);
            assertThat(app.getJson("/api/data").get("assets")).hasSize(1);
            String name = db.url().substring(db.url().lastIndexOf('/') + 1);
            try (Connection admin = DriverManager.getConnection(TestDb.PG_ADMIN_URL, TestDb.PG_USER, null);
                 Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                // Past the read cache's freshness bound (250 ms, docs/DOMAIN.md §6.14): within it a cached body may
                // still be served; after it every read asks the database for its version again.
                Thread.sleep(1_000);
                try {
                    assertAllUnavailable(app);
                } finally {
                    s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
                }
            }
            assertRecovered(app);
        }
    }

    @Test
    void sqliteWriteLockedElsewhereAndReleased() throws Exception {
        try (TestDb db = TestDb.sqlite().migrate();
             ApiApp app = ApiApp.start(db, ConfigOverride.config("database.url", db.url() + "?busy_timeout=300"))) {
            assertThat(app.post("/api/scans", scan()).getStatus()).isEqualTo(201);
            try (Connection other = DriverManager.getConnection(db.url());
                 Statement s = other.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                assertUnavailable(send(app, "POST", "/api/scans", scan()), "POST /api/scans");
                assertUnavailable(send(app, "PUT", "/api/assets/10.0.0.1/tag", "{\"category\": \"iot\"}"), "PUT tag");
                s.execute("ROLLBACK");
            }
            try (Response r = app.post("/api/scans", scan())) {
                assertThat(r.getStatus()).isEqualTo(201);
            }
            assertThat(app.getJson("/api/scans").get("total").asInt()).isEqualTo(2);
        }
    }

    /**
     * Plain JDK client: the Jersey test client (Apache HttpClient 5) honours Retry-After on a 503 and would retry
     * every request after 5 s, which is right for a client and only slow here.
     */
    private static HttpResponse<String> send(ApiApp app, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Authorization", "Bearer " + ApiApp.TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAllUnavailable(ApiApp app) throws Exception {
        for (String path : READS) {
            assertUnavailable(send(app, "GET", path, null), path);
        }
        assertUnavailable(send(app, "POST", "/api/scans", scan()), "POST /api/scans");
        assertUnavailable(send(app, "PUT", "/api/assets/10.0.0.1/tag", "{\"category\": \"iot\"}"), "PUT tag");
        HttpResponse<String> health = send(app, "GET", "/api/health", null);
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode h = Json.parseOrNull(health.body());
        assertThat(h.get("status").asText()).isEqualTo("degraded");
        assertThat(h.at("/database/status").asText()).isEqualTo("error: unreachable");
    }

    private static void assertUnavailable(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        assertThat(r.body()).isEqualTo("{\"error\":\"Database unavailable, try again shortly\",\"code\":503}");
    }

    private static void assertRecovered(ApiApp app) {
        assertThat(app.getJson("/api/data").get("assets")).hasSize(1);
        try (Response r = app.get("/api/health")) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        assertThat(app.post("/api/scans", scan()).getStatus()).isEqualTo(201);
    }
}
