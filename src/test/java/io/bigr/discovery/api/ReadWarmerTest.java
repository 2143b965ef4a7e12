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
    static final io.bigr.discovery.testing.MovableClock CLOCK = new io.bigr.discovery.testing.MovableClock(
            java.time.Instant.parse("2026-01-15T10:00:05Z"));
    static final ReadCache CACHE = new ReadCache(VERSION::get, CLOCK, Runnable::run);
    static final ReadWarmer WARMER = new ReadWarmer(CACHE, Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO);

    /** A data route that names its rendering and echoes its query and the Accept it answered. */
    @Path("/data")
    public static class Counted {
        @GET
        @Produces({MediaType.APPLICATION_JSON, "text/csv"})
        public Response get(@QueryParam("scope") String scope, @jakarta.ws.rs.core.Context HttpHeaders headers) {
            int n = renders(scope).incrementAndGet();
            if ("held".equals(scope)) {
                entered.countDown();
                try {
                    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<MediaType> accept = headers.getAcceptableMediaTypes();
            boolean csv = accept.size() == 1 && "csv".equals(accept.get(0).getSubtype());
            return Response.ok(csv ? "render," + n + "," + scope + "\n"
                    : "{\"render\": " + n + ", \"scope\": \"" + scope + "\"}",
                    csv ? MediaType.valueOf("text/csv") : MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** A real Jetty (Jersey's in-memory container never starts its listeners, so the warmer would get no handler). */
    static volatile java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    static volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

    /** A route of the clock-bound kind (its answers change with the minute as well as with the data). */
    @Path("/risk")
    public static class Clocked {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public String get() {
            return "{\"render\": " + renders("risk").incrementAndGet() + "}";
        }
    }

    static final DropwizardClientExtension API = new DropwizardClientExtension(new Counted(), new Clocked(),
            new BearerTokenFilter(true, List.of(sha256(TOKEN))), CACHE, WARMER);
    private static jakarta.ws.rs.client.Client client;

    private static java.util.concurrent.ScheduledExecutorService timer;

    @org.junit.jupiter.api.BeforeAll
    static void client() {
        client = jakarta.ws.rs.client.ClientBuilder.newClient();
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        WARMER.attach(timer); // the cache's refresh requests, without the ticks: the tests tick themselves
    }

    @org.junit.jupiter.api.AfterAll
    static void closeClient() {
        client.close();
        timer.shutdownNow();
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
    void aBodyNobodyReadSinceItWasRenderedAheadIsNotRenderedAgain() {
        read("unread", null);
        VERSION.incrementAndGet();
        WARMER.tick();
        assertThat(renders("unread")).hasValue(2);
        VERSION.incrementAndGet();
        WARMER.tick();
        assertThat(renders("unread")).as("changed again, but nobody read it since").hasValue(2);
        assertThat(read("unread", null)).as("its reader renders").contains("\"render\": 3");
        VERSION.incrementAndGet();
        WARMER.tick();
        assertThat(renders("unread")).as("read since: rendered ahead again").hasValue(4);
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
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ZERO))
                .as("rendered in under an hour").isEmpty();
        VERSION.incrementAndGet();
        Thread.sleep(5);
        assertThat(CACHE.due(Duration.ofMillis(1), Duration.ZERO, Duration.ZERO))
                .as("read longer ago than the window").isEmpty();
        VERSION.incrementAndGet();
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO)).extracting(r -> r.query)
                .as("most recently read first").startsWith("scope=window");
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO))
                .as("asked once per version").isEmpty();
    }

    private String readRisk() {
        try (Response r = target("risk").request().header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            return r.readEntity(String.class);
        }
    }

    @Test
    void whenOnlyTheMinuteMovedEveryReaderGetsTheLastMinutesBodyWhileTheServerRendersThisMinutes() throws Exception {
        int start = renders("risk").get();
        assertThat(readRisk()).isEqualTo("{\"render\": " + (start + 1) + "}");
        CLOCK.advance(java.time.Duration.ofSeconds(60));
        assertThat(readRisk()).as("the first reader of the new minute is not kept waiting")
                .isEqualTo("{\"render\": " + (start + 1) + "}");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!readRisk().equals("{\"render\": " + (start + 2) + "}") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readRisk()).as("rendered by the server").isEqualTo("{\"render\": " + (start + 2) + "}");
        assertThat(renders("risk")).hasValue(start + 2);

        CLOCK.advance(java.time.Duration.ofSeconds(120));
        assertThat(readRisk()).as("a body two minutes old is never served: the reader renders")
                .isEqualTo("{\"render\": " + (start + 3) + "}");
    }

    @Test
    void nothingIsRenderedAheadUntilTheVersionHeldForTheSettleTimeAndNoClientIsRendering() throws Exception {
        read("settle", null);
        VERSION.incrementAndGet();
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(1))).as("just changed").isEmpty();

        entered = new java.util.concurrent.CountDownLatch(1);
        gate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<String> client = pool.submit(() -> read("held", null));
            assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO))
                    .as("a client is rendering").isEmpty();
            gate.countDown();
            client.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
        assertThat(CACHE.due(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO)).extracting(r -> r.query)
                .contains("scope=settle");
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
