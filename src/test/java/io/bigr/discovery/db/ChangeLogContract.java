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
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.scan.pipeline.ScanStore;
import io.bigr.discovery.testing.TestDb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The complete change log (docs/DOMAIN.md §3.4, §3.15) with worked examples: port rows, the miss → gone → returned
 * sequence, coverage that marks nothing, the change feed's filters and the diff by coverage. Run once per database by
 * {@link SqliteChangeLogIT} and {@link PostgresChangeLogIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangeLogContract {
    private static final String NET = "10.0.0.0/28";
    private static final ScanCoverage FULL = new ScanCoverage(List.of("10.0.0.0-10.0.0.15"), "22,80,443,445",
            true, 0, 40);

    private TestDb db;
    private Daos daos;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() {
        db = newDatabase().migrate();
        daos = db.daos();
    }

    @AfterAll
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        for (String table : List.of("asset_changes", "scan_assets", "assets", "scans")) {
            db.execute("DELETE FROM " + table);
        }
    }

    private int minute;

    /** A scan of {@code target} some minutes after the previous one, with {@code coverage} in its details (or none). */
    private ScanResult scan(String target, ScanCoverage coverage, Asset... assets) {
        Instant started = T0.plus(Duration.ofMinutes(++minute * 10L));
        ObjectNode details = Json.object().put("mode", "active");
        if (coverage != null) {
            details.set(ScanCoverage.DETAILS_KEY, coverage.toJson());
        }
        return new ScanResult(target, ScanMethod.ACTIVE, started, started.plusSeconds(60), false, List.of(assets),
                details);
    }

    /** An asset seen now (an asset last seen long ago would be gone at its first miss, by the age limit). */
    private static Asset host(String ip, Integer... ports) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new Asset(IpAddress.of(ip), null, null, null, List.of(ports), null, BigrCategory.UNCLASSIFIED, 0.0,
                ScanMethod.ACTIVE, now, now, null, null, null, null);
    }

    private List<AssetChange> changesOf(String ip) {
        List<AssetChange> newestFirst = new java.util.ArrayList<>(
                daos.changes().feed(new ChangeDao.Filter(null, ip, null, null), 100, 0));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    private String status(String ip) {
        return daos.assets().byIp(ip).get(0).status();
    }

    @Test
    void eachPortThatOpensOrClosesIsOneChangeRow() {
        daos.store().save(scan(NET, FULL, host("10.0.0.1", 22, 443)));
        InventoryStore.SaveOutcome second = daos.store().save(scan(NET, FULL, host("10.0.0.1", 22, 445, 8443)));

        assertThat(second.portChanges()).isEqualTo(3);
        assertThat(daos.changes().ofScan(second.scanId()))
                .extracting(AssetChange::changeType, AssetChange::fieldName, AssetChange::oldValue, AssetChange::newValue)
                .containsExactly(
                        tuple("port_closed", "open_ports", "443", null),
                        tuple("port_opened", "open_ports", null, "445"),
                        tuple("port_opened", "open_ports", null, "8443"));
        assertThat(status("10.0.0.1")).isEqualTo("online");
    }

    @Test
    void aPortTheScanDidNotProbeIsNotClosed() {
        daos.store().save(scan(NET, FULL, host("10.0.0.1", 22, 8443)));
        ScanCoverage noHighPorts = new ScanCoverage(List.of("10.0.0.0-10.0.0.15"), "1-1024", true, 0, 0);
        InventoryStore.SaveOutcome second = daos.store().save(scan(NET, noHighPorts, host("10.0.0.1", 22)));

        assertThat(daos.changes().ofScan(second.scanId())).isEmpty();
        // Without coverage (a posted scan of an older scanner), every port of the latest snapshot that is no longer
        // open is closed. The latest snapshot is the second scan's, which kept the 8443 it did not ask.
        InventoryStore.SaveOutcome third = daos.store().save(scan(NET, null, host("10.0.0.1")));
        assertThat(daos.changes().ofScan(third.scanId())).extracting(AssetChange::changeType, AssetChange::oldValue)
                .containsExactly(tuple("port_closed", "22"), tuple("port_closed", "8443"));
    }

    @Test
    void missedThreeTimesIsGoneAndComesBackAsReturned() {
        daos.store().save(scan(NET, FULL, host("10.0.0.1", 22), host("10.0.0.2", 80)));
        InventoryStore.SaveOutcome miss1 = daos.store().save(scan(NET, FULL, host("10.0.0.2", 80)));
        assertThat(status("10.0.0.1")).isEqualTo("missed");
        assertThat(miss1.missed()).isEqualTo(1);
        daos.store().save(scan(NET, FULL, host("10.0.0.2", 80)));
        assertThat(status("10.0.0.1")).isEqualTo("missed");
        InventoryStore.SaveOutcome miss3 = daos.store().save(scan(NET, FULL, host("10.0.0.2", 80)));
        assertThat(miss3.gone()).isEqualTo(1);
        assertThat(status("10.0.0.1")).isEqualTo("gone");
        // A gone asset is not missed again.
        InventoryStore.SaveOutcome quiet = daos.store().save(scan(NET, FULL, host("10.0.0.2", 80)));
        assertThat(quiet.missed()).isZero();
        InventoryStore.SaveOutcome back = daos.store().save(scan(NET, FULL, host("10.0.0.1", 22), host("10.0.0.2", 80)));
        assertThat(back.returned()).isEqualTo(1);
        assertThat(status("10.0.0.1")).isEqualTo("online");
        assertThat(status("10.0.0.2")).isEqualTo("online");

        assertThat(changesOf("10.0.0.1"))
                .extracting(AssetChange::changeType, AssetChange::fieldName, AssetChange::oldValue, AssetChange::newValue)
                .containsExactly(
                        tuple("new_asset", null, null, null),
                        tuple("asset_missed", "consecutive_misses", "0", "1"),
                        tuple("asset_missed", "consecutive_misses", "1", "2"),
                        tuple("asset_missed", "consecutive_misses", "2", "3"),
                        tuple("asset_gone", "status", "missed", "gone"),
                        tuple("asset_returned", "status", "gone", "online"));
        assertThat(changesOf("10.0.0.2")).extracting(AssetChange::changeType).containsExactly("new_asset");

        // After its return the count starts again.
        daos.store().save(scan(NET, FULL, host("10.0.0.2", 80)));
        assertThat(changesOf("10.0.0.1")).last().extracting(AssetChange::oldValue, AssetChange::newValue)
                .containsExactly("0", "1");
        assertThat(status("10.0.0.1")).isEqualTo("missed");
    }

    @Test
    void anIpv6AddressScannedByAddressIsMissedGoneAndReturned() {
        // A scan that lists IPv6 addresses in its coverage (a posted result; bigr scan itself probes IPv4 only).
        ScanCoverage both = new ScanCoverage(List.of("10.0.0.0-10.0.0.15", "2001:DB8:0::5"), FULL.ports(), true, 0,
                0);
        assertThat(both.addresses()).containsExactly("10.0.0.0-10.0.0.15", "2001:db8::5");
        daos.store().save(scan(NET, both, host("10.0.0.1", 22), host("2001:db8::5", 22), host("2001:db8::50", 80)));
        for (int i = 1; i <= 3; i++) {
            InventoryStore.SaveOutcome miss = daos.store().save(scan(NET, both, host("10.0.0.1", 22)));
            assertThat(miss.missed()).as("miss %d", i).isEqualTo(1);
        }
        assertThat(status("2001:db8::5")).isEqualTo("gone");
        // 2001:db8::50 is not listed (its text starts with the listed address's): never missed.
        assertThat(status("2001:db8::50")).isEqualTo("online");
        InventoryStore.SaveOutcome back = daos.store().save(scan(NET, both, host("10.0.0.1", 22),
                host("2001:db8::5", 22)));
        assertThat(back.returned()).isEqualTo(1);
        assertThat(changesOf("2001:db8::5")).extracting(AssetChange::changeType).containsExactly("new_asset",
                "asset_missed", "asset_missed", "asset_missed", "asset_gone", "asset_returned");
        assertThat(status("2001:db8::5")).isEqualTo("online");
        assertThat(changesOf("2001:db8::50")).extracting(AssetChange::changeType).containsExactly("new_asset");
    }

    @Test
    void aMissedAssetSeenAgainReturnsFromMissed() {
        daos.store().save(scan(NET, FULL, host("10.0.0.1", 22)));
        daos.store().save(scan(NET, FULL));
        InventoryStore.SaveOutcome back = daos.store().save(scan(NET, FULL, host("10.0.0.1", 22)));
        assertThat(daos.changes().ofScan(back.scanId())).extracting(AssetChange::changeType, AssetChange::oldValue)
                .containsExactly(tuple("asset_returned", "missed"));
    }

    @Test
    void partialInterruptedOrUncoveredScansMarkNothingMissed() {
        daos.store().save(scan(NET, FULL, host("10.0.0.1", 22), host("10.0.0.3", 8443)));

        ScanCoverage lostProbes = new ScanCoverage(FULL.addresses(), FULL.ports(), false, 12, 0);
        ScanCoverage otherRange = new ScanCoverage(List.of("10.0.1.0-10.0.1.255"), FULL.ports(), true, 0, 0);
        ScanCoverage passive = new ScanCoverage(List.of(), FULL.ports(), true, 0, 0);
        for (ScanCoverage c : java.util.Arrays.asList(lostProbes, otherRange, passive, null)) {
            InventoryStore.SaveOutcome out = daos.store().save(scan(NET, c));
            assertThat(out.missed()).as("coverage %s", c).isZero();
            assertThat(daos.changes().ofScan(out.scanId())).as("coverage %s", c).isEmpty();
        }
        // 10.0.0.3 answered only on 8443, which FULL does not ask: covered address, uncovered ports.
        InventoryStore.SaveOutcome full = daos.store().save(scan(NET, FULL));
        assertThat(daos.changes().ofScan(full.scanId())).extracting(AssetChange::ip, AssetChange::changeType)
                .containsExactly(tuple("10.0.0.1", "asset_missed"));
        assertThat(status("10.0.0.3")).isEqualTo("online");
    }

    @Test
    void aMissLongAfterTheLastSightingIsGoneAtOnce() {
        InventoryStore store = new InventoryStore(db.jdbi(), db.dialect(),
                new InventoryStore.Presence(3, Duration.ofDays(1)));
        Instant longAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Asset old = new Asset(IpAddress.of("10.0.0.9"), null, null, null, List.of(22), null, BigrCategory.UNCLASSIFIED, 0.0,
                ScanMethod.ACTIVE, longAgo, longAgo, null, null, null, null);
        store.save(scan(NET, FULL, old));
        InventoryStore.SaveOutcome miss = store.save(scan(NET, FULL));
        assertThat(daos.changes().ofScan(miss.scanId())).extracting(AssetChange::changeType)
                .containsExactly("asset_missed", "asset_gone");
        assertThat(status("10.0.0.9")).isEqualTo("gone");
    }

    @Test
    void coverageIsStoredWithTheScanNotInItsDetails() {
        InventoryStore.SaveOutcome out = daos.store().save(scan(NET, FULL, host("10.0.0.1", 22)));
        assertThat(ScanCoverage.fromText(daos.scans().coverage(out.scanId()).orElseThrow())).isEqualTo(FULL);
        assertThat(Json.parseObject(daos.scans().details(out.scanId()).orElseThrow()).has("coverage")).isFalse();
        InventoryStore.SaveOutcome none = daos.store().save(scan(NET, null, host("10.0.0.1", 22)));
        assertThat(daos.scans().coverage(none.scanId())).isEmpty();
    }

    @Test
    void theFeedFiltersByTypeIpAndTime() {
        daos.store().save(scan(NET, FULL, host("10.0.0.1", 22), host("10.0.0.2", 80)));
        daos.store().save(scan(NET, FULL, host("10.0.0.1", 22, 443), host("10.0.0.2")));
        Instant cut = Instant.now();

        ChangeDao.Filter opened = new ChangeDao.Filter("port_opened", null, null, null);
        assertThat(daos.changes().feed(opened, 10, 0)).extracting(AssetChange::ip, AssetChange::newValue)
                .containsExactly(tuple("10.0.0.1", "443"));
        assertThat(daos.changes().count(opened)).isEqualTo(1);
        ChangeDao.Filter ofTwo = new ChangeDao.Filter(null, "10.0.0.2", null, null);
        assertThat(daos.changes().feed(ofTwo, 10, 0)).extracting(AssetChange::changeType)
                .containsExactly("port_closed", "new_asset");
        assertThat(daos.changes().count(ofTwo)).isEqualTo(2);
        assertThat(daos.changes().feed(ofTwo, 1, 1)).extracting(AssetChange::changeType).containsExactly("new_asset");
        assertThat(daos.changes().count(new ChangeDao.Filter(null, null, cut.plusSeconds(60), null))).isZero();
        assertThat(daos.changes().count(new ChangeDao.Filter(null, null, null, cut.plusSeconds(60)))).isEqualTo(4);
        assertThat(daos.changes().count(new ChangeDao.Filter(null, null, null, Instant.EPOCH))).isZero();
        assertThat(daos.changes().count(ChangeDao.Filter.ALL)).isEqualTo(daos.changes().count());
    }

    @Test
    void aScanOfOneAddressInsideAnEarlierNetworkKnowsWhatTheInventoryKnew() {
        daos.store().save(scan("10.0.0.0/28", FULL, host("10.0.0.5", 22, 80), host("10.0.0.6", 443),
                host("10.0.0.50", 22)));
        List<ScanAssetView> known = ScanStore.of(daos).knownAt(ScanTarget.parse("10.0.0.5"));
        assertThat(known).extracting(ScanAssetView::ip, ScanAssetView::openPorts)
                .containsExactly(tuple("10.0.0.5", List.of(22, 80)));
        assertThat(ScanStore.of(daos).knownAt(ScanTarget.parse("10.0.0.0-15")))
                .extracting(ScanAssetView::ip).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.6");
        assertThat(ScanStore.of(daos).knownAt(ScanTarget.parse("10.0.1.0/24"))).isEmpty();
    }
}
