package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.DatabaseContract;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each asset's latest open ports ({@code asset_ports}, docs/DOMAIN.md §3.6) and the carry-forward of ports a scan did
 * not probe (§3.4): after every write the table holds exactly the ports of each asset's latest snapshot(s), and the
 * {@code port} filter of the inventory list agrees, through opens and closes, partial port lists, scans posted late,
 * ties, merges, prunes and the changeSet's backfill. Once per database by {@link SqliteAssetPortsIT} and
 * {@link PostgresAssetPortsIT}.
 */
abstract class AssetPortsContract extends DatabaseContract {
    private static final String NET = "10.0.0.0/28";
    private static final ScanCoverage FULL = new ScanCoverage(List.of("10.0.0.0-10.0.0.15"), "22,80,443,445,8443",
            true, 0, 0);
    private static final ScanCoverage ONLY_22 = new ScanCoverage(List.of("10.0.0.0-10.0.0.15"), "22", true, 0, 0);

    private int minute;

    @BeforeEach
    void emptyTables() {
        empty("asset_changes", "asset_links", "asset_ports", "scan_assets", "assets", "scans");
        minute = 0;
    }

    /** A scan of {@link #NET} started at {@code started}, with {@code coverage} in its details (or none). */
    private static ScanResult scanAt(Instant started, ScanCoverage coverage, Asset... assets) {
        ObjectNode details = Json.object().put("mode", "active");
        if (coverage != null) {
            details.set(ScanCoverage.DETAILS_KEY, coverage.toJson());
        }
        return new ScanResult(NET, ScanMethod.ACTIVE, started, started.plusSeconds(60), false, List.of(assets),
                details);
    }

    /** A scan ten minutes after the previous one. */
    private ScanResult scan(ScanCoverage coverage, Asset... assets) {
        return scanAt(T0.plus(Duration.ofMinutes(++minute * 10L)), coverage, assets);
    }

    private static Asset host(String ip, Integer... ports) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Asset(IpAddress.of(ip), null, null, null, List.of(ports), null, BigrCategory.UNCLASSIFIED, 0.0,
                ScanMethod.ACTIVE, now, now, null, null, null, null);
    }

    private String idOf(String ip) {
        return daos.assets().byIp(ip).get(0).id();
    }

    /** The latest ports of {@code ip} as the table holds them. */
    private List<Integer> portsOf(String ip) {
        return daos.ports().portsOf(List.of(idOf(ip))).getOrDefault(idOf(ip), List.of());
    }

    /** The ips the inventory list keeps for {@code port=N}, and its total, as {@code GET /api/assets} asks. */
    private List<String> withPort(int port) {
        InventoryQuery q = new InventoryQuery(null, null, null, null, null, null, port, null, null, null,
                InventoryQuery.Sort.IP, false, null, 100_000);
        List<String> ips = daos.assets().list(q).stream().map(io.bigr.discovery.core.InventoryAsset::ip).toList();
        assertThat(daos.assets().countMatching(q)).isEqualTo(ips.size());
        return ips;
    }

    /** The invariant: every asset's rows are the union of the ports of its latest snapshot(s), read afresh. */
    private void assertMatchesTheSnapshots() {
        List<String> ids = daos.assets().all().stream().map(io.bigr.discovery.core.InventoryAsset::id).toList();
        Map<String, TreeSet<Integer>> expected = new TreeMap<>();
        for (SnapshotDao.AssetPorts p : ids.isEmpty() ? List.<SnapshotDao.AssetPorts>of()
                : daos.snapshots().latestPortsOf(ids)) {
            if (!p.openPorts().isEmpty()) {
                expected.computeIfAbsent(p.assetId(), k -> new TreeSet<>()).addAll(p.openPorts());
            }
        }
        Map<String, TreeSet<Integer>> actual = new TreeMap<>();
        db.jdbi().withHandle(h -> h.createQuery("SELECT asset_id, port FROM asset_ports").mapToMap().list())
                .forEach(r -> actual.computeIfAbsent((String) r.get("asset_id"), k -> new TreeSet<>())
                        .add(((Number) r.get("port")).intValue()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theFilterFollowsPortsThatOpenAndClose() {
        daos.store().save(scan(FULL, host("10.0.0.1", 22, 80), host("10.0.0.2", 443)));
        assertThat(withPort(22)).containsExactly("10.0.0.1");
        assertThat(withPort(443)).containsExactly("10.0.0.2");
        daos.store().save(scan(FULL, host("10.0.0.1", 22), host("10.0.0.2", 443, 8443)));
        assertThat(withPort(80)).isEmpty();
        assertThat(withPort(8443)).containsExactly("10.0.0.2");
        assertThat(portsOf("10.0.0.1")).containsExactly(22);
        daos.store().save(scan(FULL, host("10.0.0.1"), host("10.0.0.2", 443, 8443)));
        assertThat(withPort(22)).isEmpty();
        assertThat(portsOf("10.0.0.1")).isEmpty();
        assertMatchesTheSnapshots();
    }

    @Test
    void aPortTheScanDidNotProbeIsKeptAndOneItProbedIsClosed() {
        daos.store().save(scan(FULL, host("10.0.0.1", 22, 80), host("10.0.0.9", 80)));
        // `bigr scan --ports 22` of a host known with 80 open: 80 is unknown, not closed.
        InventoryStore.SaveOutcome partial = daos.store().save(scan(ONLY_22, host("10.0.0.1", 22),
                host("10.0.0.9")));
        assertThat(daos.changes().ofScan(partial.scanId())).isEmpty();
        assertThat(portsOf("10.0.0.1")).containsExactly(22, 80);
        assertThat(portsOf("10.0.0.9")).containsExactly(80);
        assertThat(daos.snapshots().assetsOf(partial.scanId()))
                .extracting(io.bigr.discovery.core.ScanAssetView::ip, io.bigr.discovery.core.ScanAssetView::openPorts)
                .containsExactlyInAnyOrder(tuple("10.0.0.1", List.of(22, 80)), tuple("10.0.0.9", List.of(80)));
        assertThat(withPort(80)).containsExactly("10.0.0.1", "10.0.0.9");
        // A scan that asks 80 and does not find it open closes it.
        InventoryStore.SaveOutcome full = daos.store().save(scan(FULL, host("10.0.0.1", 22), host("10.0.0.9")));
        assertThat(daos.changes().ofScan(full.scanId()))
                .extracting(AssetChange::ip, AssetChange::changeType, AssetChange::oldValue)
                .containsExactlyInAnyOrder(tuple("10.0.0.1", "port_closed", "80"), tuple("10.0.0.9", "port_closed", "80"));
        assertThat(withPort(80)).isEmpty();
        assertMatchesTheSnapshots();
    }

    @Test
    void hostsOutsideTheCoverageGetNoPortRows() {
        daos.store().save(scan(FULL, host("10.0.0.1", 22), host("10.0.0.3", 80)));
        // A scan of 10.0.0.1 only, asking 22: 10.0.0.3 is neither seen nor covered, so nothing about its ports.
        ScanCoverage one = new ScanCoverage(List.of("10.0.0.1"), "22", true, 0, 0);
        InventoryStore.SaveOutcome out = daos.store().save(scan(one, host("10.0.0.1", 22)));
        assertThat(daos.changes().ofScan(out.scanId())).isEmpty();
        assertThat(out.missed()).isZero();
        assertThat(portsOf("10.0.0.3")).containsExactly(80);
        assertMatchesTheSnapshots();
    }

    @Test
    void aScanWithoutCoverageKeepsOnlyWhatItFound() {
        daos.store().save(scan(FULL, host("10.0.0.1", 22, 80)));
        InventoryStore.SaveOutcome none = daos.store().save(scan(null, host("10.0.0.1", 22)));
        assertThat(daos.changes().ofScan(none.scanId())).extracting(AssetChange::changeType, AssetChange::oldValue)
                .containsExactly(tuple("port_closed", "80"));
        assertThat(portsOf("10.0.0.1")).containsExactly(22);
        assertMatchesTheSnapshots();
    }

    @Test
    void anImportedNmapReportOfOnePortKeepsTheOthers() {
        daos.store().save(scanAt(T0, FULL, host("10.0.0.1", 22, 80)));
        String xml = "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\" args=\"nmap -p 22 10.0.0.1\""
                + " start=\"" + T0.plusSeconds(3600).getEpochSecond() + "\"><scaninfo type=\"connect\""
                + " protocol=\"tcp\" services=\"22\"/><host><status state=\"up\"/>"
                + "<address addr=\"10.0.0.1\" addrtype=\"ipv4\"/><ports><port protocol=\"tcp\" portid=\"22\">"
                + "<state state=\"closed\"/></port></ports></host></nmaprun>";
        ScanResult imported = io.bigr.discovery.exchange.NmapXml.read(
                new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "r.xml");
        InventoryStore.SaveOutcome out = daos.store().save(imported);
        // nmap asked 22 and found it closed; it never asked 80.
        assertThat(daos.changes().ofScan(out.scanId())).extracting(AssetChange::changeType, AssetChange::oldValue)
                .containsExactly(tuple("port_closed", "22"));
        assertThat(portsOf("10.0.0.1")).containsExactly(80);
        assertMatchesTheSnapshots();
    }

    @Test
    void aScanPostedLateLeavesTheLatestPortsAndATieAddsItsPorts() {
        Instant late = T0.plus(Duration.ofHours(5));
        daos.store().save(scanAt(late, FULL, host("10.0.0.1", 443)));
        daos.store().save(scanAt(T0.plus(Duration.ofHours(1)), FULL, host("10.0.0.1", 22), host("10.0.0.2", 22)));
        assertThat(portsOf("10.0.0.1")).containsExactly(443);
        assertThat(portsOf("10.0.0.2")).containsExactly(22);
        assertThat(withPort(22)).containsExactly("10.0.0.2");
        // Another scan that started at the same time as the latest: both snapshots are the latest (§3.5).
        daos.store().save(scanAt(late, FULL, host("10.0.0.1", 8443)));
        assertThat(portsOf("10.0.0.1")).containsExactly(443, 8443);
        assertMatchesTheSnapshots();
        daos.store().save(scanAt(late.plusSeconds(1), FULL, host("10.0.0.1", 22)));
        assertThat(portsOf("10.0.0.1")).containsExactly(22);
        assertMatchesTheSnapshots();
    }

    /**
     * Without two scans of the same start a save reads each asset's latest ports from the copy beside it
     * ({@code latest_snapshots}); with a tie anywhere it reads the snapshots and the table themselves. The same scans
     * of other addresses record the same changes and rows either way.
     */
    @Test
    void aTieOfStartsElsewhereChangesNothingASaveRecords() {
        assertThat(daos.snapshots().tiedStarts()).isZero();
        List<String> withoutTie = portHistory(1, T0.plus(Duration.ofHours(1)));
        assertMatchesTheSnapshots();
        Instant tied = T0.plus(Duration.ofHours(3));
        daos.store().save(scanAt(tied, FULL, host("10.0.0.14", 22)));
        daos.store().save(scanAt(tied, FULL, host("10.0.0.14", 443)));
        assertThat(daos.snapshots().tiedStarts()).isEqualTo(1);
        List<String> withTie = portHistory(5, T0.plus(Duration.ofHours(4)));
        assertThat(withoutTie).hasSize(12).isEqualTo(withTie);
        assertMatchesTheSnapshots();
    }

    /**
     * Three scans of the four addresses from {@code 10.0.0.<first>} on, the second probing port 22 only; their change
     * rows and resulting ports, addresses numbered from 0.
     */
    private List<String> portHistory(int first, Instant start) {
        String[] ip = new String[4];
        for (int i = 0; i < 4; i++) {
            ip[i] = "10.0.0." + (first + i);
        }
        List<String> out = new ArrayList<>();
        List<InventoryStore.SaveOutcome> saves = List.of(
                daos.store().save(scanAt(start, FULL, host(ip[0], 22, 80), host(ip[1], 443), host(ip[2]),
                        host(ip[3], 22))),
                daos.store().save(scanAt(start.plusSeconds(600), ONLY_22, host(ip[0]), host(ip[1], 22),
                        host(ip[2], 22), host(ip[3], 22))),
                daos.store().save(scanAt(start.plusSeconds(1200), FULL, host(ip[0], 80, 443), host(ip[1], 22),
                        host(ip[2]), host(ip[3], 8443))));
        for (InventoryStore.SaveOutcome save : saves.subList(1, 3)) {
            daos.changes().ofScan(save.scanId()).stream()
                    .filter(c -> List.of(ip).contains(c.ip()))
                    .map(c -> (Integer.parseInt(c.ip().substring(7)) - first) + " " + c.changeType() + " "
                            + c.oldValue() + " " + c.newValue())
                    .sorted().forEach(out::add);
        }
        for (int i = 0; i < 4; i++) {
            out.add(i + " ports " + portsOf(ip[i]));
        }
        return out;
    }

    @Test
    void aMergeTakesTheNewestSnapshotsPortsAndASplitRowHasNone() {
        daos.store().save(scan(FULL, host("10.0.0.1", 22)));
        daos.store().save(scan(FULL, host("10.0.0.1", 22), host("10.0.0.2", 80, 443)));
        String keep = idOf("10.0.0.1");
        String gone = idOf("10.0.0.2");
        // The second scan saw both rows: its snapshot of the kept row stays, so the kept row's latest ports are 22.
        daos.store().merge(keep, gone);
        assertThat(portsOf("10.0.0.1")).containsExactly(22);
        assertThat(withPort(80)).isEmpty();
        assertMatchesTheSnapshots();

        daos.store().save(scan(FULL, host("10.0.0.3", 8443)));
        daos.store().merge(keep, idOf("10.0.0.3"));
        // The merged row's snapshot is newer than any of the kept row's and moved to it.
        assertThat(portsOf("10.0.0.1")).containsExactly(8443);
        assertThat(withPort(8443)).containsExactly("10.0.0.1");
        assertThat(withPort(22)).isEmpty();
        assertMatchesTheSnapshots();
    }

    @Test
    void aPruneNeverChangesTheLatestPorts() {
        Instant now = T0.plus(Duration.ofDays(30));
        for (int day = 1; day <= 4; day++) {
            daos.store().save(scanAt(T0.plus(Duration.ofDays(day)), null, host("10.0.0.1", 22, day == 4 ? 443 : 80),
                    host("10.0.0.2", day)));
        }
        SnapshotRetention.Outcome out = new SnapshotRetention(daos.assets(), daos.snapshots())
                .prune(new SnapshotRetention.Policy(Duration.ofDays(1), 1), now, false);
        assertThat(out.removed()).isEqualTo(6);
        assertThat(portsOf("10.0.0.1")).containsExactly(22, 443);
        assertThat(portsOf("10.0.0.2")).containsExactly(4);
        assertThat(withPort(443)).containsExactly("10.0.0.1");
        assertMatchesTheSnapshots();
    }

    @Test
    void theChangeSetFillsTheTableFromEachAssetsLatestSnapshots() {
        daos.store().save(scanAt(T0.plusSeconds(60), null, host("10.0.0.1", 22, 80), host("10.0.0.2", 443),
                host("10.0.0.3", 25)));
        daos.store().save(scanAt(T0.plusSeconds(120), null, host("10.0.0.1", 8080), host("10.0.0.2", 443)));
        daos.store().save(scanAt(T0.plusSeconds(120), null, host("10.0.0.1", 8443)));
        // Snapshot text an earlier release or another writer left behind: read as every read of it reads it.
        db.execute("UPDATE scan_assets SET open_ports = 'not json' WHERE asset_id = '" + idOf("10.0.0.2") + "'");
        db.execute("UPDATE scan_assets SET open_ports = '[25, \"x\", 25]' WHERE asset_id = '"
                + idOf("10.0.0.3") + "'");
        // Back to the schema before the changeSet, then migrate as an upgrade would.
        db.execute("DROP TABLE asset_ports");
        db.execute("DELETE FROM DATABASECHANGELOG WHERE id = '12-6-asset-ports'");
        db.migrate();

        assertThat(portsOf("10.0.0.1")).containsExactly(8080, 8443);
        assertThat(portsOf("10.0.0.2")).isEmpty();
        assertThat(portsOf("10.0.0.3")).containsExactly(25);
        assertThat(withPort(25)).containsExactly("10.0.0.3");
        assertMatchesTheSnapshots();
    }

    @Test
    void savesOfManyAssetsKeepTheTableExact() {
        List<Asset> first = new ArrayList<>();
        List<Asset> second = new ArrayList<>();
        for (int i = 0; i < 2300; i++) {
            String ip = "10.1." + (i >> 8) + "." + (i & 255);
            first.add(host(ip, 22, 80 + i % 3));
            second.add(host(ip, i % 2 == 0 ? new Integer[] {22} : new Integer[] {443}));
        }
        ScanCoverage wide = new ScanCoverage(List.of("10.1.0.0-10.1.255.255"), "22,443", true, 0, 0);
        daos.store().save(scan(wide, first.toArray(Asset[]::new)));
        daos.store().save(scan(wide, second.toArray(Asset[]::new)));
        // 22 asked and closed on odd hosts, 80-82 never asked: carried.
        assertThat(withPort(22)).hasSize(1150);
        assertThat(withPort(443)).hasSize(1150);
        assertThat(withPort(81)).hasSize(767);
        assertThat(portsOf("10.1.0.1")).containsExactly(81, 443);
        assertMatchesTheSnapshots();
    }
}
