package io.bigr.discovery.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.BigrApplication;
import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Dialect;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The running application for API tests: {@code api-test.yml} (ephemeral port) pointed at a {@link TestDb}, started
 * and stopped explicitly so that a test class can create its database first. One fixture helper for every app test.
 */
public final class ApiApp implements AutoCloseable {
    public static final String TOKEN = "test-token";
    public static final String CONFIG = ResourceHelpers.resourceFilePath("api-test.yml");

    private final DropwizardAppExtension<BigrConfiguration> app;

    private ApiApp(DropwizardAppExtension<BigrConfiguration> app) {
        this.app = app;
    }

    public static ApiApp start(TestDb db, ConfigOverride... extra) {
        return start(CONFIG, db, extra);
    }

    public static ApiApp start(String config, TestDb db, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>();
        overrides.add(ConfigOverride.config("database.url", db.url()));
        if (db.dialect() == Dialect.POSTGRESQL) {
            overrides.add(ConfigOverride.config("database.user", TestDb.PG_USER));
        }
        overrides.addAll(List.of(extra));
        DropwizardAppExtension<BigrConfiguration> app = new DropwizardAppExtension<>(BigrApplication.class, config,
                overrides.toArray(ConfigOverride[]::new));
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("application did not start", e);
        }
        // The extension's client gives up after 500 ms; exports of many rows and first health probes take longer.
        app.client().property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT, 120_000);
        return new ApiApp(app);
    }

    public int port() {
        return app.getLocalPort();
    }

    public int adminPort() {
        return app.getAdminPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The running application's environment (Jersey's registered resources, metrics). */
    public io.dropwizard.core.setup.Environment environment() {
        return app.getEnvironment();
    }

    /** The instance of {@code type} registered with the application's Jersey (a filter, a resource). */
    public <T> T registered(Class<T> type) {
        return app.getEnvironment().jersey().getResourceConfig().getInstances().stream().filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }

    public Jdbi jdbi() {
        return ((BigrApplication) app.getApplication()).jdbi();
    }

    /** A request to {@code path} (which may carry a query string), no token. */
    public Invocation.Builder request(String path) {
        return app.client().target(url(path)).request();
    }

    public Invocation.Builder authed(String path) {
        return request(path).header("Authorization", "Bearer " + TOKEN);
    }

    public Response get(String path) {
        return request(path).get();
    }

    public Response post(String path, Object json) {
        return authed(path).post(Entity.entity(json instanceof String s ? s : Json.write(json),
                MediaType.APPLICATION_JSON_TYPE));
    }

    public Response put(String path, Object json) {
        return authed(path).put(Entity.entity(json instanceof String s ? s : Json.write(json),
                MediaType.APPLICATION_JSON_TYPE));
    }

    public Response delete(String path) {
        return authed(path).delete();
    }

    /** GET, expecting 200, parsed. */
    public JsonNode getJson(String path) {
        try (Response r = get(path)) {
            String body = r.readEntity(String.class);
            if (r.getStatus() != 200) {
                throw new AssertionError("GET " + path + " -> " + r.getStatus() + ": " + body);
            }
            return Json.parseOrNull(body);
        }
    }

    /**
     * The SQL statements each GET of {@code routes} runs, rendered afresh ({@code Cache-Control: no-cache}, so the
     * read cache of docs/DOMAIN.md §6.14 does not answer): the data-version read plus the route's own statements.
     */
    public java.util.Map<String, Integer> countStatements(java.util.List<String> routes) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
                // the read cache's data-version check runs only when its last answer has aged (docs/DOMAIN.md
                // §6.14): not a statement of the route
                if (!context.getRawSql().contains("FROM data_version")) {
                    n.incrementAndGet();
                }
            }
        });
        try {
            java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            for (String route : routes) {
                n.set(0);
                try (Response r = request(route).header("Cache-Control", "no-cache").get()) {
                    String body = r.readEntity(String.class);
                    if (r.getStatus() != 200) {
                        throw new AssertionError("GET " + route + " -> " + r.getStatus() + ": " + body);
                    }
                }
                counts.put(route, n.get());
            }
            return counts;
        } finally {
            jdbi().setSqlLogger(org.jdbi.v3.core.statement.SqlLogger.NOP_SQL_LOGGER);
        }
    }

    public static JsonNode body(Response r) {
        return Json.parseOrNull(r.readEntity(String.class));
    }

    @Override
    public void close() {
        app.after();
    }
}
