package io.bigr.discovery.api;

import static io.bigr.discovery.testing.TestData.T0;
import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Refresh-ahead in the running server (docs/DOMAIN.md §6.14), reads behind a token: a whole-inventory body a client
 * read is rendered again by the server after another process (a CLI scan, a second server) writes, and the client's
 * next read is answered with that rendering, showing the new data. Once per database by {@link SqliteReadWarmIT} and
 * {@link PostgresReadWarmIT}. Its own server, with every body counted as slow: the shared app tests run without
 * the warmer ({@code api-test.yml}), since its background renderings would blur their statement counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReadWarmContract {
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
        app = ApiApp.start(db, ConfigOverride.config("auth.required", "true"),
                ConfigOverride.config("readCache.warm", "true"),
                ConfigOverride.config("readCache.warmSlowerThan", "0ms"));
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    private ReadCache cache() {
        return app.registered(ReadCache.class);
    }

    private String read(String path) {
        try (Response r = app.authed(path).get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            return r.readEntity(String.class);
        }
    }

    private static void awaitAbove(LongSupplier value, long floor, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (value.getAsLong() <= floor && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(value.getAsLong()).as(what).isGreaterThan(floor);
    }

    @Test
    void aBodyReadBeforeAnotherProcessWritesIsRenderedAheadAndServedToTheNextRead() throws Exception {
        ReadCache cache = cache();
        String route = "/api/data?scope=inventory";
        assertThat(read(route)).contains("10.0.0.1").doesNotContain("10.0.0.77");
        long renders = cache.rendersOf("data?scope=inventory");
        assertThat(renders).isEqualTo(1);

        other.store().save(scan("10.0.0.0/24", T0.plusSeconds(3600), asset("10.0.0.77", "aa:bb:cc:00:00:77", "cam",
                "Hikvision", BigrCategory.IOT, 0.9, 554)));
        awaitAbove(() -> cache.rendersOf("data?scope=inventory"), renders, "rendered ahead by the server");

        assertThat(read(route)).as("the new data").contains("10.0.0.77");
        assertThat(cache.rendersOf("data?scope=inventory")).as("served from the rendering ahead").isEqualTo(2);
    }
}
