package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped {@code config.yml}: admin endpoints only on the loopback admin connector, never on the application
 * port; reads need a token ({@code auth.required: true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionConfigIT {
    TestDb db;
    ApiApp app;

    @BeforeAll
    void start() {
        db = TestDb.sqlite().migrate();
        app = ApiApp.start(Path.of("config.yml").toAbsolutePath().toString(), db,
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.applicationConnectors[0].bindHost", "127.0.0.1"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("auth.tokenSha256", "4c5dc9b7708905f77f5e5d16316b5dfb425e68cb326dcd55a860e90a7707031e"));
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
        db.close();
    }

    @Test
    void adminIsNotServedOnTheApplicationPort() {
        for (String path : new String[] {"/admin/ping", "/admin/healthcheck", "/admin/metrics", "/admin/tasks/gc",
            "/ping", "/healthcheck", "/metrics"}) {
            try (Response r = app.get(path)) {
                assertThat(r.getStatus()).as(path).isEqualTo(404);
            }
        }
        var admin = ClientBuilder.newClient().target("http://127.0.0.1:" + app.adminPort());
        try (Response r = admin.path("/ping").request().get()) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        try (Response r = admin.path("/healthcheck").request().get()) {
            JsonNode checks = ApiApp.body(r);
            assertThat(checks.at("/database-schema/healthy").asBoolean()).as(checks.toString()).isTrue();
            assertThat(checks.at("/database-schema/pending_migrations").asInt()).isZero();
        }
    }

    @Test
    void readsNeedATokenWithTheProductionConfig() {
        try (Response r = app.get("/api/data")) {
            assertThat(r.getStatus()).isEqualTo(401);
        }
        try (Response r = app.authed("/api/data").get()) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
    }
}
