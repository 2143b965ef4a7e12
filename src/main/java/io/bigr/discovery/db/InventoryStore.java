package io.bigr.discovery.db;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.ScanCoverage;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
    /** Ids per array parameter (PostgreSQL): one statement for a 10,000-asset save. */
    private static final int ARRAY_CHUNK = 10_000;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Presence presence;
    private final SaveWrites writes;

    public InventoryStore(Jdbi jdbi, Dialect dialect) {
        this(jdbi, dialect, Presence.DEFAULT);
    }

    public InventoryStore(Jdbi jdbi, Dialect dialect, Presence presence) {
        this(jdbi, dialect, presence, SaveWrites.forDialect(dialect));
    }

    /** With the given write path: the bulk path of the database, or the SQL objects' statements (tests compare). */
    InventoryStore(Jdbi jdbi, Dialect dialect, Presence presence, SaveWrites writes) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.dialect = Objects.requireNonNull(dialect);
        this.presence = Objects.requireNonNull(presence);
        this.writes = Objects.requireNonNull(writes);
    }

    /**
     * When a missed asset counts as gone (docs/DOMAIN.md §3.15): after {@code goneAfterMisses} consecutive misses, or
     * at a miss when it was last seen {@code goneAfterAge} or longer ago (null: no age limit).
     */
    public record Presence(int goneAfterMisses, java.time.Duration goneAfterAge) {
        public static final Presence DEFAULT = new Presence(3, java.time.Duration.ofDays(30));

        public Presence {
            if (goneAfterMisses < 1) {
                throw new IllegalArgumentException("goneAfterMisses must be at least 1, got " + goneAfterMisses);
            }
            if (goneAfterAge != null && (goneAfterAge.isNegative() || goneAfterAge.isZero())) {
                throw new IllegalArgumentException("goneAfterAge must be positive, got " + goneAfterAge);
            }
        }
    }

    /**
     * What a save did. {@code fieldChanges} counts change rows of type field_changed, {@code portChanges} rows of
     * port_opened and port_closed; {@code missed}, {@code gone} and {@code returned} count assets. {@code replayed}:
     * the result's idempotency key was stored before, nothing was written, and the counts are the first save's.
     */
    public record SaveOutcome(String scanId, int totalAssets, int newAssets, int changedAssets, int fieldChanges,
                              int unchangedAssets, int portChanges, int missed, int gone, int returned,
                              boolean replayed) {
        public SaveOutcome(String scanId, int totalAssets, int newAssets, int changedAssets, int fieldChanges,
                           int unchangedAssets, int portChanges, int missed, int gone, int returned) {
            this(scanId, totalAssets, newAssets, changedAssets, fieldChanges, unchangedAssets, portChanges, missed,
                    gone, returned, false);
        }
    }

    /** A scan's assets a batch at a time (a request body read as it arrives): {@code null} after the last batch. */
    @FunctionalInterface
    public interface AssetBatches {
        List<Asset> next();
    }

    /** Asset statuses (docs/DOMAIN.md §3.15). */
    public static final String ONLINE = "online";
    public static final String MISSED = "missed";
    public static final String GONE = "gone";

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
        rejectDuplicates(result.assets(), 0, null);
        List<Asset> all = result.assets();
        boolean[] given = {false};
        return save(result.header(), all.size(), runningScanId, () -> {
            if (given[0]) {
                return null;
            }
            given[0] = true;
            return all;
        }, null);
    }

    /**
     * Saves a scan whose {@code assetCount} assets arrive in batches after its header (the result without assets),
     * in the same one transaction and with the same change detection as {@link #save(ScanResult)}: each batch is
     * matched, compared and written before the next is read, so memory holds one batch, not the scan. A duplicate
     * (ip, mac) in any batch, a bad asset or a count that does not match rolls everything back.
     */
    public SaveOutcome saveStreamed(ScanResult header, int assetCount, AssetBatches batches) {
        return save(header, assetCount, null, batches, new SeenKeys(assetCount));
    }

    private SaveOutcome save(ScanResult header, int assetCount, String runningScanId, AssetBatches batches,
                             SeenKeys seen) {
        Instant now = Timestamps.now();
        String scanId = runningScanId != null ? runningScanId : UUID.randomUUID().toString();
        ScanCoverage coverage = ScanCoverage.fromDetails(header.details());
        String details = header.details() == null ? null : Json.write(withoutCoverage(header.details()));
        String key = runningScanId == null ? header.idempotencyKey() : null;
        return jdbi.withHandle(handle -> withSaveCache(handle, assetCount, () -> handle.inTransaction(h -> {
            lockSaves(h);
            ScanDao scans = h.attach(ScanDao.class);
            if (key != null) {
                // Saves are serialised, so a key stored by another writer is visible here (docs/DOMAIN.md §2.7).
                Optional<String> first = scans.idByIdempotencyKey(key);
                if (first.isPresent()) {
                    return replay(scans, first.get());
                }
            }
            if (runningScanId == null) {
                scans.insert(scanId, header.target(), header.scanMethod().value(), header.startedAt(),
                        header.completedAt(), assetCount, header.isRoot(), "completed", details);
            } else if (scans.complete(scanId, header.scanMethod().value(), header.completedAt(), assetCount,
                    header.isRoot(), "completed", details) != 1) {
                throw new IllegalStateException("scan run " + scanId + " does not exist");
            }
            if (key != null) {
                scans.setIdempotencyKey(scanId, key);
            }
            if (coverage != null) {
                scans.setCoverage(scanId, Json.write(coverage.toJson()));
            }
            // Read before this save grows the table: a save that at least doubles the inventory refreshes the
            // statistics before it commits (docs/STACK-NOTES.md Q4.7).
            double rowsBefore = dialect != Dialect.POSTGRESQL ? -1 : h.createQuery(
                    "SELECT reltuples FROM pg_class WHERE oid = 'assets'::regclass").mapTo(Double.class).one();
            if (seen != null && dialect == Dialect.POSTGRESQL) {
                // The batches' lookups run while this transaction grows the tables; PostgreSQL's planner has no
                // statistics of those rows and would scan the whole table for each batch (quadratic: a 100,000-asset
                // post took 18 minutes). The identity and snapshot indexes serve every batch query.
                h.execute("SET LOCAL enable_seqscan = off");
            }
            boolean tiedStarts = h.attach(SnapshotDao.class).tiedStarts() > 0;
            Runnable bulkDone = writes.begin(h, assetCount, scanId);
            Tally tally = new Tally();
            int index = 0;
            for (List<Asset> batch = batches.next(); batch != null; batch = batches.next()) {
                if (seen != null) {
                    rejectDuplicates(batch, index, seen.confirming(h.attach(SnapshotDao.class), scanId));
                }
                saveBatch(h, batch, scanId, coverage, now, header.startedAt(), tiedStarts, tally);
                index += batch.size();
            }
            if (index != assetCount) {
                throw new IllegalStateException("expected " + assetCount + " assets, got " + index);
            }
            List<ChangeDao.Write> absences = new ArrayList<>();
            int[] absent = coverage == null || !coverage.complete() ? new int[2]
                    : markAbsent(h, coverage, scanId, now, tiedStarts, absences);
            if (!absences.isEmpty()) {
                writes.insertChanges(h, absences);
            }
            bulkDone.run();
            h.attach(SubnetDao.class).updateStats(header.target(), now, assetCount);
            if (dialect == Dialect.POSTGRESQL && tally.inserted >= ANALYZE_AFTER_NEW
                    && tally.inserted >= Math.max(rowsBefore, 0)) {
                // The inventory at least doubled. Fresh statistics now replace the generic plans that every pooled
                // connection made while the tables were small (ANALYZE sees this transaction's own rows; the other
                // connections replan when it commits), instead of whenever autovacuum gets to them.
                h.execute("ANALYZE assets, scan_assets, asset_ports, latest_snapshots, asset_changes");
            }
            return new SaveOutcome(scanId, assetCount, tally.inserted, tally.changedAssets, tally.fieldChanges,
                    tally.updated - tally.changedAssets, tally.portChanges, absent[0], absent[1], tally.returned);
        })));
    }

    /** New assets from which a save that (at least) doubles the inventory refreshes PostgreSQL's statistics. */
    static final int ANALYZE_AFTER_NEW = 1_000;

    /** KiB of SQLite page cache a save may use per asset, and at most. */
    private static final int CACHE_KIB_PER_ASSET = 1;
    private static final int CACHE_KIB_MAX = 64 * 1024;

    /**
     * Runs a save with a page cache on SQLite that holds what a large save touches (about 1 KiB of table and index
     * pages per asset, at most 64 MiB): with the driver's 2 MiB a 100,000-asset transaction spills dirty pages to the
     * WAL and reads them back, several times slower. The connection's own size is restored afterwards (SQLite then
     * frees the extra pages), so the pool's idle connections stay small.
     *
     * <p>From {@link SaveWrites#MUTE_FROM} assets on, the save's commit also leaves the WAL to a checkpoint on another
     * thread ({@link WalCheckpoints}): SQLite runs the automatic checkpoint on the connection that commits, so the
     * save's caller waited while every page the save wrote was copied into the database file and synced, about 1 s
     * of a 100,000-asset save at 100,000 x 30 (docs/STACK-NOTES.md Q4.19).
     */
    private <T> T withSaveCache(Handle h, int assetCount, java.util.function.Supplier<T> save) {
        if (dialect != Dialect.SQLITE) {
            return save.get();
        }
        int before = h.createQuery("PRAGMA cache_size").mapTo(Integer.class).one();
        long wanted = Math.min((long) assetCount * CACHE_KIB_PER_ASSET, CACHE_KIB_MAX);
        long current = before < 0 ? -(long) before : (long) before * 4; // pages of at most 4 KiB otherwise
        boolean large = assetCount >= SaveWrites.MUTE_FROM;
        Integer autoCheckpoint = large ? h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one() : null;
        if (wanted > current) {
            h.execute("PRAGMA cache_size = -" + wanted);
        }
        if (large) {
            h.execute("PRAGMA wal_autocheckpoint = 0");
        }
        boolean saved = false;
        try {
            T result = save.get();
            saved = true;
            return result;
        } finally {
            if (large) {
                h.execute("PRAGMA wal_autocheckpoint = " + autoCheckpoint);
            }
            if (wanted > current) {
                h.execute("PRAGMA cache_size = " + before);
            }
            if (large && saved) {
                WalCheckpoints.request(jdbi);
            }
        }
    }

    /** Running counts of a save over its batches. */
    private static final class Tally {
        int inserted;
        int updated;
        int changedAssets;
        int fieldChanges;
        int portChanges;
        int returned;
    }

    /**
     * One batch of a scan's assets: matched against the inventory, compared (docs/DOMAIN.md §3.4) and written as
     * JDBC batches (assets, snapshots, then the batch's change rows, in input order).
     */
    private void saveBatch(Handle h, List<Asset> batch, String scanId, ScanCoverage coverage, Instant now,
                           Instant startedAt, boolean tiedStarts, Tally tally) {
        Map<String, InventoryAsset> existing = existingByKey(h, batch);
        Map<Integer, MacLinking.Link> links = MacLinking.find(h, batch, existing, startedAt);
        List<String> knownIds = new ArrayList<>(existing.values().stream().map(InventoryAsset::id).toList());
        links.values().forEach(l -> knownIds.add(l.to().id()));
        Map<String, List<Integer>> knownPorts = latestPorts(h, knownIds, tiedStarts);
        List<MacLinking.Link> relinked = new ArrayList<>();
        List<Asset> relinkedAs = new ArrayList<>();
        List<AssetDao.Write> inserts = new ArrayList<>();
        List<AssetDao.Write> updates = new ArrayList<>();
        List<AssetDao.Write> placements = new ArrayList<>();
        List<SnapshotDao.Write> snapshots = new ArrayList<>(batch.size());
        List<ChangeDao.Write> changes = new ArrayList<>();
        Map<String, List<Integer>> latest = new java.util.LinkedHashMap<>(batch.size() * 2);
        Map<String, InventoryAsset> taggedByIp = new HashMap<>();
        existing.values().stream().filter(r -> r.manualCategory() != null)
                .forEach(r -> taggedByIp.putIfAbsent(r.ip(), r));
        for (int index = 0; index < batch.size(); index++) {
            Asset a = withManualTag(batch.get(index), taggedByIp.get(batch.get(index).ip().value()));
            InventoryAsset old = existing.get(key(a.ip().value(), Objects.toString(a.mac(), null)));
            MacLinking.Link link = old == null ? links.get(index) : null;
            if (link != null) {
                // §3.17: a rotated random MAC continues the row it links to.
                old = link.to();
                relinked.add(link);
                relinkedAs.add(a);
                changes.add(new ChangeDao.Write(old.id(), scanId, "mac_linked", "mac", old.mac(),
                        Objects.toString(a.mac(), null), now));
            }
            String id = old == null ? UUID.randomUUID().toString() : old.id();
            AssetDao.Write w = new AssetDao.Write(id, a.ip().value(), Objects.toString(a.mac(), null),
                    a.hostname(), a.vendor(), a.osHint(),
                    a.bigrCategory(), a.confidenceScore(), a.scanMethod().value(), a.firstSeen(),
                    a.lastSeen(), a.switchHost(), a.switchPort(), a.switchPortIndex(), a.deviceType(), a.product(),
                    a.os(), a.osVersion());
            if (old == null) {
                inserts.add(w);
                changes.add(new ChangeDao.Write(id, scanId, "new_asset", null, null, null, now));
            } else {
                updates.add(w);
                int before = changes.size();
                compare(old, a, scanId, now, changes);
                tally.fieldChanges += changes.size() - before;
                tally.changedAssets += changes.size() > before ? 1 : 0;
                int beforePorts = changes.size();
                comparePorts(old.id(), knownPorts.get(old.id()), a.openPorts(), coverage, scanId, now, changes);
                tally.portChanges += changes.size() - beforePorts;
                if (MISSED.equals(old.status()) || GONE.equals(old.status())) {
                    changes.add(new ChangeDao.Write(id, scanId, "asset_returned", "status", old.status(), ONLINE,
                            now));
                    tally.returned++;
                }
                if (a.switchHost() != null) {
                    placements.add(w);
                }
            }
            // §3.4: a port the scan did not probe keeps what the asset's latest snapshot knew of it.
            List<Integer> ports = old == null || coverage == null ? a.openPorts()
                    : coverage.carryForward(knownPorts.get(old.id()), a.openPorts());
            latest.put(id, ports);
            snapshots.add(new SnapshotDao.Write(scanId, id, Json.portsText(ports), a.confidenceScore(),
                    a.bigrCategory(), Json.write(a.rawEvidence()), a.deviceType(), a.product(), a.os(),
                    a.osVersion()));
        }
        AssetDao assets = h.attach(AssetDao.class);
        AssetLinkDao linkDao = relinked.isEmpty() ? null : h.attach(AssetLinkDao.class);
        for (int i = 0; i < relinked.size(); i++) {
            InventoryAsset was = relinked.get(i).to();
            Asset seen = relinkedAs.get(i);
            assets.reidentify(was.id(), seen.ip().value(), Objects.toString(seen.mac(), null));
            linkDao.insert(was.id(), was.mac(), was.ip(), "auto", relinked.get(i).confidence(),
                    relinked.get(i).signalsJson(), now);
        }
        if (!inserts.isEmpty()) {
            writes.insertAssets(h, inserts);
        }
        if (!updates.isEmpty()) {
            writes.updateAssets(h, updates);
        }
        if (!placements.isEmpty()) {
            assets.placeAll(placements);
        }
        if (!snapshots.isEmpty()) {
            writes.insertSnapshots(h, snapshots);
            Set<String> added = new HashSet<>(inserts.size() * 2);
            inserts.forEach(w -> added.add(w.id()));
            // Without tied start times an asset's asset_ports rows are the ports of its one latest snapshot, read
            // above (docs/STACK-NOTES.md Q4.17); with them, the rows are read.
            Function<List<String>, Map<String, List<Integer>>> current = tiedStarts ? ids -> writes.portsOf(h, ids)
                    : ids -> knownPorts;
            h.attach(AssetPortDao.class).record(scanId, startedAt, latest, added, current,
                    rows -> writes.insertPorts(h, rows, added));
        }
        if (!changes.isEmpty()) {
            writes.insertChanges(h, changes);
        }
        tally.inserted += inserts.size();
        tally.updated += updates.size();
    }

    /** The first save of a result whose idempotency key is stored, as counted from its rows. */
    private static SaveOutcome replay(ScanDao scans, String scanId) {
        ScanDao.Saved s = scans.saved(scanId).orElseThrow();
        return new SaveOutcome(s.scanId(), s.totalAssets(), s.newAssets(), s.changedAssets(), s.fieldChanges(),
                s.totalAssets() - s.newAssets() - s.changedAssets(), s.portChanges(), s.missed(), s.gone(),
                s.returned(), true);
    }

    /**
     * Merges the inventory row {@code mergeId} into {@code keepId} (docs/DOMAIN.md §3.17): its snapshots, changes and
     * links move, its MAC and address become a {@code merge} link, and the row is removed. Unknown ids are
     * {@link java.util.NoSuchElementException}; merging a row into itself is invalid input.
     */
    public InventoryAsset merge(String keepId, String mergeId) {
        try {
            return new AssetMerges(jdbi, dialect).merge(keepId, mergeId);
        } catch (AssetMerges.UnknownAsset e) {
            throw new java.util.NoSuchElementException(e.getMessage());
        }
    }

    /** Splits a MAC linked to {@code assetId} into a row of its own, never linked to it again (§3.17). */
    public InventoryAsset split(String assetId, io.bigr.discovery.core.MacAddress mac) {
        try {
            return new AssetMerges(jdbi, dialect).split(assetId, mac);
        } catch (AssetMerges.UnknownAsset e) {
            throw new java.util.NoSuchElementException(e.getMessage());
        }
    }

    /** The MACs and addresses linked to an asset, oldest first (§3.17). */
    public List<io.bigr.discovery.core.AssetLink> links(String assetId) {
        return jdbi.withExtension(AssetLinkDao.class, d -> d.of(assetId));
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

    /**
     * Rejects the same (ip, mac) twice: within {@code assets} exactly, and against earlier batches of the same save
     * through {@code earlier} (null for a save in one piece). {@code offset} is the index of the first asset.
     */
    private static void rejectDuplicates(List<Asset> assets, int offset, SeenKeys.Check earlier) {
        Set<String> seen = new HashSet<>(assets.size() * 2);
        for (int i = 0; i < assets.size(); i++) {
            Asset a = assets.get(i);
            String mac = Objects.toString(a.mac(), null);
            if (!seen.add(key(a.ip().value(), mac)) || earlier != null && earlier.seenBefore(a.ip().value(), mac)) {
                throw new InvalidInputException("assets[" + (offset + i) + "]",
                        "duplicate asset (ip " + a.ip() + ", mac " + a.mac() + ") in one scan");
            }
        }
    }

    /**
     * The inventory rows the scan may match. Small scans use IN lists; large ones one range query over the ip text
     * between the smallest and largest ip of the scan (index-backed, a superset that is filtered here), because
     * binding thousands of IN parameters costs far more client-side than reading a few extra rows.
     */
    /**
     * The server's manual tag on the asset's address applied as a local scan's classifier applies it (docs/DOMAIN.md
     * §3.9, §4.2): whoever classified the result (a remote scanner, an import), the tag decides category and
     * confidence, and the observed evidence stays beside its note.
     */
    static Asset withManualTag(Asset a, InventoryAsset tagged) {
        if (tagged == null) {
            return a;
        }
        io.bigr.discovery.core.BigrCategory manual = io.bigr.discovery.core.BigrCategory.parse(tagged.manualCategory())
                .filter(io.bigr.discovery.core.BigrCategory.TAGGABLE::contains).orElse(null);
        if (manual == null) {
            return a;
        }
        com.fasterxml.jackson.databind.node.ObjectNode evidence = a.rawEvidence() == null ? Json.object()
                : a.rawEvidence().deepCopy();
        if (!evidence.has(Asset.MANUAL_OVERRIDE)) {
            evidence.put(Asset.MANUAL_OVERRIDE, Asset.overrideNote(tagged.manualNote()));
        }
        return a.withClassification(manual, 1.0, evidence);
    }

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

    private static com.fasterxml.jackson.databind.node.ObjectNode withoutCoverage(
            com.fasterxml.jackson.databind.node.ObjectNode details) {
        if (!details.has(ScanCoverage.DETAILS_KEY)) {
            return details;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = details.deepCopy();
        copy.remove(ScanCoverage.DETAILS_KEY);
        return copy;
    }

    /**
     * The ports of each asset's latest snapshot, by asset id (the smallest scan id's on a tie). Without tied start
     * times, the copy in {@code latest_snapshots}: one key lookup per asset.
     */
    private Map<String, List<Integer>> latestPorts(Handle h, List<String> assetIds, boolean tiedStarts) {
        Map<String, List<Integer>> ports = new HashMap<>(assetIds.size() * 2);
        SnapshotDao dao = h.attach(SnapshotDao.class);
        boolean arrays = dialect == Dialect.POSTGRESQL;
        Function<List<String>, List<SnapshotDao.AssetPorts>> read = arrays
                ? ids -> tiedStarts ? dao.latestPortsOfArray(ids.toArray(String[]::new))
                        : dao.copiedPortsOfArray(ids.toArray(String[]::new))
                : ids -> tiedStarts ? dao.latestPortsOf(ids) : dao.copiedPortsOf(ids);
        int chunk = arrays ? ARRAY_CHUNK : IN_CHUNK;
        for (int from = 0; from < assetIds.size(); from += chunk) {
            List<String> part = assetIds.subList(from, Math.min(assetIds.size(), from + chunk));
            for (SnapshotDao.AssetPorts p : read.apply(part)) {
                ports.putIfAbsent(p.assetId(), p.openPorts());
            }
        }
        return ports;
    }

    /**
     * One port_closed row per port of the latest snapshot the scan did not find open (only ports the scan probed,
     * when it recorded its coverage), then one port_opened row per newly open port, each in ascending order
     * (docs/DOMAIN.md §3.4).
     */
    private static void comparePorts(String assetId, List<Integer> before, List<Integer> after, ScanCoverage coverage,
                                     String scanId, Instant now, List<ChangeDao.Write> out) {
        if (before == null) {
            return; // never snapshotted: nothing known to compare with
        }
        Set<Integer> now1 = new java.util.TreeSet<>(after);
        Set<Integer> was = new java.util.TreeSet<>(before);
        for (int p : was) {
            if (!now1.contains(p) && (coverage == null || coverage.probed(p))) {
                out.add(new ChangeDao.Write(assetId, scanId, "port_closed", "open_ports", Integer.toString(p), null,
                        now));
            }
        }
        for (int p : now1) {
            if (!was.contains(p)) {
                out.add(new ChangeDao.Write(assetId, scanId, "port_opened", "open_ports", null, Integer.toString(p),
                        now));
            }
        }
    }

    /**
     * A completed scan's absences (docs/DOMAIN.md §3.15): every asset not yet gone whose address the scan covered,
     * that the scan did not see at that address, and that it asked at least one port the asset last answered on (or
     * that had none open), is missed; a miss that reaches the presence rule makes it gone. Returns {missed, gone}.
     */
    private int[] markAbsent(Handle h, ScanCoverage coverage, String scanId, Instant now, boolean tiedStarts,
                             List<ChangeDao.Write> out) {
        AssetDao assets = h.attach(AssetDao.class);
        Map<String, InventoryAsset> candidates = new java.util.LinkedHashMap<>();
        for (String range : coverage.addresses()) {
            // The database says which addresses the scan saw (its snapshots are written by now), so a scan of any
            // size needs no set of them in memory.
            for (InventoryAsset a : assets.presentUnseenWithPrefix(ScanCoverage.commonPrefix(range) + "%", scanId)) {
                if (coverage.covers(a.ip())) {
                    candidates.putIfAbsent(a.id(), a);
                }
            }
        }
        if (candidates.isEmpty()) {
            return new int[2];
        }
        Map<String, List<Integer>> ports = latestPorts(h, List.copyOf(candidates.keySet()), tiedStarts);
        List<String> alreadyMissed = candidates.values().stream().filter(a -> MISSED.equals(a.status()))
                .map(InventoryAsset::id).toList();
        Map<String, Integer> streaks = new HashMap<>();
        ChangeDao changeDao = h.attach(ChangeDao.class);
        for (int from = 0; from < alreadyMissed.size(); from += IN_CHUNK) {
            changeDao.missStreaks(alreadyMissed.subList(from, Math.min(alreadyMissed.size(), from + IN_CHUNK)))
                    .forEach(m -> streaks.put(m.assetId(), m.misses()));
        }
        List<AssetDao.StatusWrite> statuses = new ArrayList<>();
        int missed = 0;
        int gone = 0;
        for (InventoryAsset a : candidates.values()) {
            List<Integer> known = ports.getOrDefault(a.id(), List.of());
            if (!known.isEmpty() && known.stream().noneMatch(coverage::probed)) {
                continue; // the scan did not ask any port it used to answer on
            }
            int before = MISSED.equals(a.status()) ? streaks.getOrDefault(a.id(), 0) : 0;
            int misses = before + 1;
            out.add(new ChangeDao.Write(a.id(), scanId, "asset_missed", "consecutive_misses",
                    Integer.toString(before), Integer.toString(misses), now));
            missed++;
            boolean old = presence.goneAfterAge() != null && a.lastSeen() != null
                    && !a.lastSeen().plus(presence.goneAfterAge()).isAfter(now);
            if (misses >= presence.goneAfterMisses() || old) {
                out.add(new ChangeDao.Write(a.id(), scanId, "asset_gone", "status", a.status(), GONE, now));
                statuses.add(new AssetDao.StatusWrite(a.id(), GONE));
                gone++;
            } else if (!MISSED.equals(a.status())) {
                statuses.add(new AssetDao.StatusWrite(a.id(), MISSED));
            }
        }
        if (!statuses.isEmpty()) {
            assets.setStatuses(statuses);
        }
        return new int[] {missed, gone};
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
