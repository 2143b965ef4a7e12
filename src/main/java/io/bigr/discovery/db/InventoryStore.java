package io.bigr.discovery.db;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Saves scans into the inventory (docs/DOMAIN.md §3): the one writer of scans, assets, snapshots and change rows,
 * used by the CLI, the API and the scheduler; also registers and ends the runs of scheduled scans. Reads go to the
 * DAOs.
 *
 * <p>Saving a scan is one transaction and set-based: the inventory rows of the scan's IPs are read in chunks, change
 * detection runs in memory, and assets, snapshots and change rows are written as JDBC batches. Saves are serialised
 * per database (a transaction-scoped advisory lock on PostgreSQL, the IMMEDIATE write lock on SQLite), so two
 * scanners saving overlapping results never create a duplicate asset or compare against stale values; the expression
 * index {@code uq_asset_ip_mac} enforces the same identity in the schema.
 */
public final class InventoryStore {
    /** The six fields whose changes are logged, in logging order (§3.4). */
    public static final List<String> TRACKED_FIELDS =
            List.of("hostname", "vendor", "os_hint", "bigr_category", "confidence_score", "scan_method");

    static final long SAVE_LOCK_KEY = 0x4249_4752_5341_5645L; // "BIGRSAVE"
    private static final int IN_CHUNK = 500;

    private final Jdbi jdbi;
    private final Dialect dialect;

    public InventoryStore(Jdbi jdbi, Dialect dialect) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.dialect = Objects.requireNonNull(dialect);
    }

    /** What a save did. {@code fieldChanges} counts change rows of type field_changed. */
    public record SaveOutcome(String scanId, int totalAssets, int newAssets, int changedAssets, int fieldChanges,
                              int unchangedAssets) {
    }

    // ---------------------------------------------------------------- writes

    /** Saves a finished scan as a new scan row. */
    public SaveOutcome save(ScanResult result) {
        return save(result, null);
    }

    /**
     * Saves a scan. With {@code runningScanId} (a row made by {@link #startRun}) that row is completed instead of a new
     * one inserted. Duplicate (ip, mac) pairs in the input are rejected before anything is written.
     */
    public SaveOutcome save(ScanResult result, String runningScanId) {
        rejectDuplicates(result.assets());
        Instant now = Timestamps.now();
        String scanId = runningScanId != null ? runningScanId : UUID.randomUUID().toString();
        String details = result.details() == null ? null : Json.write(result.details());
        return jdbi.inTransaction(h -> {
            lockSaves(h);
            ScanDao scans = h.attach(ScanDao.class);
            if (runningScanId == null) {
                scans.insert(scanId, result.target(), result.scanMethod().value(), result.startedAt(),
                        result.completedAt(), result.assets().size(), result.isRoot(), "completed", details);
            } else if (scans.complete(scanId, result.scanMethod().value(), result.completedAt(), result.assets().size(),
                    result.isRoot(), "completed", details) != 1) {
                throw new IllegalStateException("scan run " + scanId + " does not exist");
            }
            Map<String, InventoryAsset> existing = existingByKey(h, result.assets());
            List<AssetDao.Write> inserts = new ArrayList<>();
            List<AssetDao.Write> updates = new ArrayList<>();
            List<AssetDao.Write> placements = new ArrayList<>();
            List<SnapshotDao.Write> snapshots = new ArrayList<>(result.assets().size());
            List<ChangeDao.Write> changes = new ArrayList<>();
            int changedAssets = 0;
            int fieldChanges = 0;
            for (Asset a : result.assets()) {
                InventoryAsset old = existing.get(key(a.ip().value(), Objects.toString(a.mac(), null)));
                String id = old == null ? UUID.randomUUID().toString() : old.id();
                AssetDao.Write w = new AssetDao.Write(id, a.ip().value(), Objects.toString(a.mac(), null),
                        a.hostname(), a.vendor(), a.osHint(),
                        a.bigrCategory(), a.confidenceScore(), a.scanMethod().value(), a.firstSeen(),
                        a.lastSeen(), a.switchHost(), a.switchPort(), a.switchPortIndex());
                if (old == null) {
                    inserts.add(w);
                    changes.add(new ChangeDao.Write(id, scanId, "new_asset", null, null, null, now));
                } else {
                    updates.add(w);
                    int before = changes.size();
                    compare(old, a, scanId, now, changes);
                    fieldChanges += changes.size() - before;
                    changedAssets += changes.size() > before ? 1 : 0;
                    if (a.switchHost() != null) {
                        placements.add(w);
                    }
                }
                snapshots.add(new SnapshotDao.Write(scanId, id, Json.portsText(a.openPorts()), a.confidenceScore(),
                        a.bigrCategory(), Json.write(a.rawEvidence())));
            }
            AssetDao assets = h.attach(AssetDao.class);
            if (!inserts.isEmpty()) {
                assets.insertAll(inserts);
            }
            if (!updates.isEmpty()) {
                assets.updateAll(updates);
            }
            if (!placements.isEmpty()) {
                assets.placeAll(placements);
            }
            if (!snapshots.isEmpty()) {
                h.attach(SnapshotDao.class).insertAll(snapshots);
            }
            if (!changes.isEmpty()) {
                h.attach(ChangeDao.class).insertAll(changes);
            }
            h.attach(SubnetDao.class).updateStats(result.target(), now, result.assets().size());
            return new SaveOutcome(scanId, result.assets().size(), inserts.size(), changedAssets, fieldChanges,
                    updates.size() - changedAssets);
        });
    }

    /** Registers a scan that has started, visible with status {@code running} until it is saved or ended. */
    public String startRun(String target, String scanMethod, Instant startedAt) {
        String id = UUID.randomUUID().toString();
        jdbi.useExtension(ScanDao.class, d -> d.insert(id, target, scanMethod, startedAt, null, 0, false, "running", null));
        return id;
    }

    /** Marks a run as failed or interrupted (it stays in the scan list with that status). */
    public void endRun(String scanId, String status) {
        jdbi.useExtension(ScanDao.class, d -> d.setStatus(scanId, status, Timestamps.now()));
    }

    private void lockSaves(Handle h) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", SAVE_LOCK_KEY).mapToMap().one();
        }
        // SQLite: the transaction began with BEGIN IMMEDIATE (transaction_mode=IMMEDIATE), which already holds the
        // single write lock.
    }

    private static void rejectDuplicates(List<Asset> assets) {
        Set<String> seen = new HashSet<>(assets.size() * 2);
        for (int i = 0; i < assets.size(); i++) {
            Asset a = assets.get(i);
            if (!seen.add(key(a.ip().value(), Objects.toString(a.mac(), null)))) {
                throw new InvalidInputException("assets[" + i + "]",
                        "duplicate asset (ip " + a.ip() + ", mac " + a.mac() + ") in one scan");
            }
        }
    }

    /**
     * The inventory rows the scan may match. Small scans use IN lists; large ones one range query over the ip text
     * between the smallest and largest ip of the scan (index-backed, a superset that is filtered here), because
     * binding thousands of IN parameters costs far more client-side than reading a few extra rows.
     */
    private Map<String, InventoryAsset> existingByKey(Handle h, List<Asset> assets) {
        List<String> ips = new ArrayList<>(new LinkedHashSet<>(assets.stream().map(a -> a.ip().value()).toList()));
        Map<String, InventoryAsset> byKey = new HashMap<>(ips.size() * 2);
        AssetDao dao = h.attach(AssetDao.class);
        if (ips.size() <= IN_CHUNK) {
            if (!ips.isEmpty()) {
                dao.findByIps(ips).forEach(a -> byKey.put(key(a.ip(), a.mac()), a));
            }
            return byKey;
        }
        Set<String> wanted = new HashSet<>(ips);
        String lo = ips.stream().min(Comparator.naturalOrder()).orElseThrow();
        String hi = ips.stream().max(Comparator.naturalOrder()).orElseThrow();
        for (InventoryAsset a : dao.findByIpRange(dialect == Dialect.POSTGRESQL ? "COLLATE \"C\"" : "", lo, hi)) {
            if (wanted.contains(a.ip())) {
                byKey.put(key(a.ip(), a.mac()), a);
            }
        }
        return byKey;
    }

    /** Identity of an asset: NULL mac is a value of its own (§3.4). */
    static String key(String ip, String mac) {
        return ip + '|' + (mac == null ? "" : mac);
    }

    private static void compare(InventoryAsset old, Asset a, String scanId, Instant now, List<ChangeDao.Write> out) {
        String[] before = {old.hostname(), old.vendor(), old.osHint(), old.bigrCategory().value(),
            Numbers.text(old.confidenceScore()), old.scanMethod()};
        String[] after = {a.hostname(), a.vendor(), a.osHint(), a.bigrCategory().value(),
            Numbers.text(a.confidenceScore()), a.scanMethod().value()};
        for (int i = 0; i < before.length; i++) {
            if (!Objects.equals(before[i], after[i])) {
                out.add(new ChangeDao.Write(old.id(), scanId, "field_changed", TRACKED_FIELDS.get(i), before[i],
                        after[i], now));
            }
        }
    }
}
