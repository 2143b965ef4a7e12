package io.bigr.discovery.api;

import static io.bigr.discovery.testing.TestData.T0;
import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.db.DataVersionDao;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The data version and conditional, cached reads (docs/DOMAIN.md §6.14): tags, 304, a cached body that a write by
 * another process (a second Jdbi, as a CLI or another server would be) invalidates, errors never tagged, and on
 * PostgreSQL one bump per transaction and no deadlock between a long save and tag edits. Once per database by
 * {@link SqliteReadCacheIT} and {@link PostgresReadCacheIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReadCacheContract {
    private TestDb db;
    private ApiApp app;
    private Daos other;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() {
        db = newDatabase().migrate();
        other = db.independentDaos();
        other.store().save(scan("10.0.0.0/24", T0, asset("10.0.0.1", "aa:bb:cc:00:00:01", "web", "Dell",
                BigrCategory.UYGULAMALAR, 0.8, 80, 443)));
        app = ApiApp.start(db);
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    private long version() {
        return db.independentJdbi().onDemand(DataVersionDao.class).current();
    }

    @Test
    void aRepeatedReadIsTaggedAnswered304AndServedFromTheCacheUntilAnotherProcessWrites() {
        String etag;
        String first;
        try (Response r = app.get("/api/assets?sort=ip")) {
            assertThat(r.getStatus()).isEqualTo(200);
            etag = r.getHeaderString(HttpHeaders.ETAG);
            first = r.readEntity(String.class);
            assertThat(etag).matches("\"" + version() + "-\\d+\"");
            assertThat(r.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-cache");
        }
        try (Response r = app.request("/api/assets?sort=ip").header(HttpHeaders.IF_NONE_MATCH, etag).get()) {
            assertThat(r.getStatus()).isEqualTo(304);
            assertThat(r.readEntity(String.class)).isEmpty();
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isEqualTo(etag);
        }
        try (Response r = app.get("/api/assets?sort=ip")) {
            assertThat(r.readEntity(String.class)).isEqualTo(first);
        }

        long before = version();
        other.store().save(scan("10.0.0.0/24", T0.plusSeconds(3600), asset("10.0.0.2", "aa:bb:cc:00:00:02", "cam",
                "Hikvision", BigrCategory.IOT, 0.9, 554)));
        assertThat(version()).isGreaterThan(before);

        // Another process's write is seen once this server's last reading of the version is DataVersion.MAX_AGE
        // old (docs/DOMAIN.md §6.14); within that bound the old tag may still be answered.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        int status = 304;
        while (status == 304 && System.nanoTime() < deadline) {
            try (Response r = app.request("/api/assets?sort=ip").header(HttpHeaders.IF_NONE_MATCH, etag).get()) {
                status = r.getStatus();
                if (status == 200) {
                    assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNotEqualTo(etag);
                    assertThat(r.readEntity(String.class)).contains("10.0.0.2").isNotEqualTo(first);
                }
            }
            if (status == 304) {
                sleep(50);
            }
        }
        assertThat(status).isEqualTo(200);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWriteByThisServerOutsideHttpIsSeenByTheNextRead() {
        String before;
        try (Response r = app.get("/api/subnets")) {
            before = r.getHeaderString(HttpHeaders.ETAG);
            assertThat(r.readEntity(String.class)).doesNotContain("10.77.0.0/24");
        }
        // as the server's scheduler writes: through the server's own Jdbi, no request involved
        app.jdbi().useHandle(h -> h.createUpdate("INSERT INTO subnets (cidr, label) VALUES ('10.77.0.0/24', 'x')")
                .execute());
        try {
            try (Response r = app.request("/api/subnets").header(HttpHeaders.IF_NONE_MATCH, before).get()) {
                assertThat(r.getStatus()).isEqualTo(200);
                assertThat(r.readEntity(String.class)).contains("10.77.0.0/24");
            }
        } finally {
            app.jdbi().useHandle(h -> h.createUpdate("DELETE FROM subnets WHERE cidr = '10.77.0.0/24'").execute());
        }
    }

    @Test
    void gzipClientsGetTheSameBytesRenderedOrCached() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var plain = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/api/data")))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (int i = 0; i < 2; i++) { // the first is the rendering (compressed by Jetty), the second the cache's
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/api/data")))
                    .header(HttpHeaders.ACCEPT_ENCODING, "gzip").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).hasValue("gzip");
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(plain);
            }
        }
    }

    @Test
    void aCachedExportRepeatsItsRowCountAndFileName() {
        for (String route : List.of("/api/assets/export?format=csv", "/api/assets/export?format=jsonl&category=iot")) {
            String body;
            String count;
            String disposition;
            try (Response r = app.request(route).header(HttpHeaders.CACHE_CONTROL, "no-cache").get()) {
                body = r.readEntity(String.class);
                count = r.getHeaderString("X-Total-Count");
                disposition = r.getHeaderString("Content-Disposition");
            }
            assertThat(count).isNotNull();
            assertThat(disposition).contains("filename=");
            for (int i = 0; i < 2; i++) { // rendered once more or answered by the cache: the same answer
                try (Response r = app.get(route)) {
                    assertThat(r.readEntity(String.class)).isEqualTo(body);
                    assertThat(r.getHeaderString("X-Total-Count")).as(route).isEqualTo(count);
                    assertThat(r.getHeaderString("Content-Disposition")).isEqualTo(disposition);
                }
            }
        }
    }

    @Test
    void aClientsNoCacheIsRenderedAfresh() {
        app.get("/api/scans").close();
        java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
        app.jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
                statements.incrementAndGet();
            }
        });
        try {
            app.get("/api/scans").close();
            int cached = statements.getAndSet(0);
            app.request("/api/scans").header(HttpHeaders.CACHE_CONTROL, "no-cache").get().close();
            assertThat(statements.get()).isGreaterThan(cached);
        } finally {
            app.jdbi().setSqlLogger(org.jdbi.v3.core.statement.SqlLogger.NOP_SQL_LOGGER);
        }
    }

    @Test
    void aTagEditThroughTheApiChangesTheTagOfEveryReport() {
        String before;
        try (Response r = app.get("/api/compliance")) {
            before = r.getHeaderString(HttpHeaders.ETAG);
        }
        try (Response r = app.put("/api/assets/10.0.0.1/tag", Map.of("category", "iot", "note", "lab"))) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        try (Response r = app.request("/api/compliance").header(HttpHeaders.IF_NONE_MATCH, before).get()) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        app.delete("/api/assets/10.0.0.1/tag").close();
    }

    @Test
    void errorsAndHealthAreNeverTagged() {
        try (Response r = app.get("/api/assets/not-an-ip")) {
            assertThat(r.getStatus()).isBetween(400, 499);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNull();
        }
        try (Response r = app.get("/api/health")) {
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNull();
        }
    }

    @Test
    void everyWritingStatementOfATrackedTableBumpsTheVersion() {
        long v0 = version();
        other.subnets().add("10.9.0.0/24", "lab", null);
        long v1 = version();
        assertThat(v1).isGreaterThan(v0);
        other.subnets().remove("10.9.0.0/24");
        assertThat(version()).isGreaterThan(v1);
    }

    @Test
    void onPostgresOneTransactionBumpsOnceAndWritersDoNotDeadlock() throws Exception {
        if (db.dialect() != Dialect.POSTGRESQL) {
            // SQLite writers are serialised by the database; the row triggers bump per row there.
            long v0 = version();
            other.store().save(scan("10.1.0.0/24", T0.plusSeconds(7200), TestData.many(3).toArray(
                    io.bigr.discovery.core.Asset[]::new)));
            assertThat(version()).isGreaterThan(v0);
            return;
        }
        long v0 = version();
        other.store().save(scan("10.1.0.0/24", T0.plusSeconds(7200),
                TestData.many(50).toArray(io.bigr.discovery.core.Asset[]::new)));
        assertThat(version()).isEqualTo(v0 + 1);

        // A long save (another server) while tags are edited through the API: both finish, nothing deadlocks.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> saves = pool.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    other.store().save(scan("10.1.0.0/24", T0.plus(Duration.ofHours(3 + i)),
                            TestData.many(2000).toArray(io.bigr.discovery.core.Asset[]::new)));
                }
                return null;
            });
            Future<List<Integer>> tags = pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    try (Response r = app.put("/api/assets/10.0.0.1/tag", Map.of("category", "iot"))) {
                        statuses.add(r.getStatus());
                    }
                }
                return statuses;
            });
            saves.get(300, TimeUnit.SECONDS);
            assertThat(tags.get(300, TimeUnit.SECONDS)).allMatch(s -> s == 200);
        } finally {
            pool.shutdownNow();
        }
    }
}
