package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.TestDb;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSaveWritesIT extends SaveWritesContract {
    @Override
    protected TestDb newDatabase() {
        return TestDb.postgres();
    }

    /**
     * A save that at least doubles the inventory refreshes PostgreSQL's statistics before it commits, so the plans the
     * pool made while the tables were empty are replaced (docs/STACK-NOTES.md Q4.7); a save that adds less does not.
     */
    @Test
    void aSaveThatDoublesTheInventoryRefreshesTheStatistics() {
        db.execute("ANALYZE assets, asset_ports");
        assertThat(reltuples("assets")).isLessThanOrEqualTo(0);
        List<Asset> first = io.bigr.discovery.testing.TestData.many(1_500);
        bulk().save(new ScanResult("10.0.0.0/16", ScanMethod.ACTIVE, T0, T0.plusSeconds(1), false, first));
        assertThat(reltuples("assets")).isEqualTo(1_500);
        assertThat(reltuples("asset_ports")).isPositive();

        List<Asset> more = io.bigr.discovery.testing.TestData.many(2_000).subList(1_500, 2_000);
        bulk().save(new ScanResult("10.0.0.0/16", ScanMethod.ACTIVE, T0.plusSeconds(10), T0.plusSeconds(11), false,
                more));
        assertThat(daos.assets().count()).isEqualTo(2_000);
        assertThat(reltuples("assets")).as("500 new of 1,500: autovacuum's business").isEqualTo(1_500);
    }

    private double reltuples(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)")
                .bind("t", table).mapTo(Double.class).one());
    }
}
