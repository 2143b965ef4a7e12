package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Fixtures;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every inventory route through the real application (DropwizardAppExtension, real migrations), first on an empty
 * database, then seeded through the API itself (POST /api/scans, the scanner's path). Subclasses choose SQLite or
 * PostgreSQL; fixtures are shared, so both databases must answer byte-identically (after normalising ids and "now").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ApiContract {
    static final Instant T1 = TestData.T0.plus(Duration.ofHours(1));

    TestDb db;
    ApiApp app;

    abstract Dialect dialect();

    @BeforeAll
    void start() {
        db = TestDb.create(dialect()).migrate();
        app = ApiApp.start(db);
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

    static ObjectNode scanJson(String target, Instant started, Asset... assets) {
        return ScanResultJson.toJson(TestData.scan(target, started, assets));
    }

    // Distinct last_seen values make the inventory order (last_seen desc) and so every report's order
    // deterministic: gw, cam, laptop.
    static Asset gw(String hostname) {
        return seen(TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01", hostname, "Cisco", BigrCategory.AG_VE_SISTEMLER,
                0.9, 22, 443), 3);
    }

    static Asset cam() {
        return seen(TestData.asset("10.0.0.100", "aa:bb:cc:dd:ee:02", "cam.local", "Hikvision", BigrCategory.IOT, 0.75,
                80), 2);
    }

    static Asset laptop() {
        return seen(TestData.asset("192.168.1.20", "aa:bb:cc:dd:ee:03", "laptop", "Apple", BigrCategory.TASINABILIR,
                0.55), 1);
    }

    private static Asset seen(Asset a, int minutes) {
        return new Asset(a.ip(), a.mac(), a.hostname(), a.vendor(), a.openPorts(), a.osHint(), a.bigrCategory(),
                a.confidenceScore(), a.scanMethod(), a.firstSeen(), TestData.T0.plus(Duration.ofMinutes(minutes)),
                a.rawEvidence(), a.switchHost(), a.switchPort(), a.switchPortIndex());
    }

    // ------------------------------------------------------------------ empty database

    @Test
    @Order(1)
    void everyReadRouteAnswersOnAnEmptyDatabase() {
        Fixtures.assertMatches("empty-data", app.getJson("/api/data"));
        Fixtures.assertMatches("empty-scans", app.getJson("/api/scans"));
        Fixtures.assertMatches("empty-changes", app.getJson("/api/changes"));
        Fixtures.assertMatches("empty-subnets", app.getJson("/api/subnets"));
        Fixtures.assertMatches("empty-switches", app.getJson("/api/switches"));
        Fixtures.assertMatches("empty-certificates", app.getJson("/api/certificates"));
        Fixtures.assertMatches("health-" + dialect().value(), app.getJson("/api/health"));
        Fixtures.assertMatches("empty-topology", app.getJson("/api/topology"));
        Fixtures.assertMatches("empty-topology", app.getJson("/api/topology/subnet/10.0.0.0%2F24"));
        Fixtures.assertMatches("empty-compliance", app.getJson("/api/compliance"));
        Fixtures.assertShape("empty-analytics-shape", app.getJson("/api/analytics"));
        Fixtures.assertShape("empty-risk-shape", app.getJson("/api/risk"));
        Fixtures.assertMatches("empty-vulnerabilities", app.getJson("/api/vulnerabilities"));
        assertThat(app.getJson("/api/data?subnet=10.0.0.0/24").get("assets")).isEmpty();
        assertThat(app.getJson("/api/certificates?expiring_within=30").get("certificates")).isEmpty();
        try (Response r = app.get("/api/assets/10.0.0.1")) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(ApiApp.body(r).get("error").asText()).isEqualTo("Asset not found");
        }
        try (Response r = app.get("/api/assets/export?format=csv")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.readEntity(String.class)).isEqualTo(String.join(",",
                    io.bigr.discovery.api.InventoryExport.HEADER) + "\r\n");
        }
    }

    // ------------------------------------------------------------------ seeding through the API

    @Test
    @Order(2)
    void seedThroughTheApi() {
        try (Response r = app.post("/api/subnets", Map.of("cidr", "10.0.0.0/24", "label", "Office", "vlan_id", 10))) {
            assertThat(r.getStatus()).isEqualTo(201);
            Fixtures.assertMatches("subnet-created", ApiApp.body(r));
        }
        try (Response r = app.post("/api/scans", scanJson("10.0.0.0/24", TestData.T0, gw("gw.local"), cam()))) {
            assertThat(r.getStatus()).isEqualTo(201);
            JsonNode body = ApiApp.body(r);
            assertThat(r.getLocation().getPath()).isEqualTo("/api/scans/" + body.get("scan_id").asText());
            Fixtures.assertMatches("scan-ingested-first", body);
        }
        try (Response r = app.post("/api/scans", scanJson("10.0.0.0/24", T1, gw("gw2.local"), cam(), laptop()))) {
            assertThat(r.getStatus()).isEqualTo(201);
            Fixtures.assertMatches("scan-ingested-second", ApiApp.body(r));
        }
        Instant validTo = Instant.now().plus(Duration.ofDays(90)).plus(Duration.ofHours(1));
        try (Response r = app.post("/api/certificates", Map.of("ip", "10.0.0.1", "port", 443, "cn", "gw.local",
                "is_self_signed", true, "valid_to", Timestamps.format(validTo), "san", List.of("gw.local")))) {
            assertThat(r.getStatus()).isEqualTo(201);
            Fixtures.assertMatches("certificate-created", ApiApp.body(r));
        }
        db.daos().switches().save(new SwitchDao.Credentials("10.0.0.254", "s3cret-community", "2c", "Core", null, null,
                null, null, null));
    }

    // ------------------------------------------------------------------ reads on the seeded database

    @Test
    @Order(3)
    void dataIsTheLatestScanWithManualOverride() {
        JsonNode data = app.getJson("/api/data");
        Fixtures.assertMatches("data", data);
        assertThat(data.get("total_assets").asInt()).isEqualTo(3);
        JsonNode office = app.getJson("/api/data?subnet=10.0.0.0/24");
        assertThat(office.get("assets")).extracting(a -> a.get("ip").asText())
                .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.100");
        assertThat(office.get("total_assets").asInt()).as("not recomputed after filtering").isEqualTo(3);
        assertThat(office.get("total").asInt()).isEqualTo(2);
        assertThat(app.getJson("/api/data?subnet=10.0.0.77/24").get("total").asInt()).as("host bits allowed")
                .isEqualTo(2);
        assertThat(app.getJson("/api/data?subnet=172.16.0.0/12").get("assets")).isEmpty();
        JsonNode page = app.getJson("/api/data?limit=2");
        assertThat(page.get("assets")).hasSize(2);
        assertThat(page.get("next_offset").asInt()).isEqualTo(2);
        JsonNode last = app.getJson("/api/data?limit=2&offset=2");
        assertThat(last.get("assets")).hasSize(1);
        assertThat(last.get("next_offset").isNull()).isTrue();
        // a page (counted and paged by the database) is the slice of the whole body, with the whole scan's summary,
        // in the same key order
        for (int[] lo : new int[][] {{1, 0}, {1, 1}, {2, 1}, {5, 0}, {1, 2}, {3, 3}, {1, 9}}) {
            JsonNode p = app.getJson("/api/data?limit=" + lo[0] + "&offset=" + lo[1]);
            List<JsonNode> expected = new java.util.ArrayList<>();
            for (int i = lo[1]; i < Math.min(lo[1] + lo[0], data.get("assets").size()); i++) {
                expected.add(data.get("assets").get(i));
            }
            assertThat(p.get("assets")).as("limit %d offset %d", lo[0], lo[1]).containsExactlyElementsOf(expected);
            assertThat(p.get("category_summary").toString()).isEqualTo(data.get("category_summary").toString());
            assertThat(p.get("total").asInt()).isEqualTo(3);
            assertThat(p.get("id")).isEqualTo(data.get("id"));
            assertThat(p.get("offset").asInt()).isEqualTo(lo[1]);
        }
        assertThat(app.getJson("/api/data?offset=1").get("assets")).containsExactly(data.get("assets").get(1),
                data.get("assets").get(2));
        // a subnet (filtered by the database on PostgreSQL, while streaming on SQLite): the whole body's assets in
        // it, whole or paged, with the whole scan's summary
        for (String cidr : List.of("10.0.0.0/24", "10.0.0.77/24", "0.0.0.0/0", "10.0.0.100/32", "172.16.0.0/12")) {
            inet.ipaddr.IPAddress net = new inet.ipaddr.IPAddressString(cidr).getAddress().toPrefixBlock();
            List<JsonNode> in = new java.util.ArrayList<>();
            data.get("assets").forEach(a -> {
                if (net.contains(new inet.ipaddr.IPAddressString(a.get("ip").asText()).getAddress())) {
                    in.add(a);
                }
            });
            JsonNode whole = app.getJson("/api/data?subnet=" + cidr);
            assertThat(whole.get("assets")).as(cidr).containsExactlyElementsOf(in);
            assertThat(whole.get("total").asInt()).isEqualTo(in.size());
            assertThat(whole.get("category_summary").toString()).isEqualTo(data.get("category_summary").toString());
            for (int offset = 0; offset <= in.size(); offset++) {
                JsonNode p = app.getJson("/api/data?subnet=" + cidr + "&limit=1&offset=" + offset);
                assertThat(p.get("assets")).as("%s offset %d", cidr, offset)
                        .containsExactlyElementsOf(in.subList(offset, Math.min(offset + 1, in.size())));
                assertThat(p.get("total").asInt()).isEqualTo(in.size());
                assertThat(p.get("next_offset").isNull()).isEqualTo(offset + 1 >= in.size());
            }
        }
    }

    @Test
    @Order(3)
    void scansArePagedNewestFirst() {
        JsonNode scans = app.getJson("/api/scans");
        Fixtures.assertMatches("scans", scans);
        JsonNode first = app.getJson("/api/scans?limit=1");
        assertThat(first.get("scans")).hasSize(1);
        assertThat(first.get("total").asInt()).isEqualTo(2);
        assertThat(first.get("next_offset").asInt()).isEqualTo(1);
        JsonNode second = app.getJson("/api/scans?limit=1&offset=1");
        assertThat(second.get("next_offset").isNull()).isTrue();
        assertThat(second.at("/scans/0/started_at").asText()).isEqualTo("2026-01-15T10:00:00+00:00");
        String id = first.at("/scans/0/id").asText();
        JsonNode one = app.getJson("/api/scans/" + id);
        Fixtures.assertMatches("scan-detail", one);
        assertThat(one.get("assets")).hasSize(3);
        // streamed from a cursor, it is the ScanDetail record as Jackson writes it
        assertThat(one).isEqualTo(io.bigr.discovery.core.Json.MAPPER.valueToTree(
                db.daos().scans().detail(id).orElseThrow()));
        try (jakarta.ws.rs.core.Response r = app.get("/api/scans/no-such-scan")) {
            assertThat(r.getStatus()).isEqualTo(404);
        }
    }

    @Test
    @Order(3)
    void assetDetailHasHistory() {
        JsonNode a = app.getJson("/api/assets/10.0.0.1");
        Fixtures.assertMatches("asset", a);
        assertThat(a.at("/asset/hostname").asText()).isEqualTo("gw2.local");
        assertThat(a.get("history")).hasSize(2);
    }

    @Test
    @Order(3)
    void changesSubnetsSwitchesCertificates() {
        Fixtures.assertMatches("changes", app.getJson("/api/changes"));
        JsonNode page = app.getJson("/api/changes?limit=2&offset=1");
        assertThat(page.get("changes")).hasSize(2);
        assertThat(page.get("total").asInt()).isEqualTo(4);
        assertThat(page.get("next_offset").asInt()).isEqualTo(3);
        Fixtures.assertMatches("subnets", app.getJson("/api/subnets"));
        try (Response r = app.get("/api/switches")) {
            String body = r.readEntity(String.class);
            assertThat(body).doesNotContain("s3cret").doesNotContain("community");
            Fixtures.assertMatches("switches", Json.parseOrNull(body));
        }
        Fixtures.assertMatches("certificates", app.getJson("/api/certificates"));
        assertThat(app.getJson("/api/certificates?expiring_within=30").get("certificates")).isEmpty();
        assertThat(app.getJson("/api/certificates?expiring_within=100").get("certificates")).hasSize(1);
    }

    @Test
    @Order(3)
    void analysisReportsOverTheInventory() {
        Fixtures.assertMatches("topology", app.getJson("/api/topology"));
        JsonNode encoded = app.getJson("/api/topology/subnet/10.0.0.0%2F24");
        assertThat(app.getJson("/api/topology/subnet/10.0.0.0/24")).isEqualTo(encoded);
        assertThat(app.getJson("/api/topology/subnet/10.0.0.9/24")).as("host bits allowed").isEqualTo(encoded);
        Fixtures.assertMatches("topology-subnet", encoded);
        Fixtures.assertMatches("compliance", app.getJson("/api/compliance"));
        Fixtures.assertShape("analytics-shape", app.getJson("/api/analytics?days=3650"));
        assertThat(app.getJson("/api/analytics?days=7")).isNotNull();
        JsonNode risk = app.getJson("/api/risk");
        Fixtures.assertShape("risk-shape", risk);
        assertThat(risk.toString()).contains("10.0.0.1", "10.0.0.100", "192.168.1.20");
        Fixtures.assertMatches("vulnerabilities", app.getJson("/api/vulnerabilities"));
    }

    // ------------------------------------------------------------------ writes

    @Test
    @Order(4)
    void tagAndUntag() {
        try (Response r = app.put("/api/assets/10.0.0.100/tag", Map.of("category", "iot", "note", "lobby camera"))) {
            assertThat(r.getStatus()).isEqualTo(200);
            Fixtures.assertMatches("tagged", ApiApp.body(r));
        }
        assertThat(overrideOf("10.0.0.100")).isTrue();
        assertThat(overrideOf("10.0.0.1")).isFalse();
        assertThat(app.getJson("/api/assets/10.0.0.100").at("/asset/manual_note").asText()).isEqualTo("lobby camera");
        try (Response r = app.delete("/api/assets/10.0.0.100/tag")) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        assertThat(overrideOf("10.0.0.100")).isFalse();
    }

    private boolean overrideOf(String ip) {
        for (JsonNode a : app.getJson("/api/data").get("assets")) {
            if (a.get("ip").asText().equals(ip)) {
                return a.get("manual_override").asBoolean();
            }
        }
        throw new AssertionError(ip + " not in /api/data");
    }

    @Test
    @Order(4)
    void subnetDeleteTakesRawAndEncodedSlash() {
        for (String path : List.of("/api/subnets/10.1.0.0%2F16", "/api/subnets/10.1.0.0/16")) {
            try (Response r = app.post("/api/subnets", Map.of("cidr", "10.1.0.5/16", "label", "Lab"))) {
                assertThat(r.getStatus()).isEqualTo(201);
                assertThat(ApiApp.body(r).get("cidr").asText()).isEqualTo("10.1.0.0/16");
            }
            try (Response r = app.delete(path)) {
                assertThat(r.getStatus()).as(path).isEqualTo(200);
            }
            try (Response r = app.delete(path)) {
                assertThat(r.getStatus()).as(path).isEqualTo(404);
            }
        }
    }

    @Test
    @Order(5)
    void exportCsvDefusesSpreadsheetFormulas() {
        app.put("/api/assets/10.0.0.1/tag", Map.of("category", "iot", "note", "=HYPERLINK(\"http://x\")")).close();
        try (Response r = app.get("/api/assets/export?format=csv")) {
            assertThat(r.readEntity(String.class)).contains(",iot,\"'=HYPERLINK(\"\"http://x\"\")\",")
                    .doesNotContain(",=HYPERLINK");
        }
        app.delete("/api/assets/10.0.0.1/tag").close();
    }

    @Test
    @Order(5)
    void exportStreamsTheInventoryWithTagsAndSwitchPorts() {
        app.put("/api/assets/10.0.0.1/tag", Map.of("category", "ag_ve_sistemler", "note", "core, \"main\"")).close();
        try (Response r = app.get("/api/assets/export?format=csv")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString("Content-Type")).startsWith("text/csv");
            assertThat(r.getHeaderString("X-Total-Count")).isEqualTo("3");
            String[] lines = r.readEntity(String.class).split("\r\n");
            assertThat(lines).hasSize(4);
            assertThat(lines[0]).startsWith("id,ip,mac,hostname").contains("manual_category", "switch_port");
            assertThat(String.join("\n", lines)).contains(",ag_ve_sistemler,\"core, \"\"main\"\"\",0,,,");
        }
        try (Response r = app.get("/api/assets/export?format=jsonl")) {
            String[] lines = r.readEntity(String.class).split("\n");
            assertThat(lines).hasSize(3);
            JsonNode row = Json.parseOrNull(lines[0]);
            assertThat(Fixtures.keys(row)).containsExactly("id", "ip", "mac", "hostname", "vendor", "os_hint",
                    "bigr_category", "confidence_score", "scan_method", "first_seen", "last_seen", "manual_category",
                    "manual_note", "is_ignored", "switch_host", "switch_port", "switch_port_index", "status",
                    "device_type", "product", "os", "os_version", "open_ports", "services", "cves");
            assertThat(row.get("open_ports").isArray()).isTrue();
        }
        try (Response r = app.get("/api/assets/export?format=xml")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString("Content-Type")).startsWith("application/xml");
            String xml = r.readEntity(String.class);
            assertThat(xml).contains("<nmaprun scanner=\"bigr\"").contains("<address addr=\"10.0.0.1\" addrtype=\"ipv4\"/>")
                    .contains("<elem key=\"manual_category\">ag_ve_sistemler</elem>");
        }
        app.delete("/api/assets/10.0.0.1/tag").close();
    }

    // ------------------------------------------------------------------ bad input

    static Stream<Arguments> badInput() {
        String scanOk = "{\"target\": \"10.0.0.0/24\", \"assets\": []}";
        return Stream.of(
                Arguments.of("GET", "/api/assets/not-an-ip", null, 400, "ip"),
                Arguments.of("GET", "/api/assets/10.0.0.999", null, 400, "ip"),
                Arguments.of("GET", "/api/assets/10.9.9.9", null, 404, null),
                Arguments.of("GET", "/api/scans/no-such-scan", null, 404, null),
                Arguments.of("GET", "/api/no-such-route", null, 404, null),
                Arguments.of("GET", "/api/data?subnet=banana", null, 400, "subnet"),
                Arguments.of("GET", "/api/data?subnet=10.0.0.300/24", null, 400, "subnet"),
                Arguments.of("GET", "/api/data?limit=abc", null, 400, "limit"),
                Arguments.of("GET", "/api/scans?limit=0", null, 400, "limit"),
                Arguments.of("GET", "/api/scans?limit=1.5", null, 400, "limit"),
                Arguments.of("GET", "/api/changes?limit=abc", null, 400, "limit"),
                Arguments.of("GET", "/api/changes?limit=-1", null, 400, "limit"),
                Arguments.of("GET", "/api/changes?limit=1000000", null, 400, "limit"),
                Arguments.of("GET", "/api/changes?offset=-5", null, 400, "offset"),
                Arguments.of("GET", "/api/subnets?offset=x", null, 400, "offset"),
                Arguments.of("GET", "/api/switches?limit=x", null, 400, "limit"),
                Arguments.of("GET", "/api/certificates?expiring_within=soon", null, 400, "expiring_within"),
                Arguments.of("GET", "/api/certificates?expiring_within=-1", null, 400, "expiring_within"),
                Arguments.of("GET", "/api/assets/export?format=yaml", null, 400, "format"),
                Arguments.of("GET", "/api/analytics?days=abc", null, 400, "days"),
                Arguments.of("GET", "/api/analytics?days=0", null, 400, "days"),
                Arguments.of("GET", "/api/analytics?days=99999", null, 400, "days"),
                Arguments.of("GET", "/api/topology/subnet/banana", null, 400, "cidr"),
                Arguments.of("GET", "/api/topology/subnet/10.0.0.0%2F99", null, 400, "cidr"),
                Arguments.of("PUT", "/api/assets/10.0.0.1/tag", "{\"category\": \"bogus\"}", 422, "category"),
                Arguments.of("PUT", "/api/assets/10.0.0.1/tag", "{\"category\": \"unclassified\"}", 422, "category"),
                Arguments.of("PUT", "/api/assets/10.0.0.1/tag", "{}", 422, "category"),
                Arguments.of("PUT", "/api/assets/10.0.0.1/tag", "{\"category\": 5}", 422, "category"),
                Arguments.of("PUT", "/api/assets/10.0.0.1/tag", "not json", 400, "body"),
                Arguments.of("PUT", "/api/assets/nope/tag", "{\"category\": \"iot\"}", 400, "ip"),
                Arguments.of("PUT", "/api/assets/10.9.9.9/tag", "{\"category\": \"iot\"}", 404, null),
                Arguments.of("DELETE", "/api/assets/10.9.9.9/tag", null, 404, null),
                Arguments.of("POST", "/api/scans", "{", 400, "body"),
                Arguments.of("POST", "/api/scans", "[1, 2]", 422, "body"),
                Arguments.of("POST", "/api/scans", "{\"assets\": []}", 422, "target"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"assets\": [{\"ip\": \"nope\"}]}", 422,
                        "assets[0].ip"),
                Arguments.of("POST", "/api/scans",
                        "{\"target\": \"x\", \"assets\": [{\"ip\": \"10.0.0.1\", \"open_ports\": [\"a\"]}]}", 422,
                        "assets[0].open_ports[0]"),
                Arguments.of("POST", "/api/scans",
                        "{\"target\": \"x\", \"started_at\": \"yesterday\", \"assets\": []}", 422, "started_at"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"assets\": [{\"ip\": \"10.0.0.1\"},"
                        + " {\"ip\": \"10.0.0.1\"}]}", 422, "assets[1]"),
                Arguments.of("POST", "/api/scans", scanOk.replace("[]", "{}"), 422, "assets"),
                Arguments.of("POST", "/api/subnets", "{\"cidr\": \"nope\"}", 422, "cidr"),
                Arguments.of("POST", "/api/subnets", "{\"cidr\": \"10.0.0.0/24\", \"vlan_id\": \"x\"}", 422,
                        "vlan_id"),
                Arguments.of("POST", "/api/subnets", "{\"cidr\": \"10.0.0.0/24\", \"vlan_id\": 5000}", 422,
                        "vlan_id"),
                Arguments.of("DELETE", "/api/subnets/banana", null, 400, "cidr"),
                Arguments.of("DELETE", "/api/subnets/10.99.0.0%2F16", null, 404, null),
                Arguments.of("POST", "/api/certificates", "{\"ip\": \"x\", \"port\": 443}", 422, "ip"),
                Arguments.of("POST", "/api/certificates", "{\"ip\": \"10.0.0.1\", \"port\": 70000}", 422, "port"),
                Arguments.of("POST", "/api/certificates", "{\"ip\": \"10.0.0.1\", \"port\": \"https\"}", 422, "port"),
                Arguments.of("POST", "/api/certificates", "{\"ip\": \"10.0.0.1\", \"port\": 443,"
                        + " \"valid_to\": \"next year\"}", 422, "valid_to"),
                // docs/DOMAIN.md §2.8: canonical values and bounds at every way in
                Arguments.of("GET", "/api/assets/127.1", null, 400, "ip"),
                Arguments.of("GET", "/api/assets/fe80::1%25eth0", null, 400, null),
                Arguments.of("PUT", "/api/assets/2130706433/tag", "{\"category\": \"iot\"}", 400, "ip"),
                Arguments.of("PUT", "/api/assets/10.0.0.1/tag", "{\"category\": \"iot\", \"note\": \"a\\u0000b\"}",
                        422, "note"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"assets\": [{\"ip\": \"0x7f.0.0.1\"}]}", 422,
                        "assets[0].ip"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"assets\": [{\"ip\": \"10.0.0.1\", \"mac\": \""
                        + "m".repeat(70) + "\"}]}", 422, "assets[0].mac"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"started_at\": \"2026-01-01T00:00:00Z\","
                        + " \"completed_at\": \"2400-01-01T00:00:00Z\", \"assets\": []}", 422, "completed_at"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"started_at\": \"+999999-01-01T00:00:00Z\","
                        + " \"assets\": []}", 422, "started_at"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"assets\": [{\"ip\": \"10.0.0.1\","
                        + " \"last_seen\": \"-0001-01-01T00:00:00Z\"}]}", 422, "assets[0].last_seen"),
                Arguments.of("POST", "/api/scans", "{\"target\": \"x\", \"assets\": [], \"details\": "
                        + "[".repeat(2000) + "]".repeat(2000) + "}", 400, "body"),
                Arguments.of("POST", "/api/subnets", "{\"cidr\": \"10.0.0.0/24\", \"vlan_id\": 99999999999}", 422,
                        "vlan_id"),
                Arguments.of("POST", "/api/subnets", "{\"cidr\": \"10.1/16\"}", 422, "cidr"),
                Arguments.of("POST", "/api/subnets", "{\"cidr\": \"10.0.0.0/24\", \"label\": \"a\\u0000\"}", 422,
                        "label"),
                Arguments.of("POST", "/api/certificates", "{\"ip\": \"10.0.0.1\", \"port\": 1099511627776}", 422,
                        "port"),
                Arguments.of("POST", "/api/certificates", "{\"ip\": \"10.0.0.1\", \"port\": 443,"
                        + " \"key_size\": 1099511627776}", 422, "key_size"),
                Arguments.of("POST", "/api/certificates", "{\"ip\": \"10.0.0.1\", \"port\": 443, \"san\": [null]}",
                        422, "san[0]"),
                Arguments.of("GET", "/api/changes?since=%2B999999-01-01T00:00:00Z", null, 400, "since"));
    }

    /** docs/DOMAIN.md §2.8: a 2 MB bad value comes back as a short error, never echoed whole. */
    @Test
    @Order(6)
    void aHugeBadValueIsQuotedShort() {
        String huge = "{\"cidr\": \"" + "9".repeat(2_000_000) + "\"}";
        try (Response r = app.post("/api/subnets", huge)) {
            String text = r.readEntity(String.class);
            assertThat(r.getStatus()).isEqualTo(422);
            assertThat(text.length()).as(text).isLessThan(300);
            assertThat(text).contains("(2000000 chars)");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badInput")
    @Order(6)
    void badInputIsAClear4xx(String method, String path, String body, int status, String field) {
        try (Response r = app.authed(path).method(method, body == null ? null
                : Entity.entity(body, "application/json"))) {
            String text = r.readEntity(String.class);
            assertThat(r.getStatus()).as(text).isEqualTo(status);
            assertThat(r.getHeaderString("Content-Type")).startsWith("application/json");
            JsonNode error = Json.parseOrNull(text);
            assertThat(error.get("error").isTextual()).as(text).isTrue();
            assertThat(error.get("code").asInt()).isEqualTo(status);
            if (field != null) {
                assertThat(error.path("field").asText()).as(text).isEqualTo(field);
            }
            assertThat(text).doesNotContainIgnoringCase("exception").doesNotContain("SELECT ")
                    .doesNotContain("\tat ").doesNotContain("jackson");
        }
    }

    @Test
    @Order(6)
    void wrongMediaTypeAndMethodAreJsonErrors() {
        try (Response r = app.authed("/api/scans").post(Entity.entity("x", "text/plain"))) {
            assertThat(r.getStatus()).isEqualTo(415);
            assertThat(ApiApp.body(r).get("code").asInt()).isEqualTo(415);
        }
        try (Response r = app.authed("/api/changes").delete()) {
            assertThat(r.getStatus()).isEqualTo(405);
            assertThat(ApiApp.body(r).get("code").asInt()).isEqualTo(405);
        }
    }

    /**
     * Requests Jetty rejects before any resource runs (no client library sends them, so they go over a raw socket):
     * bad percent-encoding, an encoded NUL or backslash, a header line without a colon, oversized headers. Each is a
     * 4xx in the one JSON error shape, never Jetty's HTML page and never the request echoed back.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "GET /api/assets/%zz HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /api/assets/%00 HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /api/assets/a%5Cb HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /% HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /api/data HTTP/1.1\r\nHost: t\r\nNot a header\r\n\r\n",
        "GET /api/data HTTP/1.1\r\nHost: t\r\nX-Big: LONG\r\n\r\n"})
    @Order(6)
    void requestsJettyRejectsAreJsonErrors(String template) throws Exception {
        String request = template.replace("LONG", "a".repeat(20_000));
        String response;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.net.SocketException e) {
            throw new AssertionError("connection reset instead of a JSON error for " + template, e);
        }
        int status = Integer.parseInt(response.substring(9, 12));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(status).isBetween(400, 499);
        assertThat(response).containsIgnoringCase("Content-Type: application/json");
        JsonNode json = Json.MAPPER.readTree(body);
        assertThat(json.get("code").asInt()).isEqualTo(status);
        assertThat(json.get("error").asText()).isNotBlank().doesNotContain("%").doesNotContain("aaaa");
        assertThat(body).doesNotContain("<html").doesNotContainIgnoringCase("exception");
    }

    // ------------------------------------------------------------------ auth (reads open in api-test.yml) and CORS

    @Test
    @Order(7)
    void writesNeedAValidTokenEvenWhenReadsAreOpen() {
        String scan = Json.write(scanJson("10.5.0.0/24", T1, TestData.asset("10.5.0.1", null)));
        for (String auth : new String[] {null, "Bearer wrong", "Basic dGVzdDp0ZXN0", "Bearer "}) {
            var req = app.request("/api/scans");
            if (auth != null) {
                req = req.header("Authorization", auth);
            }
            try (Response r = req.post(Entity.entity(scan, "application/json"))) {
                assertThat(r.getStatus()).as(String.valueOf(auth)).isEqualTo(401);
                assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
                assertThat(ApiApp.body(r).get("code").asInt()).isEqualTo(401);
            }
        }
        try (Response r = app.request("/api/assets/10.0.0.1/tag").delete()) {
            assertThat(r.getStatus()).isEqualTo(401);
        }
        assertThat(app.getJson("/api/scans").get("total").asInt()).as("nothing was written").isEqualTo(2);
    }

    @Test
    @Order(7)
    void corsAllowListAndPreflight() {
        try (Response r = app.request("/api/scans").header("Origin", "https://front.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").options()) {
            assertThat(r.getStatus()).isEqualTo(204);
            assertThat(r.getHeaderString("Access-Control-Allow-Origin")).isEqualTo("https://front.example");
            assertThat(r.getHeaderString("Access-Control-Allow-Methods")).contains("POST");
            assertThat(r.getHeaderString("Access-Control-Allow-Headers")).contains("Authorization");
        }
        try (Response r = app.request("/api/scans").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").options()) {
            assertThat(r.getStatus()).isEqualTo(403);
            assertThat(r.getHeaderString("Access-Control-Allow-Origin")).isNull();
        }
        try (Response r = app.request("/api/data").header("Origin", "http://localhost:5173").get()) {
            assertThat(r.getHeaderString("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        }
        try (Response r = app.request("/api/data").header("Origin", "https://evil.example").get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString("Access-Control-Allow-Origin")).isNull();
        }
    }

    // ------------------------------------------------------------------ statements per request

    @Test
    @Order(8)
    void statementsPerListRequestDoNotGrowWithAssets() {
        List<String> routes = List.of("/api/data", "/api/data?subnet=10.0.0.0/16", "/api/scans", "/api/changes",
                "/api/subnets", "/api/switches", "/api/certificates", "/api/assets/10.0.0.1", "/api/scans?limit=5",
                "/api/topology", "/api/topology/subnet/10.0.0.0%2F24", "/api/compliance", "/api/analytics",
                "/api/risk", "/api/vulnerabilities");
        app.countStatements(routes); // first calls may seed the CVE store once
        Map<String, Integer> before = app.countStatements(routes);
        Asset[] more = TestData.many(300).toArray(Asset[]::new);
        try (Response r = app.post("/api/scans", scanJson("10.0.0.0/16", T1.plusSeconds(60), more))) {
            assertThat(r.getStatus()).isEqualTo(201);
        }
        assertThat(app.getJson("/api/data").get("assets")).hasSize(300);
        assertThat(app.countStatements(routes)).isEqualTo(before);
    }


    // ------------------------------------------------------------------ export volume

    @Test
    @Order(9)
    void exportStreamsManyRows() {
        int n = 20_000;
        db.daos().store().save(TestData.scan("10.0.0.0/8", T1.plusSeconds(120), TestData.many(n).toArray(Asset[]::new)));
        TestData.sleepPastFreshnessBound(); // written past the server (docs/DOMAIN.md §6.14)
        long expected = app.getJson("/api/scans/" + app.getJson("/api/scans?limit=1").at("/scans/0/id").asText())
                .get("total_assets").asLong();
        assertThat(expected).isEqualTo(n);
        try (Response r = app.get("/api/assets/export?format=jsonl")) {
            long total = Long.parseLong(r.getHeaderString("X-Total-Count"));
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                    r.readEntity(java.io.InputStream.class), java.nio.charset.StandardCharsets.UTF_8))) {
                long lines = reader.lines().count();
                assertThat(lines).isEqualTo(total).isGreaterThanOrEqualTo(n);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
