package io.bigr.discovery.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read cache's own rules (docs/DOMAIN.md §6.14) on an in-memory Jersey with a route that counts its renderings,
 * a data version and a clock the test moves: one rendering per version and minute, concurrent misses wait for the
 * one rendering, the last minute's body while this minute's renders, gzip once, and which requests bypass it. The
 * database side (triggers, another process's writes) is {@link ReadCacheContract}'s.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadCacheTest {
    static final AtomicLong VERSION = new AtomicLong(1);
    static final io.bigr.discovery.testing.MovableClock CLOCK = new io.bigr.discovery.testing.MovableClock(
            Instant.parse("2026-01-15T10:00:05Z"));
    static final AtomicInteger RENDERS = new AtomicInteger();
    static volatile CountDownLatch entered;
    static volatile CountDownLatch gate;

    /** A data route whose body names its rendering; it can be held inside a rendering by the test. */
    @Path("/risk")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Counted {
        @GET
        public String get() throws InterruptedException {
            int n = RENDERS.incrementAndGet();
            CountDownLatch in = entered;
            CountDownLatch hold = gate;
            if (in != null) {
                in.countDown();
            }
            if (hold != null) {
                hold.await(30, TimeUnit.SECONDS);
            }
            return "{\"render\": " + n + ", \"pad\": \"" + "abc".repeat(1000) + "\"}";
        }
    }

    /** A data route whose body is larger than a cache entry may be as it is (a whole inventory). */
    @Path("/data")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Large {
        @GET
        public jakarta.ws.rs.core.StreamingOutput get() {
            int n = RENDERS.incrementAndGet();
            return out -> {
                out.write(("{\"render\": " + n + ", \"assets\": [").getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < LARGE_ROWS; i++) {
                    out.write(("{\"ip\": \"10.0." + (i >> 8 & 255) + "." + (i & 255) + "\", \"row\": " + i
                            + ", \"vendor\": \"Hikvision Digital Technology\"},").getBytes(StandardCharsets.UTF_8));
                }
                out.write("{}]}".getBytes(StandardCharsets.UTF_8));
            };
        }
    }

    /** Rows of {@link Large}: about 11 MB, past the 8 MB a body is kept as it is. */
    static final int LARGE_ROWS = 150_000;

    static final ReadCache CACHE = new ReadCache(VERSION::get, CLOCK, Runnable::run);
    static final ResourceExtension API = ResourceExtension.builder()
            .addResource(new Counted())
            .addResource(new Large())
            .addProvider(CACHE)
            .build();

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void reset() {
        VERSION.incrementAndGet(); // a version no earlier test cached
        RENDERS.set(0);
        entered = null;
        gate = null;
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        gate = null;
    }

    private Response get(String... headers) {
        var request = API.target("/risk").request();
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.get();
    }

    private String body(String... headers) {
        try (Response r = get(headers)) {
            assertThat(r.getStatus()).isEqualTo(200);
            return r.readEntity(String.class);
        }
    }

    private static int render(String body) {
        return Integer.parseInt(body.replaceAll("(?s).*\"render\": (\\d+).*", "$1"));
    }

    @Test
    void oneRenderingPerVersionAndMinute() {
        assertThat(render(body())).isEqualTo(1);
        assertThat(render(body())).isEqualTo(1);
        VERSION.incrementAndGet();
        assertThat(render(body())).isEqualTo(2);
        assertThat(render(body(HttpHeaders.CACHE_CONTROL, "no-cache"))).isEqualTo(3);
        assertThat(render(body())).as("the fresh rendering is kept").isEqualTo(3);
        assertThat(RENDERS.get()).isEqualTo(3);
    }

    /** A fresh rendering that is the first read of a new version is kept too (the version is adopted first). */
    @Test
    void aFreshRenderingFirstInANewVersionIsKept() {
        assertThat(render(body(HttpHeaders.CACHE_CONTROL, "no-cache"))).isEqualTo(1);
        assertThat(render(body())).as("kept").isEqualTo(1);
        assertThat(RENDERS.get()).isEqualTo(1);
    }

    @Test
    void concurrentMissesWaitForTheOneRendering() throws Exception {
        entered = new CountDownLatch(1);
        held = new CountDownLatch(1);
        gate = held;
        Future<String> first = pool.submit(() -> body());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        gate = null;
        entered = null;
        Future<String> second = pool.submit(() -> body());
        Future<String> third = pool.submit(() -> body());
        Thread.sleep(300);
        assertThat(second.isDone()).as("waits for the rendering under way").isFalse();
        held.countDown();
        assertThat(render(first.get(10, TimeUnit.SECONDS))).isEqualTo(1);
        assertThat(render(second.get(10, TimeUnit.SECONDS))).isEqualTo(1);
        assertThat(render(third.get(10, TimeUnit.SECONDS))).isEqualTo(1);
        assertThat(RENDERS.get()).isEqualTo(1);
    }

    private CountDownLatch held;

    @Test
    void whenOnlyTheMinuteMovedTheLastMinutesBodyIsServedWhileOneRequestRendersThisMinutes() throws Exception {
        String before;
        String oldTag;
        try (Response r = get()) {
            before = r.readEntity(String.class);
            oldTag = r.getHeaderString(HttpHeaders.ETAG);
        }
        CLOCK.advance(java.time.Duration.ofSeconds(60));
        entered = new CountDownLatch(1);
        held = new CountDownLatch(1);
        gate = held;
        Future<Response> renderer = pool.submit(() -> get());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        gate = null;
        entered = null;
        try (Response r = get()) {
            assertThat(r.readEntity(String.class)).isEqualTo(before);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isEqualTo(oldTag);
        }
        held.countDown();
        try (Response r = renderer.get(10, TimeUnit.SECONDS)) {
            assertThat(render(r.readEntity(String.class))).isEqualTo(2);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNotEqualTo(oldTag);
        }
        assertThat(render(body())).isEqualTo(2);
        CLOCK.advance(java.time.Duration.ofSeconds(180));
        assertThat(render(body())).as("a body minutes old is rendered again before it is served").isEqualTo(3);
    }

    @Test
    void gzipClientsGetTheCachedBodyCompressedOnce() throws IOException {
        String plain = body();
        try (Response r = get(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate")) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
            assertThat(r.getHeaderString(HttpHeaders.VARY)).contains(HttpHeaders.ACCEPT_ENCODING);
            byte[] z = r.readEntity(byte[].class);
            assertThat(z.length).isLessThan(plain.length() / 4);
            assertThat(r.getLength()).isEqualTo(z.length);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(z))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
            }
        }
        try (Response r = get(HttpHeaders.ACCEPT_ENCODING, "gzip;q=0, identity")) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isNull();
            assertThat(r.readEntity(String.class)).isEqualTo(plain);
        }
        assertThat(RENDERS.get()).isEqualTo(1);
    }

    /**
     * A body past {@link ReadCache#MAX_ENTRY_BYTES} is kept compressed: repeated reads do not render it again, gzip
     * clients get the kept bytes, others the same body inflated.
     */
    @Test
    void aBodyLargerThanAnEntryIsKeptCompressed() throws IOException {
        String first;
        try (Response r = API.target("/data").request().get()) {
            first = r.readEntity(String.class);
        }
        assertThat((long) first.length()).isGreaterThan(ReadCache.MAX_ENTRY_BYTES);
        try (Response r = API.target("/data").request().get()) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isNull();
            assertThat(r.readEntity(String.class)).isEqualTo(first);
        }
        try (Response r = API.target("/data").request().header(HttpHeaders.ACCEPT_ENCODING, "gzip").get()) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
            byte[] z = r.readEntity(byte[].class);
            assertThat((long) z.length).isLessThan(ReadCache.MAX_PACKED_BYTES);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(z))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(first);
            }
        }
        assertThat(RENDERS.get()).isEqualTo(1);
        assertThat(first).startsWith("{\"render\": 1,").endsWith("{}]}");
    }

    /**
     * A gzip client's rendering of a body past an entry is sent as the packer's gzip (one compression, kept as it is
     * sent): the response is gzip from its first byte, inflates to the identity body, and later reads of either kind
     * are answered from the cache.
     */
    @Test
    void aLargeBodyRenderedForAGzipClientIsCompressedOnceAndKept() throws IOException {
        byte[] z;
        try (Response r = API.target("/data").request().header(HttpHeaders.ACCEPT_ENCODING, "gzip").get()) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
            assertThat(r.getHeaderString(HttpHeaders.VARY)).contains(HttpHeaders.ACCEPT_ENCODING);
            z = r.readEntity(byte[].class);
        }
        String inflated;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(z))) {
            inflated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat((long) inflated.length()).isGreaterThan(ReadCache.MAX_ENTRY_BYTES);
        assertThat(inflated).startsWith("{\"render\": 1,").endsWith("{}]}");
        try (Response r = API.target("/data").request().get()) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isNull();
            assertThat(r.readEntity(String.class)).isEqualTo(inflated);
        }
        try (Response r = API.target("/data").request().header(HttpHeaders.ACCEPT_ENCODING, "gzip").get()) {
            assertThat(r.readEntity(byte[].class)).isEqualTo(z);
        }
        assertThat(RENDERS.get()).isEqualTo(1);
    }

    /**
     * A fresh rendering for a client that does not take gzip is sent whole but, past an entry, not compressed to be
     * kept: the next ordinary read renders it (and keeps it). A fresh rendering for a gzip client is the cache's own
     * gzip and is kept.
     */
    @Test
    void aFreshLargeBodyForAnIdentityClientIsSentButNotKept() throws Exception {
        packersDone();
        long kept = CACHE.kept();
        String fresh;
        try (Response r = API.target("/data").request().header(HttpHeaders.CACHE_CONTROL, "no-cache").get()) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isNull();
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNotNull();
            fresh = r.readEntity(String.class);
        }
        assertThat((long) fresh.length()).isGreaterThan(ReadCache.MAX_ENTRY_BYTES);
        assertThat(fresh).startsWith("{\"render\": 1,").endsWith("{}]}");
        packersDone(); // a packer keeps its body on its own thread, after the response
        assertThat(CACHE.kept()).as("nothing kept").isEqualTo(kept);
        try (Response r = API.target("/data").request().get()) {
            assertThat(r.readEntity(String.class)).as("rendered again").startsWith("{\"render\": 2,");
        }
        try (Response r = API.target("/data").request().get()) {
            assertThat(r.readEntity(String.class)).as("the ordinary read's body is kept").startsWith("{\"render\": 2,");
        }
        try (Response r = API.target("/data").request().header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").get()) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.readEntity(byte[].class)))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("{\"render\": 3,");
            }
        }
        try (Response r = API.target("/data").request().get()) {
            assertThat(r.readEntity(String.class)).as("the gzip client's fresh body is kept").startsWith("{\"render\": 3,");
        }
        assertThat(RENDERS.get()).isEqualTo(3);
    }

    /** Waits (bounded) until no packer thread runs: whatever a packer keeps is kept by then. */
    private static void packersDone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("bigr-read-cache-pack"))) {
            assertThat(System.nanoTime()).as("packer threads end").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** A gzip client's rendering that fits an entry is passed on as it is (the server's gzip handler's to compress). */
    @Test
    void aSmallBodyRenderedForAGzipClientIsPassedOnAsItIs() {
        String plain;
        try (Response r = get(HttpHeaders.ACCEPT_ENCODING, "gzip")) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_ENCODING)).isNull();
            plain = r.readEntity(String.class);
        }
        assertThat(plain).startsWith("{\"render\": 1,").endsWith("\"}");
        assertThat(RENDERS.get()).isEqualTo(1);
    }

    /**
     * A packer that sends the response: the client gets the whole body as one gzip stream even past what is kept;
     * a client that fails does not hold the writer, and its failure comes back; after the route fails, the client
     * never gets a complete gzip stream (which would pass for a whole body).
     */
    @Test
    void aPackerSendingTheResponseSendsAllOfItOrFailsVisibly() throws Exception {
        byte[] body = new byte[40 * ReadCache.Packer.CHUNK + 5];
        java.util.Random random = new java.util.Random(11);
        random.nextBytes(body); // incompressible: past a 64 KiB bound of kept gzip
        java.io.ByteArrayOutputStream client = new java.io.ByteArrayOutputStream();
        ReadCache.Packer sent = ReadCache.Packer.start(java.util.Arrays.copyOf(body, 1000), 64 * 1024, client);
        sent.write(body, 1000, body.length - 1000);
        assertThat(sent.end().get(10, TimeUnit.SECONDS)).as("too big to keep").isNull();
        sent.clientFailed();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(client.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }

        java.io.OutputStream gone = new java.io.OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 100_000) {
                    throw new IOException("client went away");
                }
            }
        };
        ReadCache.Packer failing = ReadCache.Packer.start(new byte[0], ReadCache.MAX_PACKED_BYTES, gone);
        for (int i = 0; i < 100; i++) { // 6.4 MB: far past the queue, so the writer would wait on a stuck packer
            failing.write(body, 0, ReadCache.Packer.CHUNK);
        }
        assertThat(failing.end().get(10, TimeUnit.SECONDS)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(failing::clientFailed)
                .isInstanceOf(IOException.class).hasMessage("client went away");

        java.io.ByteArrayOutputStream cut = new java.io.ByteArrayOutputStream();
        ReadCache.Packer aborted = ReadCache.Packer.start(java.util.Arrays.copyOf(body, 1000), 64 * 1024, cut);
        aborted.abort();
        assertThat(aborted.end().get(10, TimeUnit.SECONDS)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(cut.toByteArray()))) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aMatchingTagIs304WithoutRendering() {
        String tag;
        try (Response r = get()) {
            tag = r.getHeaderString(HttpHeaders.ETAG);
        }
        try (Response r = get(HttpHeaders.IF_NONE_MATCH, tag)) {
            assertThat(r.getStatus()).isEqualTo(304);
        }
        assertThat(RENDERS.get()).isEqualTo(1);
    }

    @Test
    void acceptEncodingIsReadAsRfc9110Says() {
        assertThat(ReadCache.acceptsGzip("gzip")).isTrue();
        assertThat(ReadCache.acceptsGzip("deflate, gzip;q=0.5")).isTrue();
        assertThat(ReadCache.acceptsGzip("*")).isTrue();
        assertThat(ReadCache.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ReadCache.acceptsGzip("br, identity")).isFalse();
        assertThat(ReadCache.acceptsGzip(null)).isFalse();
    }

    /**
     * The packer compresses what the route writes on its own thread: the bytes come back whole once ended, nothing
     * when they outgrow the bound or the route gives up, and in neither case does the writer wait for it.
     */
    @Test
    void thePackerKeepsWholeBodiesAndNothingElse() throws Exception {
        byte[] body = new byte[3 * ReadCache.Packer.CHUNK + 123];
        new java.util.Random(7).nextBytes(body);
        for (int i = 0; i < body.length; i += 3) {
            body[i] = 'a'; // compressible, not trivially
        }
        ReadCache.Packer kept = ReadCache.Packer.start(java.util.Arrays.copyOf(body, 1000));
        for (int off = 1000; off < body.length; off += 777) {
            kept.write(body, off, Math.min(777, body.length - off));
        }
        byte[] z = kept.end().get(10, java.util.concurrent.TimeUnit.SECONDS);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(z))) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }

        ReadCache.Packer tooBig = ReadCache.Packer.start(new byte[0], 1024);
        for (int i = 0; i < 200; i++) { // 200 x 64 KiB of random bytes: far past 1 KiB of gzip, and past the queue
            byte[] noise = new byte[ReadCache.Packer.CHUNK];
            new java.util.Random(i).nextBytes(noise);
            tooBig.write(noise, 0, noise.length);
        }
        assertThat(tooBig.overflowed).isTrue();
        assertThat(tooBig.end().get(10, java.util.concurrent.TimeUnit.SECONDS)).isNull();

        ReadCache.Packer abandoned = ReadCache.Packer.start(body);
        abandoned.write(body, 0, body.length);
        abandoned.abort();
        assertThat(abandoned.end().get(10, java.util.concurrent.TimeUnit.SECONDS)).isNull();
    }

    /**
     * A route that depends on the data alone keeps its tag and kept body while the clock moves on, so a polling
     * client gets 304 until the data changes; a clock-bound one (risk) has a new tag each minute.
     */
    @Test
    void dataOnlyRoutesKeepTheirTagAcrossMinutes() {
        String dataTag;
        try (Response r = API.target("/data").request().get()) {
            r.readEntity(String.class);
            dataTag = r.getHeaderString(HttpHeaders.ETAG);
        }
        String riskTag;
        try (Response r = get()) {
            riskTag = r.getHeaderString(HttpHeaders.ETAG);
        }
        CLOCK.advance(java.time.Duration.ofHours(1));
        try (Response r = API.target("/data").request().header(HttpHeaders.IF_NONE_MATCH, dataTag).get()) {
            assertThat(r.getStatus()).isEqualTo(304);
        }
        try (Response r = API.target("/data").request().get()) {
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isEqualTo(dataTag);
            assertThat(render(r.readEntity(String.class))).isEqualTo(1);
        }
        try (Response r = get(HttpHeaders.IF_NONE_MATCH, riskTag)) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNotEqualTo(riskTag);
        }
        VERSION.incrementAndGet();
        try (Response r = API.target("/data").request().header(HttpHeaders.IF_NONE_MATCH, dataTag).get()) {
            assertThat(r.getStatus()).as("a data change ends the tag").isEqualTo(200);
            assertThat(render(r.readEntity(String.class))).isEqualTo(4); // data, risk twice, data again
        }
    }
}
