package io.bigr.discovery.db;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.HistoryEntry;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.core.SwitchInfo;
import io.bigr.discovery.core.Timestamps;
import java.time.Duration;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The inventory store (docs/DOMAIN.md §3): one repository used by the CLI, the API and the scheduler.
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

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
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
                InventoryAsset old = existing.get(key(a.ip(), a.mac()));
                String id = old == null ? UUID.randomUUID().toString() : old.id();
                AssetDao.Write w = new AssetDao.Write(id, a.ip(), a.mac(), a.hostname(), a.vendor(), a.osHint(),
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
            if (!seen.add(key(a.ip(), a.mac()))) {
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
        List<String> ips = new ArrayList<>(new LinkedHashSet<>(assets.stream().map(Asset::ip).toList()));
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

    // ---------------------------------------------------------------- scans

    /** The latest finished scan, optionally of one exact target string. */
    public Optional<ScanDetail> latestScan(String target) {
        return jdbi.withHandle(h -> {
            ScanDao scans = h.attach(ScanDao.class);
            Optional<ScanSummary> s = target == null ? scans.latest() : scans.latestFor(target);
            return s.map(summary -> ScanDetail.of(summary, h.attach(SnapshotDao.class).assetsOf(summary.id())));
        });
    }

    public Optional<ScanDetail> scan(String id) {
        return jdbi.withHandle(h -> h.attach(ScanDao.class).find(id)
                .map(summary -> ScanDetail.of(summary, h.attach(SnapshotDao.class).assetsOf(summary.id()))));
    }

    public List<ScanSummary> scans(int limit, long offset) {
        return jdbi.withExtension(ScanDao.class, d -> d.list(limit, offset));
    }

    public long scanCount() {
        return jdbi.withExtension(ScanDao.class, ScanDao::count);
    }

    // ---------------------------------------------------------------- inventory

    public List<InventoryAsset> assets() {
        return jdbi.withExtension(AssetDao.class, AssetDao::all);
    }

    public List<InventoryAsset> assets(int limit, long offset) {
        return jdbi.withExtension(AssetDao.class, d -> d.page(limit, offset));
    }

    public long assetCount() {
        return jdbi.withExtension(AssetDao.class, AssetDao::count);
    }

    public List<InventoryAsset> assetsByIp(String ip) {
        return jdbi.withExtension(AssetDao.class, d -> d.byIp(ip));
    }

    /** History of every inventory row matching ip and/or mac; both empty gives an empty list (§3.8). */
    public List<HistoryEntry> history(String ip, String mac) {
        boolean byIp = ip != null && !ip.isEmpty();
        boolean byMac = mac != null && !mac.isEmpty();
        if (!byIp && !byMac) {
            return List.of();
        }
        String where = byIp && byMac ? "a.ip = :ip AND a.mac = :mac" : byIp ? "a.ip = :ip" : "a.mac = :mac";
        return jdbi.withExtension(SnapshotDao.class, d -> d.history(where, ip, mac));
    }

    public List<AssetChange> changes(int limit, long offset) {
        return jdbi.withExtension(ChangeDao.class, d -> d.feed(limit, offset));
    }

    public long changeCount() {
        return jdbi.withExtension(ChangeDao.class, ChangeDao::count);
    }

    public List<AssetChange> changesOfScan(String scanId) {
        return jdbi.withExtension(ChangeDao.class, d -> d.ofScan(scanId));
    }

    // ---------------------------------------------------------------- tags

    /**
     * Sets the manual category of every inventory row with this IP. {@code unclassified} and unknown values are
     * rejected. Returns the number of rows tagged (0 for an unknown IP).
     */
    public int tag(String ip, String category, String note) {
        BigrCategory c = BigrCategory.parse(category).filter(BigrCategory.TAGGABLE::contains)
                .orElseThrow(() -> new InvalidInputException("category", "Invalid category '" + category
                        + "'. Valid: " + BigrCategory.taggableValues()));
        String n = note == null || note.isBlank() ? null : note;
        return jdbi.withExtension(AssetDao.class, d -> d.tag(ip, c.value(), n));
    }

    public int untag(String ip) {
        return jdbi.withExtension(AssetDao.class, d -> d.untag(ip));
    }

    public List<InventoryAsset> tags() {
        return jdbi.withExtension(AssetDao.class, AssetDao::tagged);
    }

    // ---------------------------------------------------------------- subnets

    public void addSubnet(String cidr, String label, Integer vlanId) {
        jdbi.useExtension(SubnetDao.class, d -> d.upsert(cidr, label == null ? "" : label, vlanId));
    }

    public boolean removeSubnet(String cidr) {
        return jdbi.withExtension(SubnetDao.class, d -> d.remove(cidr)) > 0;
    }

    /** Ordered by cidr in code-point order, identically on both databases. */
    public List<Subnet> subnets() {
        List<Subnet> all = new ArrayList<>(jdbi.withExtension(SubnetDao.class, SubnetDao::all));
        all.sort(Comparator.comparing(Subnet::cidr));
        return all;
    }

    // ---------------------------------------------------------------- switches

    /** Registers or updates a switch; secrets must already be encrypted by the caller. */
    public void saveSwitch(SwitchDao.Credentials c) {
        jdbi.useExtension(SwitchDao.class, d -> d.upsert(c.host(), c.community(), c.version(),
                c.label() == null ? "" : c.label(), c.snmpUser(), c.authProtocol(), c.authSecret(), c.privProtocol(),
                c.privSecret()));
    }

    public boolean removeSwitch(String host) {
        return jdbi.withExtension(SwitchDao.class, d -> d.remove(host)) > 0;
    }

    public List<SwitchInfo> switches() {
        List<SwitchInfo> all = new ArrayList<>(jdbi.withExtension(SwitchDao.class, SwitchDao::all));
        all.sort(Comparator.comparing(SwitchInfo::host));
        return all;
    }

    public List<SwitchDao.Credentials> switchCredentials() {
        return jdbi.withExtension(SwitchDao.class, SwitchDao::credentials);
    }

    public void recordPoll(String host, int macCount) {
        jdbi.useExtension(SwitchDao.class, d -> d.pollStats(host, Timestamps.now(), macCount));
    }

    // ---------------------------------------------------------------- certificates

    /** Upserts on (ip, port), stamping last_checked and recomputing expiry from valid_to. */
    public void saveCertificate(Certificate c) {
        Instant now = Timestamps.now();
        Certificate stamped = new Certificate(null, c.ip(), c.port(), c.cn(), c.issuer(), c.issuerOrg(), c.validFrom(),
                c.validTo(), c.serial(), c.keySize(), c.keyAlgorithm(), c.isSelfSigned(), c.isExpired(),
                c.daysUntilExpiry(), c.san(), now, c.signatureAlgorithm()).asOf(now);
        jdbi.useExtension(CertificateDao.class, d -> d.upsert(new CertificateDao.Row(stamped)));
    }

    public List<Certificate> certificates() {
        Instant now = Instant.now();
        return jdbi.withExtension(CertificateDao.class, CertificateDao::all).stream().map(c -> c.asOf(now)).toList();
    }

    /** Certificates whose (recomputed) days until expiry are at most {@code days}, soonest first; includes expired. */
    public List<Certificate> expiringCertificates(int days) {
        Instant now = Instant.now();
        Instant cutoff = now.plus(Duration.ofDays(days + 1L));
        return jdbi.withExtension(CertificateDao.class, d -> d.expiringBefore(cutoff, days)).stream()
                .map(c -> c.asOf(now))
                .filter(c -> c.daysUntilExpiry() != null && c.daysUntilExpiry() <= days)
                .sorted(Comparator.comparing(Certificate::daysUntilExpiry))
                .toList();
    }
}
