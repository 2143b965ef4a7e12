package io.bigr.discovery.db;

import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Every DAO and data service of one database, built once from the one {@link Jdbi} by the wiring (the server's
 * {@code run}, the command base class, the test fixtures), which hands each class the few it needs. The DAOs are
 * on-demand SQL objects: each call takes a pooled connection for its duration, and a {@code @Transaction} default
 * method runs all its statements on one.
 */
public record Daos(Dialect dialect, AssetDao assets, ScanDao scans, SnapshotDao snapshots, ChangeDao changes,
                   SubnetDao subnets, SwitchDao switches, SwitchEvidenceDao switchEvidence,
                   CertificateDao certificates, CveDao cves, ScheduleStateDao schedules, PingDao ping,
                   InventoryStore store, StreamingReads reads, AssetPortDao ports) {
    public Daos {
        Objects.requireNonNull(dialect);
        Objects.requireNonNull(store);
        Objects.requireNonNull(reads);
    }

    public static Daos create(Jdbi jdbi, Dialect dialect) {
        return create(jdbi, dialect, InventoryStore.Presence.DEFAULT);
    }

    /** With the configured rule for when a missed asset counts as gone. */
    public static Daos create(Jdbi jdbi, Dialect dialect, InventoryStore.Presence presence) {
        return new Daos(dialect, jdbi.onDemand(AssetDao.class), jdbi.onDemand(ScanDao.class),
                jdbi.onDemand(SnapshotDao.class), jdbi.onDemand(ChangeDao.class), jdbi.onDemand(SubnetDao.class),
                jdbi.onDemand(SwitchDao.class), jdbi.onDemand(SwitchEvidenceDao.class),
                jdbi.onDemand(CertificateDao.class), jdbi.onDemand(CveDao.class),
                jdbi.onDemand(ScheduleStateDao.class), jdbi.onDemand(PingDao.class), new InventoryStore(jdbi, dialect, presence),
                new StreamingReads(jdbi, dialect), jdbi.onDemand(AssetPortDao.class));
    }
}
