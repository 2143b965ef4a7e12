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
                try (Response r = app.post("/api/scans", scan())) {
                    assertUnavailable(r, "POST /api/scans");
                }
                try (Response r = app.put("/api/assets/10.0.0.1/tag", "{\"category\": \"iot\"}")) {
                    assertUnavailable(r, "PUT tag");
                }
                s.execute("ROLLBACK");
            }
            try (Response r = app.post("/api/scans", scan())) {
                assertThat(r.getStatus()).isEqualTo(201);
            }
            assertThat(app.getJson("/api/scans").get("total").asInt()).isEqualTo(2);
        }
    }

    private static void assertAllUnavailable(ApiApp app) {
        for (String path : READS) {
            try (Response r = app.get(path)) {
                assertUnavailable(r, path);
            }
        }
        try (Response r = app.post("/api/scans", scan())) {
            assertUnavailable(r, "POST /api/scans");
        }
        try (Response r = app.get("/api/health")) {
            assertThat(r.getStatus()).isEqualTo(503);
            JsonNode h = ApiApp.body(r);
            assertThat(h.get("status").asText()).isEqualTo("degraded");
            assertThat(h.at("/database/status").asText()).isEqualTo("error: unreachable");
        }
    }

    private static void assertUnavailable(Response r, String what) {
        String body = r.readEntity(String.class);
        assertThat(r.getStatus()).as(what + ": " + body).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(body).isEqualTo("{\"error\":\"Database unavailable, try again shortly\",\"code\":503}");
    }

    private static void assertRecovered(ApiApp app) {
        assertThat(app.getJson("/api/data").get("assets")).hasSize(1);
        try (Response r = app.get("/api/health")) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        assertThat(app.post("/api/scans", scan()).getStatus()).isEqualTo(201);
    }
}
