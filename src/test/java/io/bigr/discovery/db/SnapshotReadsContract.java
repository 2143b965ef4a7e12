package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.compliance.ComplianceAsset;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.testing.DatabaseContract;
import io.bigr.discovery.testing.TestData;
import io.dropwizard.db.ManagedDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Split reads ({@link ReadAhead#inOneSnapshot}, {@link StreamingReads#readSnapshot}, the halves of
 * {@link ReportDao#inventoryHalves}): the halves of an inventory whose last-seen times tie across the split, read at
 * once, give exactly the rows of one read in its order; a write that commits between the parts' snapshots makes the
 * split give up before it hands on a row; one split read at a time; and a snapshot read leaves no transaction on its
 * pooled connection, whether it ends or fails. Once per database by {@link SqliteSnapshotReadsIT} and
 * {@link PostgresSnapshotReadsIT}.
 */
abstract class SnapshotReadsContract extends DatabaseContract {
    private static final int ASSETS = 3_000;

    @BeforeAll
    void seed() {
        // seven last-seen times, about 430 assets each: the median time is shared by rows on both sides of the middle
        List<Asset> assets = IntStream.range(0, ASSETS).mapToObj(i -> {
            return new Asset(IpAddress.of("10.9." + (i >> 8) + "." + (i & 255)), MacAddress.ofNullable(
                    String.format("02:09:00:00:%02x:%02x", i >> 8, i & 255)), "h-" + i, "Vendor " + (i % 3),
                    List.of(22), null, BigrCategory.values()[i % 5], 0.5, ScanMethod.ACTIVE, T0,
                    T0.plus(Duration.ofMinutes(i % 7)), null, null, null, null);
        }).toList();
        daos.store().save(TestData.scan("10.9.0.0/16", assets.toArray(new Asset[0])));
    }

    private List<String> oneRead() {
        List<String> ips = new ArrayList<>();
        daos.reads().read(ReportDao.class, dao -> dao.complianceAssets(ReportDao.wholeInventory(db.dialect()),
                a -> ips.add(a.ip())));
        return ips;
    }

    private List<BiConsumer<ReportDao, Consumer<ComplianceAsset>>> halves(int offset) {
        List<BiConsumer<ReportDao, Consumer<ComplianceAsset>>> parts = new ArrayList<>();
        ReportDao.inventoryHalves(db.dialect(), offset).forEach(h -> parts.add((dao, rows) ->
                dao.complianceAssets(h, rows)));
        return parts;
    }

    private static List<String> drain(Rows<ComplianceAsset> rows) {
        List<String> ips = new ArrayList<>();
        try (rows) {
            rows.forEachRemaining(a -> ips.add(a.ip()));
        }
        return ips;
    }

    @Test
    void theHalvesAreTheWholeReadInItsOrder() {
        List<String> whole = oneRead();
        assertThat(whole).hasSize(ASSETS).doesNotHaveDuplicates();
        for (int offset : new int[] {0, 1, 700, ASSETS / 2, ASSETS - 1, ASSETS, ASSETS * 2}) {
            long before = ReadAhead.splitReads();
            Rows<ComplianceAsset> rows = ReadAhead.inOneSnapshot(daos.reads(), ReportDao.class, halves(offset));
            assertThat(rows).as("split at %d (is another split read holding the permit?)", offset).isNotNull();
            assertThat(drain(rows)).as("split at %d", offset).isEqualTo(whole);
            assertThat(ReadAhead.splitReads()).isEqualTo(before + 1);
        }
        // the middle one splits the rows for real: both halves hold rows
        List<String> first = new ArrayList<>();
        daos.reads().read(ReportDao.class, dao -> dao.complianceAssets(
                ReportDao.inventoryHalves(db.dialect(), ASSETS / 2).get(0), a -> first.add(a.ip())));
        assertThat(first.size()).isBetween(ASSETS / 4, ASSETS / 2);
    }

    @Test
    void oneSplitReadAtATime() {
        Rows<ComplianceAsset> running = ReadAhead.inOneSnapshot(daos.reads(), ReportDao.class, halves(ASSETS / 2));
        assertThat(running).isNotNull();
        try {
            Rows<ComplianceAsset> second = ReadAhead.inOneSnapshot(daos.reads(), ReportDao.class, halves(ASSETS / 2));
            if (second != null) {
                second.close();
            }
            assertThat(second).isNull();
        } finally {
            running.close();
        }
        assertThat(drain(ReadAhead.inOneSnapshot(daos.reads(), ReportDao.class, halves(ASSETS / 2))))
                .isEqualTo(oneRead());
    }

    /** A pool of {@code size} connections to this database, stopped by the caller. */
    private ManagedDataSource pool(int size) {
        BigrDataSourceFactory factory = db.factory();
        factory.setMaxSize(size);
        factory.setMinSize(1);
        factory.setInitialSize(1);
        return Databases.newDataSource(factory, "pool-of-" + size);
    }

    /**
     * A pool of two connections: the test holds one, so the parts take turns for the other. The part that gets it
     * first signals from inside its read; the test then writes on its own connection and gives it back, and the other
     * part's snapshot holds the newer data version: the split hands on nothing and returns null.
     */
    @Test
    void aWriteBetweenThePartsSnapshotsGivesUpTheSplit() throws Exception {
        ManagedDataSource pool = pool(2);
        try {
            Jdbi jdbi = Databases.newJdbi(pool);
            StreamingReads reads = new StreamingReads(jdbi, db.dialect());
            CountDownLatch firstReading = new CountDownLatch(1);
            CountDownLatch written = new CountDownLatch(1);
            List<BiConsumer<ReportDao, Consumer<ComplianceAsset>>> parts = new ArrayList<>();
            for (BiConsumer<ReportDao, Consumer<ComplianceAsset>> half : halves(ASSETS / 2)) {
                parts.add((dao, rows) -> {
                    firstReading.countDown();
                    try { // the first part keeps its connection (and snapshot) until the test has written
                        written.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    half.accept(dao, rows);
                });
            }
            Handle held = jdbi.open();
            CompletableFuture<Rows<ComplianceAsset>> split;
            try {
                split = CompletableFuture.supplyAsync(() -> ReadAhead.inOneSnapshot(reads, ReportDao.class, parts));
                assertThat(firstReading.await(20, TimeUnit.SECONDS)).as("one part is reading").isTrue();
                held.execute("UPDATE assets SET hostname = 'moved' WHERE ip = '10.9.0.1'");
            } finally {
                held.close();
                written.countDown();
            }
            Rows<ComplianceAsset> rows = split.get(30, TimeUnit.SECONDS);
            if (rows != null) {
                rows.close(); // the split permit goes back even when the assertion below fails
            }
            assertThat(rows).as("parts of two data versions").isNull();
            // and the next split read, with no write in between, goes ahead
            assertThat(drain(ReadAhead.inOneSnapshot(reads, ReportDao.class, halves(ASSETS / 2))))
                    .isEqualTo(oneRead());
        } finally {
            pool.stop();
        }
    }

    /** A pool of one connection: after snapshot reads that end and that fail, a write transaction on it commits. */
    @Test
    void aSnapshotReadLeavesNoTransactionBehind() throws Exception {
        ManagedDataSource pool = pool(1);
        try {
            Jdbi jdbi = Databases.newJdbi(pool);
            StreamingReads reads = new StreamingReads(jdbi, db.dialect());
            long[] seen = {-1};
            reads.readSnapshot(ReportDao.class, (ReportDao dao, long version) -> seen[0] = version);
            assertThat(seen[0]).isEqualTo(jdbi.withHandle(h -> h.attach(DataVersionDao.class).current()));
            assertThatThrownBy(() -> reads.readSnapshot(ReportDao.class, (ReportDao dao, long version) -> {
                dao.assetCount();
                throw new IllegalStateException("the report failed");
            })).hasMessage("the report failed");
            jdbi.useTransaction(h -> h.execute("UPDATE assets SET hostname = 'after' WHERE ip = '10.9.0.2'"));
            String stored = db.independentJdbi().withHandle(h -> h.createQuery(
                    "SELECT hostname FROM assets WHERE ip = '10.9.0.2'").mapTo(String.class).one());
            assertThat(stored).isEqualTo("after");
        } finally {
            pool.stop();
        }
    }
}
