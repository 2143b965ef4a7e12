package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With {@code auth.required: true} no API route answers with data without a valid bearer token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthRequiredIT {
    static final List<String> READS = List.of("/api/data", "/api/data?subnet=10.0.0.0/24", "/api/scans",
            "/api/scans/x", "/api/assets/10.0.0.1", "/api/changes?limit=5", "/api/subnets", "/api/switches",
            "/api/certificates", "/api/assets/export?format=csv", "/api/no-such-route", "/api/topology",
            "/api/topology/subnet/10.0.0.0%2F24", "/api/compliance", "/api/analytics?days=7", "/api/risk",
            "/api/vulnerabilities", "/api/metrics", "/api/openapi.json/x");

    TestDb db;
    ApiApp app;

    @BeforeAll
    void start() {
        db = TestDb.sqlite().migrate();
        app = ApiApp.start(db, ConfigOverride.config("auth.required", "true"));
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
        db.close();
    }

    @Test
    void readsWithoutAValidTokenAre401() {
        for (String path : READS) {
            for (String header : new String[] {null, "Bearer nope", "bearer  ", "Token test-token"}) {
                var req = app.request(path);
                if (header != null) {
                    req = req.header("Authorization", header);
                }
                try (Response r = req.get()) {
                    String body = r.readEntity(String.class);
                    assertThat(r.getStatus()).as(path + " " + header).isEqualTo(401);
                    assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Bearer realm=\"bigr\"");
                    assertThat(body).startsWith("{\"error\":").contains("\"code\":401");
                }
            }
        }
    }

    @Test
    void readsWithTheTokenAnswer() {
        for (String path : READS) {
            try (Response r = app.authed(path).get()) {
                assertThat(r.getStatus()).as(path).isIn(200, 404);
            }
        }
        try (Response r = app.request("/api/data").header("Authorization", "bearer " + ApiApp.TOKEN).get()) {
            assertThat(r.getStatus()).as("scheme is case-insensitive").isEqualTo(200);
        }
    }

    @Test
    void healthPreflightAndDashboardStayOpen() {
        try (Response r = app.get("/api/health")) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        // The API's description and its UI describe routes, never data.
        for (String open : List.of("/api/openapi.json", "/api/openapi.yaml", "/api/docs/")) {
            try (Response r = app.get(open)) {
                assertThat(r.getStatus()).as(open).isEqualTo(200);
            }
        }
        try (Response r = app.request("/api/data").header("Origin", "https://front.example")
                .header("Access-Control-Request-Method", "GET").options()) {
            assertThat(r.getStatus()).isEqualTo(204);
            assertThat(r.getHeaderString("Access-Control-Allow-Origin")).isEqualTo("https://front.example");
        }
        try (Response r = app.get("/")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.readEntity(String.class)).contains("BİGR Discovery");
        }
    }
}
