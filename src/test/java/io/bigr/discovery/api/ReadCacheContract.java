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

        try (Response r = app.request("/api/assets?sort=ip").header(HttpHeaders.IF_NONE_MATCH, etag).get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNotEqualTo(etag);
            assertThat(r.readEntity(String.class)).contains("10.0.0.2").isNotEqualTo(first);
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
