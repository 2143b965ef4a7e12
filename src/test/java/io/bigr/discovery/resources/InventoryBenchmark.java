package io.bigr.discovery.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints the time of {@code GET /api/assets} pages (through the real application over HTTP) on an inventory of N
 * assets seen by S scans, on each database: first pages under several sorts and filters, and a deep page reached by
 * following cursors. Not a test: run with
 * {@code mvn -Pbench test -Dtest=InventoryBenchmark [-Dbench.assets=100000] [-Dbench.scans=3]}.
 */
class InventoryBenchmark {
    private static final int ASSETS = Integer.getInteger("bench.assets", 100_000);
    private static final int SCANS = Integer.getInteger("bench.scans", 3);
    private static final int RUNS = 5;

    @Test
    void pages() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            try (TestDb db = TestDb.create(dialect).migrate()) {
                List<Asset> assets = TestData.many(ASSETS);
                Instant now = Timestamps.now();
                long seed = System.nanoTime();
                for (int s = SCANS; s >= 1; s--) {
                    Instant t = now.minus(Duration.ofHours(s));
                    db.daos().store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, t, t.plusSeconds(60), false,
                            assets));
                }
                System.out.printf(Locale.ROOT, "InventoryBenchmark %-10s seeded %,d assets x %d scans in %,d ms%n",
                        dialect.value(), ASSETS, SCANS, (System.nanoTime() - seed) / 1_000_000);
                try (ApiApp app = ApiApp.start(db)) {
                    for (String q : List.of("?limit=100", "?sort=ip&limit=100", "?sort=-hostname&limit=100",
                            "?sort=confidence_score&limit=100", "?limit=1000", "?port=22&limit=100",
                            "?q=host-9999&limit=100", "?subnet=10.1.0.0/16&sort=ip&limit=100",
                            "?status=online&category=iot&limit=100")) {
                        report(dialect, q, app, "/api/assets" + q);
                    }
                    for (String sort : List.of("-last_seen", "ip")) {
                        String cursor = null;
                        int pages = ASSETS / 1000 - 1;
                        long walk = System.nanoTime();
                        for (int p = 0; p < pages; p++) {
                            JsonNode page = app.getJson("/api/assets?sort=" + sort + "&limit=1000"
                                    + (cursor == null ? "" : "&cursor=" + enc(cursor)));
                            cursor = page.get("next_cursor").asText();
                        }
                        System.out.printf(Locale.ROOT, "InventoryBenchmark %-10s walk of %d pages of 1000 (sort=%s):"
                                + " %,d ms%n", dialect.value(), pages, sort, (System.nanoTime() - walk) / 1_000_000);
                        report(dialect, "deep page " + (pages + 1) + " (sort=" + sort + ", limit=100)", app,
                                "/api/assets?sort=" + sort + "&limit=100&cursor=" + enc(cursor));
                    }
                }
            }
        }
    }

    private static void report(Dialect dialect, String label, ApiApp app, String path) {
        app.getJson(path); // warm
        long[] ms = new long[RUNS];
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            total = app.getJson(path).get("total").asLong();
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "InventoryBenchmark %-10s %,d assets  %-50s median %5d ms  max %5d ms"
                + "  (total %,d)%n", dialect.value(), ASSETS, label, ms[RUNS / 2], ms[RUNS - 1], total);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
