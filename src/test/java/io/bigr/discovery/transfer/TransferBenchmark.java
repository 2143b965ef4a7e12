package io.bigr.discovery.transfer;

import io.bigr.discovery.db.Daos;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How fast {@code bigr transfer} moves a laptop inventory into PostgreSQL and back: a SQLite file with 10,000 assets
 * seen by 3 scans (30,000 snapshots, 10,000+ change rows), copied with the default batch, then copied again (the
 * idempotent no-op run). Prints numbers; asserts nothing. Run: {@code mvn -q -Pbench test -Dtest=TransferBenchmark}.
 */
class TransferBenchmark {
    private static final int ASSETS = Integer.getInteger("bench.assets", 10_000);

    @Test
    void sqliteToPostgresAndBack() throws Exception {
        try (TestDb file = TestDb.sqlite().migrate(); TestDb pg = TestDb.postgres(); TestDb back = TestDb.sqlite()) {
            Daos daos = file.daos();
            List<io.bigr.discovery.core.Asset> assets = TestData.many(ASSETS);
            for (int scan = 0; scan < 3; scan++) {
                daos.store().save(TestData.scan("10.0.0.0/8", TestData.T0.plusSeconds(3600L * scan),
                        assets.toArray(io.bigr.discovery.core.Asset[]::new)));
            }
            String to = TransferIT.libpqUrl(pg);
            report("sqlite -> postgresql (first run)", file.url(), to);
            report("sqlite -> postgresql (second run, no-op)", file.url(), to);
            report("postgresql -> sqlite (offline copy)", to, back.url());
        }
    }

    private static void report(String label, String from, String to) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        long start = System.nanoTime();
        TransferReport r = new Transfer(Endpoint.of(from), Endpoint.of(to),
                new Transfer.Options(false, Transfer.DEFAULT_BATCH), quiet).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long read = r.tables().stream().mapToLong(TableReport::read).sum();
        System.out.printf(Locale.ROOT, "transfer bench: %-42s %,8d rows read, %,8d inserted in %6.2f s = %,8.0f rows/s"
                + " (ok=%s)%n", label, read, r.inserted(), seconds, read / seconds, r.ok());
    }
}
