package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ReadAhead}: every row in order, a failed read failing the caller with its own exception, a closed read
 * stopping its reader (and freeing its connection), and reads beyond the reader threads running on the caller's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadAheadTest {
    private TestDb db;
    private StreamingReads reads;

    @BeforeAll
    void seed() {
        db = TestDb.sqlite().migrate();
        db.daos().store().save(TestData.scan("10.0.0.0/8", TestData.many(2_000).toArray(new
                io.bigr.discovery.core.Asset[0])));
        reads = db.daos().reads();
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private static void waitForIdleReaders() throws InterruptedException {
        for (int i = 0; i < 100 && ReadAhead.busyReaders() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(ReadAhead.busyReaders()).as("reader threads still reading").isZero();
    }

    @Test
    void everyRowInTheOrderTheQueryGivesThem() {
        List<String> direct = new ArrayList<>();
        reads.read(ReportDao.class, dao -> dao.complianceAssets("assets a", a -> direct.add(a.ip())));
        List<String> ahead = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        ReadAhead.forEach(reads, ReportDao.class,
                (ReportDao dao, Consumer<io.bigr.discovery.compliance.ComplianceAsset> sink) -> dao.complianceAssets(
                        "assets a", a -> {
                    threads.add(Thread.currentThread().getName());
                    sink.accept(a);
                }), a -> ahead.add(a.ip()));
        assertThat(direct).hasSize(2_000);
        assertThat(ahead).isEqualTo(direct);
        assertThat(threads).allMatch(t -> t.startsWith("bigr-read-ahead-"));
    }

    @Test
    void aFailedReadFailsTheCallerWithItsException() throws Exception {
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> ReadAhead.forEach(reads, ReportDao.class, (ReportDao dao, Consumer<Integer> sink) -> {
            for (int i = 0; i < 600; i++) {
                sink.accept(i);
            }
            throw new IllegalStateException("the database went away");
        }, seen::add)).isInstanceOf(IllegalStateException.class).hasMessage("the database went away");
        assertThat(seen).as("the rows read before the failure, in order").hasSize(600).startsWith(0, 1, 2)
                .endsWith(599);
        waitForIdleReaders();
    }

    @Test
    void closingStopsTheReader() throws Exception {
        ReadAhead<Integer> rows = ReadAhead.start(reads, ReportDao.class, (ReportDao dao, Consumer<Integer> sink) -> {
            for (int i = 0; ; i++) { // endless: only closing ends it
                sink.accept(i);
            }
        });
        assertThat(rows).isNotNull();
        for (int i = 0; i < 10; i++) {
            assertThat(rows.next()).isEqualTo(i);
        }
        rows.close();
        waitForIdleReaders();
        // its connection went back to the pool: the database still answers on every connection
        assertThat(db.daos().assets().count()).isEqualTo(2_000);
    }

    @Test
    void readsBeyondTheReaderThreadsRunOnTheCallersThread() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(ReadAhead.READERS);
        List<ReadAhead<Integer>> busy = new ArrayList<>();
        try {
            for (int i = 0; i < ReadAhead.READERS; i++) {
                busy.add(ReadAhead.start(reads, ReportDao.class, (ReportDao dao, Consumer<Integer> sink) -> {
                    started.countDown();
                    try {
                        hold.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            assertThat(busy).doesNotContainNull();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ReadAhead.start(reads, ReportDao.class, (ReportDao dao, Consumer<Integer> sink) -> { }))
                    .as("no reader free").isNull();
            List<String> threads = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            ReadAhead.forEach(reads, ReportDao.class,
                    (ReportDao dao, Consumer<io.bigr.discovery.compliance.ComplianceAsset> sink) -> dao.complianceAssets(
                        "assets a", a -> {
                        threads.add(Thread.currentThread().getName());
                        sink.accept(a);
                    }), a -> ips.add(a.ip()));
            assertThat(ips).hasSize(2_000);
            assertThat(threads).containsOnly(Thread.currentThread().getName());
        } finally {
            hold.countDown();
            busy.forEach(r -> {
                if (r != null) {
                    r.close();
                }
            });
        }
        waitForIdleReaders();
    }
}
