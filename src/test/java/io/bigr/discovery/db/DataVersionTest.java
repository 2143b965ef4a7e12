package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the data version is read from the database again (docs/DOMAIN.md §6.14); the triggers are ReadCacheContract's. */
class DataVersionTest {
    private final AtomicLong stored = new AtomicLong(7);
    private final AtomicInteger reads = new AtomicInteger();

    private DataVersion version(Duration maxAge) {
        return new DataVersion(() -> {
            reads.incrementAndGet();
            return stored.get();
        }, maxAge);
    }

    @Test
    void aVersionIsTrustedForMaxAgeUnlessThisProcessWrote() throws InterruptedException {
        DataVersion v = version(Duration.ofMillis(300));
        assertThat(v.getAsLong()).isEqualTo(7);
        stored.set(8); // another process wrote
        assertThat(v.getAsLong()).as("within the bound the last answer stands").isEqualTo(7);
        assertThat(reads.get()).isEqualTo(1);
        v.written(); // this process wrote: read again at once
        assertThat(v.getAsLong()).isEqualTo(8);
        assertThat(reads.get()).isEqualTo(2);
        stored.set(9);
        Thread.sleep(400);
        assertThat(v.getAsLong()).as("after the bound the database is asked").isEqualTo(9);
        assertThat(reads.get()).isEqualTo(3);
    }

    @Test
    void aFailedReadIsNotRemembered() {
        AtomicInteger calls = new AtomicInteger();
        DataVersion v = new DataVersion(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return 3;
        }, Duration.ofMinutes(1));
        try {
            v.getAsLong();
        } catch (IllegalStateException expected) {
            // the first read fails
        }
        assertThat(v.getAsLong()).isEqualTo(3);
    }

    @Test
    void writingStatementsAreToldFromQueries() {
        assertThat(DataVersion.writes("SELECT version FROM data_version WHERE id = 1")).isFalse();
        assertThat(DataVersion.writes("  select * from assets")).isFalse();
        assertThat(DataVersion.writes("WITH x AS (SELECT 1) SELECT * FROM x")).isFalse();
        assertThat(DataVersion.writes("VALUES (1)")).isFalse();
        assertThat(DataVersion.writes("INSERT INTO assets (id) VALUES (:id)")).isTrue();
        assertThat(DataVersion.writes("UPDATE assets SET manual_category = :c")).isTrue();
        assertThat(DataVersion.writes("DELETE FROM scan_assets WHERE scan_id = :s")).isTrue();
        assertThat(DataVersion.writes("WITH gone AS (DELETE FROM x RETURNING id) SELECT count(*) FROM gone")).isTrue();
        assertThat(DataVersion.writes("SELECT id FROM assets WHERE ip = :ip FOR UPDATE")).isTrue();
        assertThat(DataVersion.writes("SELECT pg_advisory_xact_lock(:k)")).isFalse();
        assertThat(DataVersion.writes(null)).isTrue();
    }
}
