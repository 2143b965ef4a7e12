package io.bigr.discovery.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.auth.BearerTokenFilter;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh-ahead (docs/DOMAIN.md §6.14) on an in-memory Jersey with the token filter in front: a body a client read is
 * rendered again once per change of the data version, through the filters, and the client's next read is served
 * from what the warmer rendered; bodies not read lately or cheap to render are left to their next reader, and an
 * HTTP request cannot pass itself off as the warmer's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadWarmerTest {
    static final String TOKEN = "warm-token";
    static final AtomicLong VERSION = new AtomicLong(1);
    /** Renderings by scope (each test reads its own scopes: the warmer renders every recent body at a change). */
    static final java.util.Map<String, AtomicInteger> RENDERS = new java.util.concurrent.ConcurrentHashMap<>();
    static final ReadCache CACHE = new ReadCache(VERSION::get, Clock.systemUTC(), Runnable::run);
    static final ReadWarmer WARMER = new ReadWarmer(CACHE, Duration.ofMinutes(5), Duration.ZERO);

    /** A data route that names its rendering and echoes its query and the Accept it answered. */
    @Path("/data")
    public static class Counted {
        @GET
        @Produces({MediaType.APPLICATION_JSON, "text/csv"})
        public Response get(@QueryParam("scope") String scope, @jakarta.ws.rs.core.Context HttpHeaders headers) {
            int n = renders(scope).incrementAndGet();
            List<MediaType> accept = headers.getAcceptableMediaTypes();
            boolean csv = accept.size() == 1 && "csv".equals(accept.get(0).getSubtype());
            return Response.ok(csv ? "render," + n + "," + scope + "\n"
                    : "{\"render\": " + n + ", \"scope\": \"" + scope + "\"}",
                    csv ? MediaType.valueOf("text/csv") : MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** A real Jetty (Jersey's in-memory container never starts its listeners, so the warmer would get no handler). */
    static final DropwizardClientExtension API = new DropwizardClientExtension(new Counted(),
            new BearerTokenFilter(true, List.of(sha256(TOKEN))), CACHE, WARMER);
    private static jakarta.ws.rs.client.Client client;

    @org.junit.jupiter.api.BeforeAll
    static void client() {
        client = jakarta.ws.rs.client.ClientBuilder.newClient();
    }

    @org.junit.jupiter.api.AfterAll
    static void closeClient() {
        client.close();
    }

    private static jakarta.ws.rs.client.WebTarget target(String path) {
        return client.target(API.baseUri()).path(path);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static AtomicInteger renders(String scope) {
        return RENDERS.computeIfAbsent(String.valueOf(scope), k -> new AtomicInteger());
    }

    @BeforeEach
    void reset() {
        VERSION.incrementAndGet();
        WARMER.tick(); // whatever earlier tests read, warmed at this version: each test starts with nothing due
    }

    private String read(String query, String accept) {
        var request = target("data").queryParam("scope", query).request()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
        if (accept != null) {
            request = request.header(HttpHeaders.ACCEPT, accept);
        }
        try (Response r = request.get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            return r.readEntity(String.class);
        }
    }

    @Test
    void aBodyReadLatelyIsRenderedAgainOncePerChangeAndTheNextReadIsServedFromIt() {
        assertThat(read("once", null)).contains("\"render\": 1");
        assertThat(WARMER.tick()).as("nothing changed").isZero();

        VERSION.incrementAndGet();
        long kept = CACHE.kept();
        long before = WARMER.rendered();
        int warmed = WARMER.tick();
        assertThat(warmed).isPositive();
        assertThat(WARMER.rendered()).isEqualTo(before + warmed);
        assertThat(CACHE.kept()).isEqualTo(kept + warmed);
        assertThat(renders("once")).hasValue(2);
        assertThat(WARMER.tick()).as("once per change").isZero();

        assertThat(read("once", null)).as("the warmer's rendering, not a new one").contains("\"render\": 2");
        assertThat(renders("once")).hasValue(2);
    }

    @Test
    void theWarmerRepeatsTheQueryAndAcceptItWasReadWith() {
        assertThat(read("as-csv", "text/csv")).isEqualTo("render,1,as-csv\n");
        assertThat(read("as-json", MediaType.APPLICATION_JSON)).contains("\"render\": 1");
        VERSION.incrementAndGet();
        assertThat(WARMER.tick()).isGreaterThanOrEqualTo(2);
        assertThat(renders("as-csv")).hasValue(2);
        assertThat(renders("as-json")).hasValue(2);
        assertThat(read("as-csv", "text/csv")).isEqualTo("render,2,as-csv\n");
        assertThat(read("as-json", MediaType.APPLICATION_JSON)).contains("\"render\": 2");
        assertThat(renders("as-csv")).hasValue(2);
        assertThat(renders("as-json")).hasValue(2);
    }

    @Test
    void bodiesNotReadWithinTheWindowOrQuickToRenderAreNotDue() throws InterruptedException {
        read("window", null);
        VERSION.incrementAndGet();
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ofHours(1))).as("rendered in under an hour").isEmpty();
        VERSION.incrementAndGet();
        Thread.sleep(5);
        assertThat(CACHE.due(Duration.ofMillis(1), Duration.ZERO)).as("read longer ago than the window").isEmpty();
        VERSION.incrementAndGet();
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ZERO)).extracting(r -> r.query)
                .as("most recently read first").startsWith("scope=window");
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ZERO)).as("asked once per version").isEmpty();
    }

    @Test
    void anHttpRequestCannotPassAsTheWarmers() {
        try (Response r = target("data").queryParam("scope", "true").queryParam(ReadCache.WARMING, "true").request()
                .header(ReadCache.WARMING, "true").get()) {
            assertThat(r.getStatus()).isEqualTo(401);
        }
        assertThat(RENDERS).doesNotContainKey("true");
    }
}
