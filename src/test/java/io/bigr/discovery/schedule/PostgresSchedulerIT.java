package io.bigr.discovery.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.testing.TestDb;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PostgresSchedulerIT extends SchedulerContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }

    @Test
    void whenAServerDiesMidRunAnotherTakesOver() throws Exception {
        CountDownLatch gateA = new CountDownLatch(1);
        Scheduler a = scheduler("server-a", storeA, gateA, Duration.ofSeconds(30));
        Scheduler b = scheduler("server-b", storeB, null, Duration.ofSeconds(30));
        List<CompletableFuture<Void>> runA = a.tick();
        clock.advance(EVERY.multipliedBy(2));
        await(b.tick()); // A holds the scan's lock: B runs only the counting job
        assertThat(count("scan:server-b")).isZero();

        // Server A "dies": its database sessions are cut, and with them its advisory locks.
        int killed = jdbiB.withHandle(h -> h.createQuery("""
                SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks
                WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""")
                .mapTo(Integer.class).one());
        assertThat(killed).isEqualTo(1);

        await(b.tick());
        assertThat(count("scan:server-b")).isEqualTo(1);
        assertThat(state("scan:" + TARGET).owner()).isEqualTo("server-b");

        gateA.countDown(); // A's scan ends late; it no longer owns the job and stores nothing
        await(runA);
        assertThat(scansOfTarget()).extracting(ScanSummary::status)
                .containsExactlyInAnyOrder("interrupted", "completed");
        assertThat(state("scan:" + TARGET)).satisfies(s -> {
            assertThat(s.owner()).isEqualTo("server-b");
            assertThat(s.status()).isEqualTo("completed");
        });
        assertThat(count("scan")).isEqualTo(2);
    }
}
