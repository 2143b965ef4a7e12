package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.auth.TokenCommand;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped {@code config-local.yml} (admin on the API's own port): the admin endpoints need a write-enabled token
 * ({@code POST /admin/tasks/gc} without one was a 200); read-only tokens read but never write; an expired token is
 * refused. The config is the shipped file plus one {@code auth.tokens} entry (an expired token).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalConfigAuthIT {
    static final String READ_ONLY = "read-only-token";
    static final String EXPIRED = "expired-token";

    TestDb db;
    ApiApp app;
    Path config;

    @BeforeAll
    void start() throws Exception {
        db = TestDb.sqlite().migrate();
        String local = Files.readString(Path.of("config-local.yml"));
        String line = "  readOnlyTokenSha256: ${BIGR_API_READONLY_TOKEN_SHA256:-}\n";
        assertThat(local).contains(line);
        config = Files.createTempFile("config-local", ".yml");
        Files.writeString(config, local.replace(line, line + "  tokens:\n    - sha256: " + TokenCommand.digest(EXPIRED)
                + "\n      expires: 2020-01-01T00:00:00Z\n"));
        app = ApiApp.start(config.toString(), db,
                ConfigOverride.config("server.connector.port", "0"),
                ConfigOverride.config("auth.tokenSha256", TokenCommand.digest(ApiApp.TOKEN)),
                ConfigOverride.config("auth.readOnlyTokenSha256", TokenCommand.digest(READ_ONLY)));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        db.close();
        Files.deleteIfExists(config);
    }

    Response call(String method, String path, String token) {
        var request = app.request(path);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return method.equals("GET") ? request.get() : request.method(method, Entity.entity("",
                MediaType.APPLICATION_JSON_TYPE));
    }

    @Test
    void adminOnTheApiPortNeedsAWriteToken() {
        for (String[] call : new String[][] {{"POST", "/admin/tasks/gc"}, {"GET", "/admin/ping"},
            {"GET", "/admin/metrics"}, {"GET", "/admin/healthcheck"}, {"GET", "/admin/threads"}}) {
            try (Response r = call(call[0], call[1], null)) {
                assertThat(r.getStatus()).as(call[1]).isEqualTo(401);
                assertThat(Json.parseOrNull(r.readEntity(String.class)).get("code").asInt()).isEqualTo(401);
            }
            try (Response r = call(call[0], call[1], READ_ONLY)) {
                assertThat(r.getStatus()).as(call[1] + " read-only").isEqualTo(403);
            }
            try (Response r = call(call[0], call[1], EXPIRED)) {
                assertThat(r.getStatus()).as(call[1] + " expired").isEqualTo(401);
            }
        }
        try (Response r = call("POST", "/admin/tasks/gc", ApiApp.TOKEN)) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        try (Response r = call("GET", "/admin/ping", ApiApp.TOKEN)) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void readOnlyTokensReadButNeverWriteAndExpiredTokensAreRefused() {
        String subnet = "{\"cidr\": \"10.1.0.0/24\", \"label\": \"lab\"}";
        try (Response r = app.request("/api/subnets").header("Authorization", "Bearer " + READ_ONLY)
                .post(Entity.entity(subnet, MediaType.APPLICATION_JSON_TYPE))) {
            assertThat(r.getStatus()).isEqualTo(403);
            assertThat(Json.parseOrNull(r.readEntity(String.class)).get("error").asText()).contains("read-only");
        }
        try (Response r = app.request("/api/subnets").header("Authorization", "Bearer " + EXPIRED)
                .post(Entity.entity(subnet, MediaType.APPLICATION_JSON_TYPE))) {
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(r.getHeaderString("WWW-Authenticate")).contains("invalid_token");
        }
        assertThat(db.daos().subnets().all()).isEmpty();
        try (Response r = app.request("/api/subnets").header("Authorization", "Bearer " + ApiApp.TOKEN)
                .post(Entity.entity(subnet, MediaType.APPLICATION_JSON_TYPE))) {
            assertThat(r.getStatus()).isIn(200, 201);
        }
        try (Response r = call("GET", "/api/subnets", READ_ONLY)) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
    }
}
