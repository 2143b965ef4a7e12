package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The routes the dashboard pages added to the API, through the real application on both databases: the diff between
 * two stored scans (docs/DOMAIN.md §3.10), the assets on each port of a switch (§5.8) and certificates by expiry
 * (§3.14). Seeded through the API (POST /api/scans, POST /api/certificates) like a scanner would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardApiContract {
    static final Instant T1 = TestData.T0.plus(Duration.ofHours(1));

    TestDb db;
    ApiApp app;
    String first;
    String second;

    abstract Dialect dialect();

    static Asset placed(Asset a, String host, String port, Integer index) {
        return new Asset(a.ip(), a.mac(), a.hostname(), a.vendor(), a.openPorts(), a.osHint(), a.bigrCategory(),
                a.confidenceScore(), a.scanMethod(), a.firstSeen(), a.lastSeen(), a.rawEvidence(), host, port, index);
    }

    @BeforeAll
    void start() {
        db = TestDb.create(dialect()).migrate();
        app = ApiApp.start(db);
        first = post(ScanResultJson.toJson(TestData.scan("10.0.0.0/24", TestData.T0,
                TestData.asset("10.0.0.1", "aa:bb:cc:00:00:01", "gw", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9,
                        22, 443),
                TestData.asset("10.0.0.100", "aa:bb:cc:00:00:02", "cam", "Hikvision", BigrCategory.IOT, 0.75, 80),
                TestData.asset("10.0.0.20", "aa:bb:cc:00:00:03", "laptop", "Apple", BigrCategory.TASINABILIR, 0.55),
                TestData.asset("10.0.0.30", "aa:bb:cc:00:00:04", "nas", "Synology", BigrCategory.UYGULAMALAR, 0.8,
                        5000))));
        second = post(ScanResultJson.toJson(TestData.scan("10.0.0.0/24", T1,
                placed(TestData.asset("10.0.0.1", "aa:bb:cc:00:00:01", "gw", "Cisco", BigrCategory.AG_VE_SISTEMLER,
                        0.9, 22, 443, 8443), "10.0.0.254", "Gi0/10", 10),
                placed(TestData.asset("10.0.0.20", "aa:bb:cc:00:00:03", "laptop", "Apple", BigrCategory.IOT, 0.6),
                        "10.0.0.254", "Gi0/2", 2),
                placed(TestData.asset("10.0.0.30", "aa:bb:cc:00:00:04", "nas", "Synology", BigrCategory.UYGULAMALAR,
                        0.8, 5000), "10.0.0.254", "Gi0/2", 2),
                TestData.asset("10.0.0.40", "aa:bb:cc:00:00:05", "printer", "HP", BigrCategory.IOT, 0.7, 9100))));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private String post(Object scan) {
        try (Response r = app.post("/api/scans", scan)) {
            assertThat(r.getStatus()).isEqualTo(201);
            return ApiApp.body(r).get("scan_id").asText();
        }
    }

    private static List<String> texts(JsonNode list, String key) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get(key).isNull() ? null : n.get(key).asText()));
        return out;
    }

    @Test
    void scanDiffSaysWhatIsNewRemovedAndChangedBetweenTwoStoredScans() {
        JsonNode d = app.getJson("/api/scans/" + second + "/diff?base=" + first);
        assertThat(d.get("scan").get("id").asText()).isEqualTo(second);
        assertThat(d.get("base").get("id").asText()).isEqualTo(first);
        assertThat(d.get("base").has("assets")).as("metadata only").isFalse();
        assertThat(texts(d.get("new_assets"), "ip")).containsExactly("10.0.0.40");
        assertThat(d.get("new_assets").get(0).get("open_ports").toString()).isEqualTo("[9100]");
        assertThat(d.get("new_assets").get(0).get("bigr_category_tr").asText()).isEqualTo("IoT");
        assertThat(d.get("new_assets").get(0).has("raw_evidence")).isFalse();
        assertThat(texts(d.get("removed_assets"), "ip")).containsExactly("10.0.0.100");
        JsonNode changed = d.get("changed_assets");
        assertThat(texts(changed, "ip")).containsExactly("10.0.0.1", "10.0.0.20", "10.0.0.20");
        assertThat(changed.get(0).get("change_type").asText()).isEqualTo("port_change");
        assertThat(changed.get(0).get("old_value").asText()).isEqualTo("[22, 443]");
        assertThat(changed.get(0).get("new_value").asText()).isEqualTo("[22, 443, 8443]");
        assertThat(texts(changed, "field")).containsExactly("open_ports", "bigr_category", "confidence_score");
        assertThat(changed.get(1).get("old_value").asText()).isEqualTo("tasinabilir");
        assertThat(changed.get(1).get("new_value").asText()).isEqualTo("iot");
        assertThat(changed.get(2).get("new_value").asText()).isEqualTo("0.6");
        assertThat(d.get("unchanged_count").asInt()).isEqualTo(1);
        assertThat(d.get("new_count").asInt()).isEqualTo(1);
        assertThat(d.get("removed_count").asInt()).isEqualTo(1);
        assertThat(d.get("changed_count").asInt()).isEqualTo(3);
        assertThat(d.get("summary").asText()).isEqualTo("+1 new, -1 removed, ~3 changed, =1 unchanged");

        JsonNode back = app.getJson("/api/scans/" + first + "/diff?base=" + second);
        assertThat(texts(back.get("new_assets"), "ip")).containsExactly("10.0.0.100");
        assertThat(texts(back.get("removed_assets"), "ip")).containsExactly("10.0.0.40");
        assertThat(back.get("changed_assets").get(0).get("new_value").asText()).isEqualTo("[22, 443]");

        JsonNode same = app.getJson("/api/scans/" + first + "/diff?base=" + first);
        assertThat(same.get("summary").asText()).isEqualTo("=4 unchanged");

        JsonNode cut = app.getJson("/api/scans/" + second + "/diff?base=" + first + "&limit=1");
        assertThat(cut.get("changed_assets")).hasSize(1);
        assertThat(cut.get("changed_count").asInt()).as("the count is never cut").isEqualTo(3);
    }

    @Test
    void scanDiffRefusesAMissingBaseAndUnknownScans() {
        try (Response r = app.get("/api/scans/" + second + "/diff")) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("base");
        }
        try (Response r = app.get("/api/scans/" + second + "/diff?base=nope")) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(ApiApp.body(r).get("error").asText()).isEqualTo("Scan not found");
        }
        try (Response r = app.get("/api/scans/nope/diff?base=" + first)) {
            assertThat(r.getStatus()).isEqualTo(404);
        }
        try (Response r = app.get("/api/scans/" + second + "/diff?base=" + first + "&limit=0")) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void switchPortsListTheAssetsPlacedOnEachPortWithoutSecrets() {
        db.daos().switches().save(new SwitchDao.Credentials("10.0.0.254", "s3cret-community", "2c", "Core", null,
                null, null, null, null));
        try (Response r = app.get("/api/switches/10.0.0.254/ports")) {
            assertThat(r.getStatus()).isEqualTo(200);
            String raw = r.readEntity(String.class);
            assertThat(raw).doesNotContain("s3cret");
            JsonNode body = io.bigr.discovery.core.Json.parseOrNull(raw);
            assertThat(body.get("switch").get("label").asText()).isEqualTo("Core");
            assertThat(body.get("switch").get("credentials_configured").asBoolean()).isTrue();
            assertThat(body.get("total_assets").asInt()).isEqualTo(3);
            JsonNode ports = body.get("ports");
            assertThat(texts(ports, "port")).containsExactly("Gi0/2", "Gi0/10");
            assertThat(ports.get(0).get("port_index").asInt()).isEqualTo(2);
            assertThat(texts(ports.get(0).get("assets"), "ip")).containsExactly("10.0.0.20", "10.0.0.30");
            assertThat(ports.get(0).get("assets").get(1).get("open_ports").toString()).isEqualTo("[5000]");
            assertThat(texts(ports.get(1).get("assets"), "hostname")).containsExactly("gw");
        }
        db.daos().switches().save(new SwitchDao.Credentials("10.0.0.253", "c", "2c", "Spare", null, null, null,
                null, null));
        JsonNode empty = app.getJson("/api/switches/10.0.0.253/ports");
        assertThat(empty.get("ports")).isEmpty();
        assertThat(empty.get("total_assets").asInt()).isZero();
        try (Response r = app.get("/api/switches/10.9.9.9/ports")) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(ApiApp.body(r).get("error").asText()).isEqualTo("Switch not found");
        }
    }

    @Test
    void certificatesSortBySoonestExpiryOnRequest() {
        Instant now = Instant.now();
        for (Object[] c : new Object[][] {{"10.0.0.1", 443, 200}, {"10.0.0.30", 5001, -3}, {"10.0.0.40", 443, 20}}) {
            try (Response r = app.post("/api/certificates", Map.of("ip", c[0], "port", c[1], "cn", "c" + c[1],
                    "valid_to", Timestamps.format(now.plus(Duration.ofDays((Integer) c[2])).plusSeconds(3600))))) {
                assertThat(r.getStatus()).as(() -> r.readEntity(String.class)).isEqualTo(201);
            }
        }
        try (Response r = app.post("/api/certificates", Map.of("ip", "10.0.0.20", "port", 8443, "cn", "unknown"))) {
            assertThat(r.getStatus()).as(() -> r.readEntity(String.class)).isEqualTo(201);
        }
        JsonNode sorted = app.getJson("/api/certificates?sort=expiry").get("certificates");
        assertThat(texts(sorted, "ip")).containsExactly("10.0.0.30", "10.0.0.40", "10.0.0.1", "10.0.0.20");
        assertThat(sorted.get(0).get("is_expired").asBoolean()).isTrue();
        JsonNode within = app.getJson("/api/certificates?sort=expiry&expiring_within=30").get("certificates");
        assertThat(texts(within, "ip")).containsExactly("10.0.0.30", "10.0.0.40");
        assertThat(app.getJson("/api/certificates").get("certificates")).as("default order unchanged").hasSize(4);
        try (Response r = app.get("/api/certificates?sort=cn")) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("sort");
        }
    }
}
