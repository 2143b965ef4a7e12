package io.bigr.discovery.reports;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import io.bigr.discovery.vuln.CveStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Prints how long each report of {@link Reports} takes (including JSON serialisation) over an inventory of N assets
 * seen by three scans, on each database. Not a test: run with
 * {@code mvn -Pbench test -Dtest=ReportsBenchmark [-Dbench.assets=100000]}.
 */
class ReportsBenchmark {
    private static final int ASSETS = Integer.getInteger("bench.assets", 10_000);
    private static final int ROUNDS = 3;

    @Test
    void reports() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            try (TestDb db = TestDb.create(dialect).migrate()) {
                Daos daos = db.daos();
                Reports reports = db.reports();
                CveStore cves = new CveStore(daos.cves());
                Instant now = Timestamps.now();
                List<Asset> assets = TestData.many(ASSETS).stream().map(a -> a.withEvidence(Json.parseObject(
                        "{\"banners\": {\"22\": \"SSH-2.0-OpenSSH_8.9p1\"}}"))).toList();
                for (int day = 3; day >= 1; day--) {
                    Instant t = now.minus(Duration.ofDays(day));
                    List<Asset> seen = day == 1 ? assets.stream().map(a -> a.withHostname(a.hostname() + "-b"))
                            .toList() : assets;
                    daos.store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, t, t.plusSeconds(60), false, seen));
                }
                cves.seed();
                cves.importFeed(java.nio.file.Path.of("src/test/resources/nvd/nvdcve-2.0-sample.json"));
                for (int round = 1; round <= ROUNDS; round++) {
                    System.out.printf(Locale.ROOT, "ReportsBenchmark %-10s round %d, %,d assets:"
                                    + "  compliance %5d ms  analytics %5d ms  risk %5d ms  vulnerabilities %5d ms"
                                    + "  topology %5d ms%n", dialect.value(), round, ASSETS,
                            time(() -> reports.compliance()),
                            time(() -> reports.analytics(30, now)),
                            time(() -> reports.risk(now)),
                            time(() -> reports.vulnerabilities()),
                            time(() -> reports.topology()));
                }
            }
        }
    }

    private static long time(Supplier<Object> report) {
        long start = System.nanoTime();
        String json = Json.write(report.get());
        if (json.isEmpty()) {
            throw new IllegalStateException("empty report");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
