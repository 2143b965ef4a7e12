package io.bigr.discovery.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Prometheus scrapes of the running application after scans posted through the API: the inventory's series match
 * what was saved (assets by category and status, change rows by type, scans and their durations), Dropwizard's HTTP
 * and database-pool metrics are there, the API route needs a token even though reads are open, and the admin port
 * serves the same exposition. Every scrape is parsed strictly as text format 0.0.4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PrometheusMetricsContract {
    TestDb db;
    ApiApp app;

    abstract Dialect dialect();

    @BeforeAll
    void start() {
        db = TestDb.create(dialect()).migrate();
        app = ApiApp.start(db);
        // Scan 1 (300 s): a router and a camera. Scan 2 (40 s): the camera again with a new port, and a phone.
        var first = TestData.scan("10.0.0.0/24", TestData.T0,
                TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01", "gw", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22),
                TestData.asset("10.0.0.7", "aa:bb:cc:dd:ee:07", "cam", "Hikvision", BigrCategory.IOT, 0.8, 554));
        var secondStart = TestData.T0.plus(Duration.ofHours(1));
        var second = new io.bigr.discovery.core.ScanResult("10.0.0.0/24", io.bigr.discovery.core.ScanMethod.ACTIVE,
                secondStart, secondStart.plusSeconds(40), false, java.util.List.of(
                TestData.asset("10.0.0.7", "aa:bb:cc:dd:ee:07", "cam", "Hikvision", BigrCategory.IOT, 0.8, 554, 80),
                TestData.asset("10.0.0.9", "aa:bb:cc:dd:ee:09", "phone", "Apple", BigrCategory.TASINABILIR, 0.7)));
        for (var scan : java.util.List.of(first, second)) {
            try (Response r = app.post("/api/scans", ScanResultJson.toJson(scan))) {
                assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(201);
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private PrometheusText scrape() {
        try (Response r = app.authed("/api/metrics").header("Accept",
                "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1").get()) {
            String body = r.readEntity(String.class);
            assertThat(r.getStatus()).as(body).isEqualTo(200);
            assertThat(r.getHeaderString("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
            return PrometheusText.parse(body);
        }
    }

    @Test
    void inventorySeriesCountWhatWasSaved() {
        PrometheusText m = scrape();
        assertThat(m.value("bigr_inventory_up")).isEqualTo(1.0);
        assertThat(m.types()).containsEntry("bigr_assets", "gauge").containsEntry("bigr_changes_total", "counter")
                .containsEntry("bigr_scan_duration_seconds", "histogram");
        assertThat(m.value("bigr_assets{category=\"ag_ve_sistemler\",status=\"online\"}")).isEqualTo(1.0);
        assertThat(m.value("bigr_assets{category=\"iot\",status=\"online\"}")).isEqualTo(1.0);
        assertThat(m.value("bigr_assets{category=\"tasinabilir\",status=\"online\"}")).isEqualTo(1.0);
        assertThat(m.value("bigr_changes_total{type=\"new_asset\"}")).isEqualTo(3.0);
        assertThat(m.value("bigr_changes_total{type=\"port_opened\"}")).isEqualTo(1.0);
        assertThat(m.value("bigr_scans{status=\"completed\"}")).isEqualTo(2.0);
        assertThat(m.value("bigr_scan_duration_seconds_count")).isEqualTo(2.0);
        assertThat(m.value("bigr_scan_duration_seconds_sum")).isEqualTo(340.0);
        assertThat(m.value("bigr_scan_duration_seconds_bucket{le=\"30.0\"}")).isEqualTo(0.0);
        assertThat(m.value("bigr_scan_duration_seconds_bucket{le=\"60.0\"}")).isEqualTo(1.0);
        assertThat(m.value("bigr_scan_duration_seconds_bucket{le=\"300.0\"}")).isEqualTo(2.0);
        assertThat(m.value("bigr_scan_duration_seconds_bucket{le=\"+Inf\"}")).isEqualTo(2.0);
    }

    @Test
    void aManualTagMovesTheAssetToItsCategory() {
        try (Response r = app.put("/api/assets/10.0.0.9/tag", java.util.Map.of("category", "iot"))) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        try {
            PrometheusText m = scrape();
            assertThat(m.value("bigr_assets{category=\"iot\",status=\"online\"}")).isEqualTo(2.0);
            assertThat(m.samples()).doesNotContainKey("bigr_assets{category=\"tasinabilir\",status=\"online\"}");
        } finally {
            app.delete("/api/assets/10.0.0.9/tag").close();
        }
    }

    @Test
    void dropwizardHttpAndDatabasePoolMetricsAreExported() {
        app.getJson("/api/scans").size();
        PrometheusText m = scrape();
        // Jetty's request timer and response-class meters (Dropwizard's instrumented handler).
        assertThat(m.samples().keySet()).anyMatch(k -> k.contains("requests") && k.startsWith("io_dropwizard_jetty"));
        assertThat(m.samples().keySet()).anyMatch(k -> k.contains("2xx_responses"));
        // The connection pool Dropwizard builds for "database".
        assertThat(m.samples().keySet()).anyMatch(k -> k.contains("ManagedPooledDataSource") && k.contains("database")
                && k.endsWith("active"));
        // JDBI's statement timers, one per DAO method.
        assertThat(m.types()).containsEntry("io_bigr_discovery_db_ScanDao_list", "summary");
    }

    @Test
    void theApiRouteNeedsATokenEvenWhereReadsAreOpen() {
        // api-test.yml: auth.required is false, so other reads are open.
        try (Response open = app.get("/api/scans")) {
            assertThat(open.getStatus()).isEqualTo(200);
        }
        try (Response r = app.get("/api/metrics")) {
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
            assertThat(ApiApp.body(r).path("code").asInt()).isEqualTo(401);
        }
        try (Response r = app.request("/api/metrics").header("Authorization", "Bearer wrong").get()) {
            assertThat(r.getStatus()).isEqualTo(401);
        }
    }

    @Test
    void theAdminPortServesTheSameExposition() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + app.adminPort() + "/admin/prometheus"))
                // Admin endpoints sharing the API's connector need a write-enabled token (AdminAuthFilter).
                .header("Authorization", "Bearer " + io.bigr.discovery.testing.ApiApp.TOKEN).build();
        var r = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        PrometheusText m = PrometheusText.parse(r.body());
        assertThat(m.value("bigr_scans{status=\"completed\"}")).isEqualTo(2.0);
        assertThat(m.value("bigr_inventory_up")).isEqualTo(1.0);
    }
}
