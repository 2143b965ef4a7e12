package io.bigr.discovery.db;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints how long saving a 10,000-asset scan takes on each database: all new, all changed (every hostname), and
 * unchanged. Not a test: run with {@code mvn -Pbench test -Dtest=SaveBenchmark}. Target: well under 2 s each.
 */
class SaveBenchmark {
    private static final int ASSETS = 10_000;
    private static final int ROUNDS = 3;

    @Test
    void saveTenThousand() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            try (TestDb db = TestDb.create(dialect).migrate()) {
                Daos daos = db.daos();
                List<Asset> assets = TestData.many(ASSETS);
                List<Asset> renamed = assets.stream().map(a -> a.withHostname(a.hostname() + "-b")).toList();
                warmUp(dialect);
                for (int round = 0; round < ROUNDS; round++) {
                    db.execute("DELETE FROM asset_changes");
                    db.execute("DELETE FROM scan_assets");
                    db.execute("DELETE FROM assets");
                    db.execute("DELETE FROM scans");
                    long fresh = time(daos, assets, 0);
                    long changed = time(daos, renamed, 10);
                    long same = time(daos, renamed, 20);
                    System.out.printf(Locale.ROOT, "SaveBenchmark %-10s round %d: %,d assets  new %5d ms  changed %5d ms"
                            + "  unchanged %5d ms%n", dialect.value(), round + 1, ASSETS, fresh, changed, same);
                }
            }
        }
    }

    private static void warmUp(Dialect dialect) {
        // JIT warm-up on a throwaway database so the measured rounds are steady-state.
        try (TestDb warm = TestDb.create(dialect).migrate()) {
            time(warm.daos(), TestData.many(2_000), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long time(Daos daos, List<Asset> assets, int offsetSeconds) {
        Instant t = TestData.T0.plusSeconds(offsetSeconds);
        long start = System.nanoTime();
        daos.store().save(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, t, t.plusSeconds(1), false, assets));
        return (System.nanoTime() - start) / 1_000_000;
    }
}
