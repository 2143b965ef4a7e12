package io.bigr.discovery.db;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints how long saving a scan of 10,000 and 100,000 assets takes on each database: all new, all changed (every
 * hostname), and unchanged, with the load average beside them. Not a test:
 * {@code mvn -Pbench test -Dtest=SaveBenchmark [-Dbench.sizes=10000,100000] [-Dbench.rounds=3]
 * [-Dbench.dbs=sqlite,postgresql]}. Goals (issue 15): 10,000 under 1 s, 100,000 under 10 s on both databases.
 */
class SaveBenchmark {
    @Test
    void save() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("bench.sizes", "10000,100000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int rounds = Integer.getInteger("bench.rounds", 3);
        for (String d : System.getProperty("bench.dbs", "sqlite,postgresql").split(",")) {
            Dialect dialect = d.trim().toLowerCase(Locale.ROOT).startsWith("postgres") ? Dialect.POSTGRESQL
                    : Dialect.SQLITE;
            warmUp(dialect);
            for (int n : sizes) {
                run(dialect, n, rounds);
            }
        }
    }

    private static void run(Dialect dialect, int n, int rounds) throws Exception {
        try (TestDb db = TestDb.create(dialect).migrate()) {
            Daos daos = db.daos();
            List<Asset> assets = TestData.many(n);
            List<Asset> renamed = assets.stream().map(a -> a.withHostname(a.hostname() + "-b")).toList();
            for (int round = 0; round < rounds; round++) {
                db.execute("DELETE FROM asset_changes");
                db.execute("DELETE FROM scan_assets");
                db.execute("DELETE FROM assets");
                db.execute("DELETE FROM scans");
                if (dialect == Dialect.POSTGRESQL) {
                    db.execute("VACUUM ANALYZE");
                }
                long fresh = time(daos, assets, 0);
                long changed = time(daos, renamed, 10);
                long same = time(daos, renamed, 20);
                System.out.printf(Locale.ROOT, "SaveBenchmark %-10s round %d: %,7d assets  new %6d ms  changed %6d ms"
                        + "  unchanged %6d ms  (load %s)%n", dialect.value(), round + 1, n, fresh, changed, same,
                        load());
            }
        }
    }

    private static void warmUp(Dialect dialect) {
        // JIT warm-up on a throwaway database so the measured rounds are steady-state.
        try (TestDb warm = TestDb.create(dialect).migrate()) {
            List<Asset> assets = TestData.many(2_000);
            time(warm.daos(), assets, 0);
            time(warm.daos(), assets, 10);
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

    /** The 1-, 5- and 15-minute load averages. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
