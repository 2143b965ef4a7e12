package io.bigr.discovery.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.db.StreamingReads;
import io.bigr.discovery.testing.TestDb;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.sqlobject.SqlObject;
import org.junit.jupiter.api.Test;

class PostgresReportsIT extends ReportsContract {
    private TestDb own;

    @Override
    TestDb newDatabase() {
        own = TestDb.postgres();
        return own;
    }

    /** A DAO that only lends its handle. */
    interface Session extends SqlObject {
    }

    /**
     * A streamed read runs without PostgreSQL's JIT (0.2-0.4 s of compiling per whole-inventory read that never paid
     * back, docs/STACK-NOTES.md Q4.8), and only that transaction does: the setting does not stay on the pooled
     * connection.
     */
    @Test
    void streamedReadsRunWithoutJitAndLeaveTheSessionAsItWas() {
        String before = own.jdbi().withHandle(h -> h.createQuery("SHOW jit").mapTo(String.class).one());
        AtomicReference<String> inside = new AtomicReference<>();
        new StreamingReads(own.jdbi(), own.dialect()).read(Session.class, s ->
                inside.set(s.getHandle().createQuery("SHOW jit").mapTo(String.class).one()));
        assertThat(inside.get()).isEqualTo("off");
        for (int i = 0; i < 4; i++) { // every connection the pool may hand out next
            String after = own.jdbi().withHandle(h -> h.createQuery("SHOW jit").mapTo(String.class).one());
            assertThat(after).isEqualTo(before);
        }
    }
}
