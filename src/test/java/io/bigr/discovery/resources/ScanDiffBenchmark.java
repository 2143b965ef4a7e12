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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints the time of {@code GET /api/scans/{id}/diff} (the Scans page's diff) between two stored
 * scans of N assets each, a tenth of them with other ports in the second, on each database. Not a test: run with
 * {@code mvn -Pbench test -Dtest=ScanDiffBenchmark [-Dbench.assets=100000]}.
 */
class ScanDiffBenchmark {
    private static final int ASSETS = Integer.getInteger("bench.assets", 100_000);
    private static final int RUNS = 3;

    @Test
    void diff() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            try (TestDb db = TestDb.create(dialect).migrate()) {
                List<Asset> first = TestData.many(ASSETS);
                List<Asset> second = new ArrayList<>(first.size());
                for (int i = 0; i < first.size(); i++) {
                    Asset a = first.get(i);
                    second.add(i % 10 != 0 ? a : new Asset(a.ip(), a.mac(), a.hostname(), a.vendor(), List.of(22, 8443),
                            a.osHint(), a.bigrCategory(), a.confidenceScore(), a.scanMethod(), a.firstSeen(),
                            a.lastSeen(), a.rawEvidence(), null, null, null));
                }
                Instant now = Timestamps.now();
                db.daos().store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, now.minus(Duration.ofHours(2)),
                        now.minus(Duration.ofHours(2)).plusSeconds(60), false, first));
                db.daos().store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, now.minus(Duration.ofHours(1)),
                        now.minus(Duration.ofHours(1)).plusSeconds(60), false, second));
                try (ApiApp app = ApiApp.start(db)) {
                    JsonNode scans = app.getJson("/api/scans").get("scans");
                    String path = "/api/scans/" + scans.get(0).get("id").asText() + "/diff?base="
                            + scans.get(1).get("id").asText();
                    app.getJson(path + "&limit=10"); // warm the JIT
                    long[] ms = new long[RUNS];
                    String summary = null;
                    for (int i = 0; i < RUNS; i++) {
                        long start = System.nanoTime();
                        // a limit of its own per run: a new key for the read cache, so every run computes the diff
                        summary = app.getJson(path + "&limit=" + (1000 - i)).get("summary").asText();
                        ms[i] = (System.nanoTime() - start) / 1_000_000;
                    }
                    Arrays.sort(ms);
                    System.out.printf(Locale.ROOT, "ScanDiffBenchmark %-10s %,d + %,d assets: median %,d ms, max %,d ms (%s)%n",
                            dialect.value(), ASSETS, ASSETS, ms[RUNS / 2], ms[RUNS - 1], summary);
                }
            }
        }
    }
}
