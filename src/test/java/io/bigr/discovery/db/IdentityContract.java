package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.core.AssetLink;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.MacKind;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.DatabaseContract;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One device per row (docs/DOMAIN.md §3.17) with worked examples: a phone whose randomised MAC rotates stays one
 * row (same address or same hostname), the refusals (both MACs at once, different vendor or device type, a universal
 * or 802c-assigned local MAC, an address alone, two equal candidates, a split pair), and a user's merge and split
 * through the store, the API and the CLI. Once per database by {@link SqliteIdentityIT} and {@link PostgresIdentityIT}.
 */
abstract class IdentityContract extends DatabaseContract {
    private int hour;

    @BeforeEach
    void emptyTables() {
        empty("asset_links", "asset_changes", "scan_assets", "assets", "scans");
    }

    private static Asset device(String ip, String mac, String hostname, String vendor, String deviceType) {
        return new Asset(IpAddress.of(ip), MacAddress.ofNullable(mac), hostname, vendor, List.of(443), null,
                BigrCategory.TASINABILIR, 0.7, ScanMethod.HYBRID, T0, T0, null, null, null, null, deviceType, null,
                null, null);
    }

    private void scan(Asset... assets) {
        Instant started = T0.plus(Duration.ofHours(++hour));
        daos.store().save(new ScanResult("10.0.0.0/24", ScanMethod.HYBRID, started, started.plusSeconds(30), false,
                List.of(assets)));
    }

    private List<InventoryAsset> rows() {
        return daos.assets().all();
    }

    private List<String> typesOf(String assetId) {
        return daos.changes().feed(new ChangeDao.Filter(null, null, null, null), 100, 0).stream()
                .filter(c -> c.assetId().equals(assetId)).map(AssetChange::changeType).toList();
    }

    @Test
    void macKindsFollowThe802cQuadrants() {
        assertThat(MacKind.of("00:1e:bd:00:00:01")).isEqualTo(MacKind.UNIVERSAL);
        assertThat(MacKind.of("02:11:22:33:44:55")).isEqualTo(MacKind.RANDOM);   // AAI
        assertThat(MacKind.of("f6:11:22:33:44:55")).isEqualTo(MacKind.RANDOM);   // reserved quadrant
        assertThat(MacKind.of("0a:11:22:33:44:55")).isEqualTo(MacKind.ASSIGNED_LOCAL); // ELI
        assertThat(MacKind.of("3e:11:22:33:44:55")).isEqualTo(MacKind.ASSIGNED_LOCAL); // SAI
        assertThat(MacKind.of((String) null)).isEqualTo(MacKind.UNKNOWN);
    }

    @Test
    void aRotatedRandomMacAtTheSameAddressAndHostnameStaysOneRow() {
        scan(device("10.0.0.50", "02:11:22:33:44:55", "ayse-iphone", null, "phone"));
        String id = rows().get(0).id();
        scan(device("10.0.0.50", "06:aa:bb:cc:dd:ee", "Ayse-iPhone", null, "phone"));

        assertThat(rows()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.mac()).isEqualTo("06:aa:bb:cc:dd:ee");
        });
        assertThat(daos.snapshots().history("10.0.0.50", null)).hasSize(2);
        assertThat(typesOf(id)).contains("new_asset", "mac_linked");
        List<AssetLink> links = daos.store().links(id);
        assertThat(links).singleElement().satisfies(l -> {
            assertThat(l.mac()).isEqualTo("02:11:22:33:44:55");
            assertThat(l.source()).isEqualTo("auto");
            assertThat(l.confidence()).isEqualTo(1.0);
            assertThat(l.signals()).isEqualTo("[\"hostname\",\"ip\",\"fingerprint\",\"recent\"]");
        });
    }

    @Test
    void aRotatedMacAtANewAddressLinksByHostname() {
        scan(device("10.0.0.50", "02:11:22:33:44:55", "ayse-iphone", null, null));
        scan(device("10.0.0.77", "06:aa:bb:cc:dd:ee", "ayse-iphone", null, null));
        assertThat(rows()).singleElement().satisfies(r -> {
            assertThat(r.ip()).isEqualTo("10.0.0.77");
            assertThat(r.mac()).isEqualTo("06:aa:bb:cc:dd:ee");
        });
        assertThat(daos.store().links(rows().get(0).id())).singleElement()
                .satisfies(l -> assertThat(l.confidence()).isEqualTo(0.6));
    }

    @Test
    void linksAreRefusedWhenTheSignalsDisagreeOrAreTooWeak() {
        // Both MACs in one scan: two devices.
        scan(device("10.0.0.10", "02:00:00:00:00:01", "tablet", null, null));
        scan(device("10.0.0.10", "02:00:00:00:00:01", "tablet", null, null),
                device("10.0.0.11", "02:00:00:00:00:02", "tablet", null, null));
        // Different vendors, different device types.
        scan(device("10.0.0.20", "02:00:00:00:00:03", "tv", "Samsung", null));
        scan(device("10.0.0.20", "02:00:00:00:00:04", "tv", "LG", null));
        scan(device("10.0.0.30", "02:00:00:00:00:05", "cam", null, "camera"));
        scan(device("10.0.0.30", "02:00:00:00:00:06", "cam", null, "printer"));
        // A universal MAC and an ELI (assigned local) MAC are never rotated MACs.
        scan(device("10.0.0.40", "00:1e:bd:00:00:07", "laptop", null, null));
        scan(device("10.0.0.40", "02:00:00:00:00:08", "laptop", null, null));
        scan(device("10.0.0.41", "0a:00:00:00:00:09", "printer", null, null));
        scan(device("10.0.0.41", "02:00:00:00:00:0a", "printer", null, null));
        // The same address alone is not enough.
        scan(device("10.0.0.60", "02:00:00:00:00:0b", null, null, null));
        scan(device("10.0.0.60", "02:00:00:00:00:0c", null, null, null));

        assertThat(rows()).hasSize(12);
        assertThat(daos.changes().feed(new ChangeDao.Filter("mac_linked", null, null, null), 100, 0)).isEmpty();
    }

    @Test
    void twoEquallyGoodCandidatesLinkNeither() {
        scan(device("10.0.0.1", "02:00:00:00:00:01", "kiosk", null, null),
                device("10.0.0.2", "02:00:00:00:00:02", "kiosk", null, null));
        scan(device("10.0.0.3", "02:00:00:00:00:03", "kiosk", null, null));
        assertThat(rows()).hasSize(3);
    }

    @Test
    void aUserMergesTwoRowsAndSplitsTheMacOffAgain() {
        scan(device("10.0.0.5", "02:00:00:00:00:01", null, null, null));
        scan(device("10.0.0.5", "02:00:00:00:00:02", null, null, null));
        List<InventoryAsset> two = rows();
        assertThat(two).hasSize(2);
        InventoryAsset keep = two.stream().filter(r -> r.mac().endsWith("02")).findFirst().orElseThrow();
        InventoryAsset merged = two.stream().filter(r -> r.mac().endsWith("01")).findFirst().orElseThrow();

        assertThatThrownBy(() -> daos.store().merge(keep.id(), keep.id())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> daos.store().merge(keep.id(), "no-such-id"))
                .isInstanceOf(NoSuchElementException.class);

        InventoryAsset after = daos.store().merge(keep.id(), merged.id());
        assertThat(rows()).singleElement().extracting(InventoryAsset::id).isEqualTo(keep.id());
        assertThat(after.firstSeen()).isEqualTo(T0);
        assertThat(daos.snapshots().history("10.0.0.5", null)).hasSize(2);
        assertThat(typesOf(keep.id())).contains("new_asset", "assets_merged");
        assertThat(daos.store().links(keep.id())).singleElement().satisfies(l -> {
            assertThat(l.source()).isEqualTo("merge");
            assertThat(l.mac()).isEqualTo("02:00:00:00:00:01");
        });

        assertThatThrownBy(() -> daos.store().split(keep.id(), MacAddress.of("02:00:00:00:00:02")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("current MAC");
        InventoryAsset split = daos.store().split(keep.id(), MacAddress.of("02:00:00:00:00:01"));
        assertThat(split.mac()).isEqualTo("02:00:00:00:00:01");
        assertThat(rows()).hasSize(2);
        assertThat(typesOf(keep.id())).contains("asset_split");
        assertThat(daos.store().links(keep.id())).singleElement()
                .satisfies(l -> assertThat(l.source()).isEqualTo("split"));
    }

    @Test
    void aSplitPairIsNeverLinkedAgain() {
        scan(device("10.0.0.50", "02:11:22:33:44:55", "ayse-iphone", null, null));
        scan(device("10.0.0.50", "06:aa:bb:cc:dd:ee", "ayse-iphone", null, null));
        String id = rows().get(0).id();
        daos.store().split(id, MacAddress.of("02:11:22:33:44:55"));
        db.execute("DELETE FROM assets WHERE mac = '02:11:22:33:44:55'");
        // The split MAC comes back at a new address with the same hostname: not linked to the row it was split from.
        scan(device("10.0.0.51", "02:11:22:33:44:55", "ayse-iphone", null, null));
        assertThat(rows()).hasSize(2);
        assertThat(daos.assets().byId(id).orElseThrow().mac()).isEqualTo("06:aa:bb:cc:dd:ee");
    }

    @Test
    void aScanPostedByARemoteScannerGetsTheServersManualTag() {
        scan(device("10.0.0.9", "00:1e:bd:00:00:09", "kiosk", null, null));
        try (ApiApp app = ApiApp.start(db)) {
            try (Response r = app.put("/api/assets/10.0.0.9/tag", Map.of("category", "uygulamalar", "note",
                    "lobby kiosk"))) {
                assertThat(r.getStatus()).isEqualTo(200);
            }
            // The remote scanner knows nothing of the tag: it classified the device itself.
            Instant started = T0.plus(Duration.ofHours(++hour));
            ScanResult remote = new ScanResult("10.0.0.0/24", ScanMethod.HYBRID, started, started.plusSeconds(30),
                    false, List.of(device("10.0.0.9", "00:1e:bd:00:00:09", "kiosk", null, null)));
            try (Response r = app.post("/api/scans", io.bigr.discovery.core.ScanResultJson.toJson(remote))) {
                assertThat(r.getStatus()).isEqualTo(201);
            }
            JsonNode detail = app.getJson("/api/assets/10.0.0.9");
            assertThat(detail.at("/asset/bigr_category").asText()).isEqualTo("uygulamalar");
            assertThat(detail.at("/asset/confidence_score").asDouble()).isEqualTo(1.0);
            JsonNode latest = detail.path("history").get(0);
            assertThat(latest.path("bigr_category").asText()).isEqualTo("uygulamalar");
            assertThat(latest.at("/raw_evidence/manual_override").asText()).isEqualTo("lobby kiosk");
            // The cards and the filter agree.
            assertThat(app.getJson("/api/assets/summary").at("/by_category/uygulamalar").asLong()).isEqualTo(1);
            assertThat(app.getJson("/api/assets?category=uygulamalar").get("total").asLong()).isEqualTo(1);
        }
    }

    @Test
    void mergeAndSplitThroughTheApiAndTheCli() throws Exception {
        scan(device("10.0.0.5", "02:00:00:00:00:01", null, null, null));
        scan(device("10.0.0.5", "02:00:00:00:00:02", null, null, null));
        List<InventoryAsset> two = rows();
        String a = two.get(0).id();
        String b = two.get(1).id();
        try (ApiApp app = ApiApp.start(db)) {
            try (Response r = app.post("/api/assets/merge", Map.of("keep", a, "merge", "nope"))) {
                assertThat(r.getStatus()).isEqualTo(404);
                assertThat(ApiApp.body(r).path("error").isMissingNode()).isFalse();
            }
            try (Response r = app.post("/api/assets/merge", Map.of("keep", a))) {
                assertThat(r.getStatus()).isEqualTo(422);
            }
            try (Response r = app.post("/api/assets/merge", Map.of("keep", a, "merge", b))) {
                assertThat(r.getStatus()).isEqualTo(200);
                JsonNode body = ApiApp.body(r);
                assertThat(body.path("asset").path("id").asText()).isEqualTo(a);
                assertThat(body.path("linked").get(0).path("source").asText()).isEqualTo("merge");
            }
            JsonNode detail = app.getJson("/api/assets/10.0.0.5");
            assertThat(detail.path("linked")).hasSize(1);
            assertThat(detail.path("history")).hasSize(2);
            String linkedMac = detail.path("linked").get(0).path("mac").asText();
            try (Response r = app.post("/api/assets/split", Map.of("asset", a, "mac", linkedMac.toUpperCase(
                    java.util.Locale.ROOT)))) {
                assertThat(r.getStatus()).isEqualTo(200);
                assertThat(ApiApp.body(r).path("asset").path("mac").asText()).isEqualTo(linkedMac);
            }
        }
        assertThat(rows()).hasSize(2);
        Cli.Result show = Cli.run(db, Files.createTempDirectory("bigr-home"), "assets", "show", "10.0.0.5");
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains(a).contains("(split)");
        Cli.Result bad = Cli.run(db, Files.createTempDirectory("bigr-home"), "assets", "merge", a, "no-such-id");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.err()).contains("Unknown asset").doesNotContain("Exception");
    }
}
