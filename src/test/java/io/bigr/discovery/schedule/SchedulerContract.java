package io.bigr.discovery.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.ScheduleStateDao;
import io.bigr.discovery.testing.TestDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on one database shared by two schedulers ("servers", each with its own pool and locks), on SQLite
 * and PostgreSQL. Time is a settable clock; every wait is bounded; targets are 127.0.0.0/8 only.
 */
abstract class SchedulerContract {
    static final String TARGET = "127.0.0.0/30";
    static final Duration EVERY = Duration.ofMinutes(5);

    protected TestDb db;
    protected Daos storeA;
    protected Daos storeB;
    /** Server B's own pool. */
    protected Jdbi jdbiB;
    protected final SettableClock clock = new SettableClock(Instant.parse("2026-05-01T08:00:00Z"));
    protected final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final List<Scheduler> schedulers = new ArrayList<>();

    abstract TestDb newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase().migrate();
        storeA = db.daos();
        jdbiB = db.independentJdbi();
        storeB = Daos.create(jdbiB, db.dialect());
    }

    @AfterEach
    void close() throws Exception {
        for (Scheduler s : schedulers) {
            s.stop();
        }
        db.close();
    }

    /** A settable clock: tests move time, never wait for it. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A scanner double for 127.0.0.0/30 that counts its runs and can be held at a gate. */
    Jobs.ScanRunner runner(String server, CountDownLatch gate) {
        return target -> {
            runs.computeIfAbsent("scan:" + server, k -> new AtomicInteger()).incrementAndGet();
            runs.computeIfAbsent("scan", k -> new AtomicInteger()).incrementAndGet();
            if (gate != null) {
                gate.await();
            }
            Instant t = Timestamps.now();
            return new ScanResult(target, ScanMethod.HYBRID, t, t, false,
                    List.of(Asset.of(IpAddress.of("127.0.0.1")).withMac(MacAddress.of("02:00:00:00:77:01"))));
        };
    }

    /** A plain counting job with its own key. */
    Job counting(String key) {
        return new Job() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public Duration interval() {
                return EVERY;
            }

            @Override
            public String begin() {
                return java.util.UUID.randomUUID().toString();
            }

            @Override
            public String run(String runId, java.util.function.BooleanSupplier stillOwner) {
                runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return "counted";
            }

            @Override
            public void end(String runId, String status) {
            }
        };
    }

    Scheduler scheduler(String name, Daos daos, CountDownLatch gate, Duration grace) {
        Scheduler s = new Scheduler(daos.schedules(), JobLocks.forDatabase(db.factory()),
                () -> List.of(new Jobs.SubnetScan(TARGET, EVERY, daos.store(), daos.scans(), runner(name, gate)), counting("count")),
                clock, name, Duration.ofSeconds(1), grace);
        schedulers.add(s);
        return s;
    }

    static void await(List<CompletableFuture<Void>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    int count(String key) {
        AtomicInteger n = runs.get(key);
        return n == null ? 0 : n.get();
    }

    List<ScanSummary> scansOfTarget() {
        return storeA.scans().list(100, 0).stream().filter(s -> s.target().equals(TARGET)).toList();
    }

    ScheduleStateDao.State state(String key) {
        return storeA.schedules().find(key).orElseThrow();
    }

    @Test
    void eachDueJobRunsOnceAcrossTwoServersPerInterval() throws Exception {
        Scheduler a = scheduler("server-a", storeA, null, Duration.ofSeconds(30));
        Scheduler b = scheduler("server-b", storeB, null, Duration.ofSeconds(30));

        for (int i = 0; i < 5; i++) {
            List<CompletableFuture<Void>> started = new ArrayList<>(a.tick());
            started.addAll(b.tick());
            await(started);
        }
        assertThat(count("scan")).isEqualTo(1);
        assertThat(count("count")).isEqualTo(1);
        assertThat(scansOfTarget()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("completed");
            assertThat(s.totalAssets()).isEqualTo(1);
        });
        assertThat(state("scan:" + TARGET).status()).isEqualTo("completed");

        clock.advance(EVERY.minusSeconds(1));
        await(a.tick());
        await(b.tick());
        assertThat(count("scan")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            List<CompletableFuture<Void>> started = new ArrayList<>(b.tick());
            started.addAll(a.tick());
            await(started);
        }
        assertThat(count("scan")).isEqualTo(2);
        assertThat(count("count")).isEqualTo(2);
        assertThat(scansOfTarget()).hasSize(2).allSatisfy(s -> assertThat(s.status()).isEqualTo("completed"));
    }

    @Test
    void oneRunAtATimePerTarget() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Scheduler a = scheduler("server-a", storeA, gate, Duration.ofSeconds(30));
        List<CompletableFuture<Void>> first = a.tick();
        assertThat(first).hasSize(2); // the scan (held at the gate) and the counting job
        // Let the counting job finish so that only the scan is still going when the next tick comes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (a.runningJobs().contains("count") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(a.runningJobs()).containsExactly("scan:" + TARGET);
        clock.advance(EVERY.multipliedBy(3)); // both overdue again while the scan is still going
        List<CompletableFuture<Void>> second = a.tick();
        assertThat(second).hasSize(1); // the counting job again; the busy scan is not started twice
        await(second);
        assertThat(count("count")).isEqualTo(2);
        assertThat(scansOfTarget()).singleElement().extracting(ScanSummary::status).isEqualTo("running");
        gate.countDown();
        await(first);
        assertThat(count("scan")).isEqualTo(1);
        assertThat(scansOfTarget()).singleElement().extracting(ScanSummary::status).isEqualTo("completed");
    }

    @Test
    void aRunLeftRunningByACrashedServerIsEndedAndRedone() throws Exception {
        // What a server that died mid-scan leaves behind: a running scan row and a running schedule row.
        String orphan = storeA.store().startRun(TARGET, "hybrid", clock.instant().minusSeconds(30));
        storeA.schedules().start("scan:" + TARGET, orphan, "dead-server:1", clock.instant().minusSeconds(30));

        Scheduler b = scheduler("server-b", storeB, null, Duration.ofSeconds(30));
        await(b.tick());

        assertThat(count("scan:server-b")).isEqualTo(1);
        assertThat(storeA.scans().detail(orphan).orElseThrow().status()).isEqualTo("interrupted");
        assertThat(scansOfTarget()).extracting(ScanSummary::status)
                .containsExactlyInAnyOrder("interrupted", "completed");
        assertThat(state("scan:" + TARGET)).satisfies(s -> {
            assertThat(s.owner()).isEqualTo("server-b");
            assertThat(s.status()).isEqualTo("completed");
        });
    }

    @Test
    void shutdownWaitsForARunningScanToStoreItsResult() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Scheduler a = scheduler("server-a", storeA, gate, Duration.ofSeconds(60));
        List<CompletableFuture<Void>> started = a.tick();
        Thread stopper = new Thread(() -> {
            try {
                a.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        for (int i = 0; i < 200 && stopper.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10); // bounded: until stop() is waiting for the run
        }
        assertThat(scansOfTarget()).singleElement().extracting(ScanSummary::status).isEqualTo("running");
        gate.countDown();
        stopper.join(60_000);
        assertThat(stopper.isAlive()).isFalse();
        await(started);
        assertThat(scansOfTarget()).singleElement().extracting(ScanSummary::status).isEqualTo("completed");
    }

    @Test
    void shutdownInterruptsARunThatOutlastsTheGracePeriod() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Scheduler a = scheduler("server-a", storeA, never, Duration.ofMillis(200));
        List<CompletableFuture<Void>> started = a.tick();
        a.stop();
        await(started);
        assertThat(scansOfTarget()).singleElement().extracting(ScanSummary::status).isEqualTo("interrupted");
        assertThat(state("scan:" + TARGET).status()).isEqualTo("interrupted");
    }
}
