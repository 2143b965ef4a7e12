package io.bigr.discovery.schedule;

import io.bigr.discovery.certs.CertificateCollector;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.CertificateDao;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.db.ScanDao;
import io.bigr.discovery.db.SnapshotDao;
import io.bigr.discovery.db.SnapshotRetention;
import io.bigr.discovery.snmp.SwitchPoller;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The kinds of scheduled job. */
public final class Jobs {
    private Jobs() {
    }

    /** Runs one scan of a target and returns its result (classified, ready to save). */
    @FunctionalInterface
    public interface ScanRunner {
        ScanResult scan(String target) throws Exception;
    }

    /**
     * Rescans one subnet. The run is a scan row: {@code running} from the start, then completed by saving the result
     * into that same row, or ended {@code failed} / {@code interrupted}.
     */
    public record SubnetScan(String target, Duration interval, InventoryStore store, ScanDao scans, ScanRunner scanner)
            implements Job {
        @Override
        public String key() {
            return "scan:" + target;
        }

        @Override
        public String begin() {
            return store.startRun(target, ScanMethod.HYBRID.value(), Timestamps.now());
        }

        @Override
        public String run(String runId, BooleanSupplier stillOwner) throws Exception {
            ScanResult result = scanner.scan(target);
            if (!stillOwner.getAsBoolean()) {
                return "lost the schedule lock; result of " + result.assets().size() + " asset(s) not stored";
            }
            InventoryStore.SaveOutcome out = store.save(result, runId);
            return out.totalAssets() + " asset(s), " + out.newAssets() + " new";
        }

        @Override
        public void end(String runId, String status) {
            // A run whose result was saved just before its server stopped stays completed.
            if (scans.find(runId).map(s -> "running".equals(s.status())).orElse(false)) {
                store.endRun(runId, status);
            }
        }
    }

    /** Polls every registered switch (docs/DOMAIN.md §3.13). */
    public record SwitchPoll(Duration interval, Supplier<SwitchPoller> poller) implements Job {
        @Override
        public String key() {
            return "switches";
        }

        @Override
        public String begin() {
            return UUID.randomUUID().toString();
        }

        @Override
        public String run(String runId, BooleanSupplier stillOwner) {
            List<SwitchPoller.SwitchReport> reports = poller.get().pollAll();
            long ok = reports.stream().filter(SwitchPoller.SwitchReport::ok).count();
            return ok + " of " + reports.size() + " switch(es) polled";
        }

        @Override
        public void end(String runId, String status) {
            // Nothing visible to end: switch stats change only on success.
        }
    }

    /** Re-checks the certificates of every inventory IP (§5.9). */
    public record CertificateRecheck(Duration interval, AssetDao assets, SnapshotDao snapshots,
                                     CertificateDao certificates) implements Job {
        @Override
        public String key() {
            return "certificates";
        }

        @Override
        public String begin() {
            return UUID.randomUUID().toString();
        }

        @Override
        public String run(String runId, BooleanSupplier stillOwner) throws InterruptedException {
            CertificateCollector collector = new CertificateCollector();
            CertificateCollector.Report report = collector.collect(CertificateCollector.inventoryTargets(assets, snapshots));
            if (stillOwner.getAsBoolean()) {
                report.certificates().forEach(certificates::save);
            }
            return report.certificates().size() + " certificate(s) on " + report.hostsScanned() + " host(s)";
        }

        @Override
        public void end(String runId, String status) {
            // Certificates are upserted one by one; nothing to end.
        }
    }

    /** Prunes old snapshots (docs/DOMAIN.md §3.16); one server at a time, like every job. */
    public record Prune(Duration interval, SnapshotRetention.Policy policy, SnapshotRetention retention,
                        java.time.Clock clock) implements Job {
        @Override
        public String key() {
            return "prune";
        }

        @Override
        public String begin() {
            return UUID.randomUUID().toString();
        }

        @Override
        public String run(String runId, BooleanSupplier stillOwner) {
            return retention.prune(policy, clock.instant(), false).describe();
        }

        @Override
        public void end(String runId, String status) {
            // Each chunk is its own statement; what was removed stays removed.
        }
    }
}
