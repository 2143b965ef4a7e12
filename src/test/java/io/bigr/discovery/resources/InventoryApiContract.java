package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Fixtures;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/assets}: the whole inventory across scans of different targets, every filter, sorting on several
 * columns both ways (IP numerically), keyset paging that returns each asset exactly once, 400s naming the parameter,
 * and a statement count per page that does not grow with the inventory. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class InventoryApiContract {
    static final Instant T0 = TestData.T0;

    TestDb db;
    ApiApp app;

    abstract Dialect dialect();

    @BeforeAll
    void start() {
        db = TestDb.create(dialect()).migrate();
        app = ApiApp.start(db);
        // three scans of three different targets: the inventory is their union
        db.daos().store().save(TestData.scan("10.0.0.0/24", T0,
                asset("10.0.0.2", "aa:00:00:00:00:02", "GW.office", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 1, 22, 443),
                asset("10.0.0.10", "aa:00:00:00:00:10", "cam.local", "Hikvision", BigrCategory.IOT, 0.75, 2, 80),
                asset("10.0.0.100", null, null, null, BigrCategory.UNCLASSIFIED, 0.1, 3)));
        db.daos().store().save(TestData.scan("9.255.0.0/16", T0.plusSeconds(3600),
                asset("9.255.0.1", "aa:00:00:00:00:91", "printer", "HP", BigrCategory.IOT, 0.6, 10, 9100),
                asset("9.255.0.20", "aa:00:00:00:00:92", "nas", "Synology", BigrCategory.UYGULAMALAR, 0.6, 11, 22, 445)));
        db.daos().store().save(TestData.scan("192.168.1.5", T0.plusSeconds(7200),
                asset("192.168.1.5", "aa:00:00:00:00:c5", "İstanbul-Laptop", "Apple", BigrCategory.TASINABILIR, 0.55, 20)));
        String nas = db.daos().assets().byIp("9.255.0.20").get(0).id();
        db.daos().assets().setStatuses(List.of(new AssetDao.StatusWrite(nas, "missed")));
        db.daos().assets().tag("10.0.0.10", "iot", "lobby camera");
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

    static Asset asset(String ip, String mac, String hostname, String vendor, BigrCategory category, double score,
                       int minutes, Integer... ports) {
        Instant seen = T0.plus(Duration.ofMinutes(minutes));
        return new Asset(IpAddress.of(ip), MacAddress.ofNullable(mac), hostname, vendor, List.of(ports), null, category,
                score, ScanMethod.ACTIVE, seen, seen, null, null, null, null);
    }

    List<String> ips(String query) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : app.getJson("/api/assets" + query).get("assets")) {
            out.add(a.get("ip").asText());
        }
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ whole inventory and row shape

    @Test
    @Order(1)
    void listsEveryAssetOfEveryTargetWithItsLatestPorts() {
        JsonNode body = app.getJson("/api/assets");
        assertThat(body.get("total").asLong()).isEqualTo(6);
        assertThat(body.get("limit").asInt()).isEqualTo(100);
        assertThat(body.get("next_cursor").isNull()).isTrue();
        List<String> keys = new ArrayList<>();
        body.get("assets").get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "ip", "mac", "hostname", "vendor", "device_type", "product", "os",
                "os_version", "os_hint", "bigr_category",
                "bigr_category_tr", "confidence_score", "confidence_level", "scan_method", "first_seen", "last_seen",
                "status", "open_ports", "manual_category", "manual_note", "is_ignored", "switch_host", "switch_port",
                "switch_port_index");
        // default order: last_seen descending
        assertThat(ips("")).containsExactly("192.168.1.5", "9.255.0.20", "9.255.0.1", "10.0.0.100", "10.0.0.10",
                "10.0.0.2");
        JsonNode gw = find(body, "10.0.0.2");
        assertThat(gw.get("open_ports").toString()).isEqualTo("[22,443]");
        assertThat(gw.get("bigr_category").asText()).isEqualTo("ag_ve_sistemler");
        assertThat(gw.get("bigr_category_tr").asText()).isEqualTo(BigrCategory.AG_VE_SISTEMLER.label());
        assertThat(gw.get("last_seen").asText()).isEqualTo("2026-01-15T10:01:00+00:00");
        assertThat(find(body, "10.0.0.100").get("open_ports").toString()).isEqualTo("[]");
        assertThat(find(body, "10.0.0.10").get("manual_category").asText()).isEqualTo("iot");
        assertThat(find(body, "10.0.0.10").get("manual_note").asText()).isEqualTo("lobby camera");
        assertThat(find(body, "9.255.0.20").get("status").asText()).isEqualTo("missed");
        assertThat(find(body, "9.255.0.1").get("status").asText()).isEqualTo("online");
    }

    static JsonNode find(JsonNode body, String ip) {
        for (JsonNode a : body.get("assets")) {
            if (a.get("ip").asText().equals(ip)) {
                return a;
            }
        }
        throw new AssertionError(ip + " not listed");
    }

    @Test
    @Order(3)
    void latestPortsFollowTheNewestSnapshot() {
        db.daos().store().save(TestData.scan("10.0.0.2", T0.plusSeconds(9000),
                asset("10.0.0.2", "aa:00:00:00:00:02", "GW.office", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 1, 8443)));
        TestData.sleepPastFreshnessBound(); // written past the server (docs/DOMAIN.md §6.14)
        assertThat(find(app.getJson("/api/assets"), "10.0.0.2").get("open_ports").toString()).isEqualTo("[8443]");
        assertThat(ips("?port=443")).isEmpty();
        assertThat(ips("?port=8443")).containsExactly("10.0.0.2");
    }

    @Test
    @Order(2)
    void dataKeepsTheLatestScanAndGainsScopeInventoryAndStatus() {
        JsonNode latest = app.getJson("/api/data");
        assertThat(latest.get("target").asText()).isEqualTo("192.168.1.5");
        assertThat(latest.get("assets")).hasSize(1);
        assertThat(latest.at("/assets/0/status").asText()).isEqualTo("online");
        assertThat(latest.has("scope")).isFalse();
        assertThat(app.getJson("/api/data?scope=scan").toString()).isEqualTo(latest.toString());
        JsonNode all = app.getJson("/api/data?scope=inventory");
        assertThat(all.get("scope").asText()).isEqualTo("inventory");
        assertThat(all.get("total_assets").asLong()).isEqualTo(6);
        assertThat(all.get("total").asLong()).isEqualTo(6);
        List<String> keys = new ArrayList<>();
        all.get("assets").get(0).fieldNames().forEachRemaining(keys::add);
        List<String> latestKeys = new ArrayList<>();
        latest.get("assets").get(0).fieldNames().forEachRemaining(latestKeys::add);
        assertThat(keys).isEqualTo(latestKeys);
        assertThat(find(all, "9.255.0.20").get("status").asText()).isEqualTo("missed");
        assertThat(find(all, "10.0.0.2").get("open_ports").toString()).isEqualTo("[22,443]");
        assertThat(all.at("/category_summary/iot").asInt()).isEqualTo(2);
        JsonNode page = app.getJson("/api/data?scope=inventory&subnet=" + enc("10.0.0.0/24") + "&limit=2");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("assets")).hasSize(2);
        assertThat(page.get("next_offset").asLong()).isEqualTo(2);
        try (Response r = app.get("/api/data?scope=everything")) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("scope");
        }
    }

    // ------------------------------------------------------------------ filters

    @Test
    @Order(4)
    void filters() {
        assertThat(ips("?q=CAM&sort=ip")).containsExactly("10.0.0.10");
        assertThat(ips("?q=gw.OFFICE")).containsExactly("10.0.0.2");
        assertThat(ips("?q=AA:00:00:00:00:9&sort=ip")).containsExactly("9.255.0.1", "9.255.0.20");
        assertThat(ips("?q=" + enc("255.0.") + "&sort=ip")).containsExactly("9.255.0.1", "9.255.0.20");
        assertThat(ips("?q=syno")).containsExactly("9.255.0.20");
        assertThat(ips("?q=" + enc("%"))).isEmpty(); // LIKE wildcards are literal
        assertThat(ips("?q=" + enc("laptop"))).containsExactly("192.168.1.5");
        // Text with a letter beyond ASCII is folded by Locale.ROOT; plain ASCII text by LIKE itself, alike.
        assertThat(ips("?q=" + enc("STANBUL-lap"))).containsExactly("192.168.1.5");
        assertThat(ips("?category=iot&sort=ip")).containsExactly("9.255.0.1", "10.0.0.10");
        assertThat(ips("?category=unclassified")).containsExactly("10.0.0.100");
        assertThat(ips("?vendor=cisco")).containsExactly("10.0.0.2");
        assertThat(ips("?vendor=HP")).containsExactly("9.255.0.1");
        assertThat(ips("?subnet=" + enc("10.0.0.77/24") + "&sort=ip")).containsExactly("10.0.0.2", "10.0.0.10",
                "10.0.0.100");
        assertThat(ips("?subnet=" + enc("10.0.0.8/29"))).containsExactly("10.0.0.10");
        assertThat(ips("?subnet=" + enc("9.0.0.0/8") + "&sort=ip")).containsExactly("9.255.0.1", "9.255.0.20");
        assertThat(ips("?port=22&sort=ip")).containsExactly("9.255.0.20");
        assertThat(ips("?port=9100")).containsExactly("9.255.0.1");
        assertThat(ips("?status=missed")).containsExactly("9.255.0.20");
        assertThat(ips("?status=online&sort=ip")).containsExactly("9.255.0.1", "10.0.0.2", "10.0.0.10",
                "10.0.0.100", "192.168.1.5");
        assertThat(ips("?status=gone")).isEmpty();
        assertThat(ips("?seen_since=" + enc("2026-01-15T10:10:00Z") + "&sort=ip")).containsExactly("9.255.0.1",
                "9.255.0.20", "192.168.1.5");
        assertThat(ips("?seen_before=" + enc("2026-01-15T10:02:30+00:00") + "&sort=ip")).containsExactly("10.0.0.2",
                "10.0.0.10");
        assertThat(ips("?seen_before=" + enc("2026-01-15T10:02:00+00:00"))).containsExactly("10.0.0.2"); // exclusive
        assertThat(ips("?seen_since=2026-01-15&seen_before=2026-01-16&sort=ip")).hasSize(6);
        assertThat(ips("?seen_since=2026-01-16")).isEmpty();
        // combined with AND, and total counts the filtered rows
        JsonNode both = app.getJson("/api/assets?subnet=" + enc("10.0.0.0/24") + "&category=iot");
        assertThat(both.get("total").asLong()).isEqualTo(1);
        assertThat(both.at("/assets/0/ip").asText()).isEqualTo("10.0.0.10");
    }

    // ------------------------------------------------------------------ sort

    static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    static final Comparator<String> NUMERIC_IP = Comparator.comparing(InventoryApiContract::ipNumber);

    static BigInteger ipNumber(String ip) {
        try {
            return new BigInteger(1, InetAddress.getByName(ip).getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(4)
    void sortsIpNumericallyBothWays() {
        List<String> asc = List.of("9.255.0.1", "9.255.0.20", "10.0.0.2", "10.0.0.10", "10.0.0.100", "192.168.1.5");
        assertThat(ips("?sort=ip")).containsExactlyElementsOf(asc);
        assertThat(ips("?sort=ip&order=asc")).containsExactlyElementsOf(asc);
        assertThat(ips("?sort=-ip")).containsExactlyElementsOf(reversed(asc));
        assertThat(ips("?sort=ip&order=desc")).containsExactlyElementsOf(reversed(asc));
        assertThat(walk("?sort=ip", 1)).containsExactlyElementsOf(asc);
        assertThat(walk("?sort=-ip", 4)).containsExactlyElementsOf(reversed(asc));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostname", "vendor", "mac", "confidence_score", "first_seen", "last_seen",
            "bigr_category", "status", "manual_category", "id", "os_hint", "switch_port_index"})
    @Order(5)
    void sortsOnListedColumnsBothWaysWithIdAsTieBreak(String column) {
        List<JsonNode> all = new ArrayList<>();
        app.getJson("/api/assets?limit=1000").get("assets").forEach(all::add);
        Function<JsonNode, String> key = a -> a.get(column).isNull() ? "" : a.get(column).asText();
        Comparator<JsonNode> byKey = switch (column) {
            case "confidence_score", "switch_port_index" -> Comparator.comparingDouble(
                    a -> a.get(column).isNull() ? -1 : a.get(column).asDouble());
            default -> Comparator.comparing(key);
        };
        Comparator<JsonNode> asc = byKey.thenComparing(a -> a.get("id").asText());
        List<String> expected = all.stream().sorted(asc).map(a -> a.get("ip").asText()).toList();
        assertThat(ips("?sort=" + column)).as(column).containsExactlyElementsOf(expected);
        assertThat(walk("?sort=" + column, 2)).as(column + " paged").containsExactlyElementsOf(expected);
        List<String> desc = all.stream().sorted(asc.reversed()).map(a -> a.get("ip").asText()).toList();
        assertThat(ips("?sort=-" + column)).as("-" + column).containsExactlyElementsOf(desc);
        assertThat(walk("?sort=" + column + "&order=desc", 4)).as(column + " desc paged")
                .containsExactlyElementsOf(desc);
    }

    /** Every page of the query, following next_cursor; asserts a stable total and a full last page count. */
    List<String> walk(String query, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        Long total = null;
        int pages = 0;
        do {
            JsonNode page = app.getJson("/api/assets" + query + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            if (total == null) {
                total = page.get("total").asLong();
            }
            assertThat(page.get("total").asLong()).isEqualTo(total);
            assertThat(page.get("assets").size()).isLessThanOrEqualTo(limit);
            page.get("assets").forEach(a -> out.add(a.get("ip").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            assertThat(++pages).isLessThan(1000);
        } while (cursor != null);
        assertThat((long) out.size()).isEqualTo(total);
        return out;
    }

    // ------------------------------------------------------------------ paging at volume

    @Test
    @Order(6)
    void pagingReturnsEveryAssetExactlyOnce() {
        db.daos().store().save(TestData.scan("10.1.0.0/16", T0.plusSeconds(20_000),
                TestData.many(700).stream().map(a -> new Asset(IpAddress.of("10.1" + a.ip().toString().substring(4)),
                        a.mac(), a.hostname(), i(a.hostname()) % 3 == 0 ? null : a.vendor(), a.openPorts(), null,
                        a.bigrCategory(), a.confidenceScore(), a.scanMethod(), a.firstSeen(), a.lastSeen(), null, null,
                        null, null)).toArray(Asset[]::new)));
        // Written past the server (its own store): the server may answer from its read cache until it next asks the
        // database for the data version, at most DataVersion.MAX_AGE later (docs/DOMAIN.md §6.14). Earlier tests
        // cached "?sort=ip" pages of six assets.
        TestData.sleepPastFreshnessBound();
        for (String q : List.of("?sort=ip", "?sort=-last_seen", "?sort=vendor", "?sort=-confidence_score",
                "?sort=hostname&order=desc", "?port=22&sort=ip")) {
            List<String> seen = walk(q, 97);
            Set<String> unique = new HashSet<>(seen);
            assertThat(unique).as(q).hasSize(seen.size());
            long total = app.getJson("/api/assets" + q).get("total").asLong();
            assertThat((long) seen.size()).as(q).isEqualTo(total);
        }
        assertThat(app.getJson("/api/assets?limit=1000").get("total").asLong()).isEqualTo(706);
        assertThat(app.getJson("/api/assets?limit=1000").get("assets")).hasSize(706);
        List<String> byIp = walk("?sort=ip", 250);
        assertThat(byIp).isSortedAccordingTo(NUMERIC_IP);
    }

    static int i(String hostname) {
        return Integer.parseInt(hostname.substring(5));
    }

    // ------------------------------------------------------------------ bad parameters

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=x", "sort=nope", "sort=open_ports", "order=up",
            "sort=-ip&order=asc", "category=router", "subnet=10.0.0.0", "subnet=10.0.0.0/99", "port=0",
            "port=70000", "port=http", "status=lost", "seen_since=yesterday", "seen_before=2026-13-01",
            "device_type=toaster", "cursor=abc", "cursor=e30.AAAA"})
    @Order(7)
    void badParametersAre400NamingTheParameter(String query) {
        try (Response r = app.get("/api/assets?" + query)) {
            JsonNode body = ApiApp.body(r);
            assertThat(r.getStatus()).as(query).isEqualTo(400);
            assertThat(body.get("code").asInt()).isEqualTo(400);
            assertThat(body.get("field").asText()).isEqualTo(query.substring(0, query.indexOf('=')).replace("sort",
                    query.startsWith("sort=-ip&order") ? "order" : "sort"));
            assertThat(body.get("error").asText()).isNotBlank();
        }
    }

    @Test
    @Order(8)
    void tamperedOrForeignCursorsAre400() {
        String cursor = app.getJson("/api/assets?sort=ip&limit=2").get("next_cursor").asText();
        assertThat(ips("?sort=ip&limit=2&cursor=" + enc(cursor))).hasSize(2);
        List<String> bad = new ArrayList<>();
        char[] c = cursor.toCharArray();
        c[3] = c[3] == 'A' ? 'B' : 'A'; // one character of the payload
        bad.add(new String(c));
        bad.add(cursor.substring(0, cursor.length() - 2)); // truncated check
        bad.add(cursor.replace(".", "")); // no check
        bad.add(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"s\":\"ip\",\"d\":false,\"f\":\"x\",\"k\":\"10.0.0.2\",\"i\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'))); // forged payload, old check
        for (String t : bad) {
            try (Response r = app.get("/api/assets?sort=ip&limit=2&cursor=" + enc(t))) {
                assertThat(r.getStatus()).as(t).isEqualTo(400);
                assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("cursor");
            }
        }
        for (String other : List.of("?sort=-ip", "?sort=hostname", "?sort=ip&category=iot", "?sort=ip&q=10")) {
            try (Response r = app.get("/api/assets" + other + "&limit=2&cursor=" + enc(cursor))) {
                assertThat(r.getStatus()).as(other).isEqualTo(400);
                assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("cursor");
            }
        }
    }

    // ------------------------------------------------------------------ statements per page

    @Test
    @Order(9)
    void statementsPerPageDoNotGrowWithTheInventory() {
        List<String> routes = new ArrayList<>(List.of("/api/assets?limit=50", "/api/assets?limit=50&sort=ip",
                "/api/assets?port=22&limit=20", "/api/assets?q=host&subnet=10.0.0.0/8&limit=30",
                "/api/assets?limit=1000", "/api/assets?status=gone"));
        String cursor = app.getJson("/api/assets?sort=ip&limit=100").get("next_cursor").asText();
        routes.add("/api/assets?sort=ip&limit=100&cursor=" + enc(cursor));
        Map<String, Integer> before = app.countStatements(routes);
        // the data-version read (docs/DOMAIN.md §6.14), the page and its total
        assertThat(before.get("/api/assets?limit=50")).isLessThanOrEqualTo(4);
        // the port filter reads asset_ports inside the page's and the count's own statements (docs/DOMAIN.md §3.6)
        assertThat(before.get("/api/assets?port=22&limit=20")).isEqualTo(before.get("/api/assets?limit=50"));
        // Other devices with the same hostnames: assigned local MACs (802c ELI), never taken for rotated random MACs
        // of the first ones (docs/DOMAIN.md §3.17).
        db.daos().store().save(TestData.scan("10.2.0.0/16", T0.plusSeconds(40_000),
                TestData.many(1500).stream().map(a -> new Asset(IpAddress.of("10.2" + a.ip().toString().substring(4)),
                        a.mac() == null ? null : MacAddress.of("0a" + a.mac().toString().substring(2)), a.hostname(),
                        a.vendor(), a.openPorts(), null, a.bigrCategory(), a.confidenceScore(), a.scanMethod(),
                        a.firstSeen(), a.lastSeen(), null, null, null, null)).toArray(Asset[]::new)));
        TestData.sleepPastFreshnessBound(); // written past the server (docs/DOMAIN.md §6.14)
        assertThat(app.getJson("/api/assets").get("total").asLong()).isEqualTo(2206);
        assertThat(app.countStatements(routes)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ fingerprint identity

    /** An asset whose evidence carries a fingerprint identity (docs/DOMAIN.md §4.15). */
    static Asset identified(String ip, String deviceType, String product, String os, String osVersion) {
        com.fasterxml.jackson.databind.node.ObjectNode evidence = io.bigr.discovery.core.Json.object();
        com.fasterxml.jackson.databind.node.ObjectNode identity = evidence.putObject("identity");
        identity.putObject("device_type").put("value", deviceType).put("certainty", 0.6);
        identity.putObject("product").put("value", product).put("certainty", 0.95);
        identity.putObject("os").put("value", os).put("certainty", 0.9);
        identity.putObject("os_version").put("value", osVersion).put("certainty", 0.9);
        identity.putArray("matches");
        Instant seen = T0.plusSeconds(90_000);
        return new Asset(IpAddress.of(ip), null, null, null, List.of(22), null, BigrCategory.AG_VE_SISTEMLER, 0.7,
                ScanMethod.ACTIVE, seen, seen, evidence, null, null, null);
    }

    @Test
    @Order(10)
    void identityColumnsAreListedAndFilterable() {
        db.daos().store().save(TestData.scan("10.77.0.0/24", T0.plusSeconds(90_000),
                identified("10.77.0.1", "server", "OpenSSH", "Ubuntu Linux", "24.04"),
                identified("10.77.0.2", "printer", "LaserJet", "HP FutureSmart", null)));
        TestData.sleepPastFreshnessBound(); // written past the server (docs/DOMAIN.md §6.14)
        JsonNode servers = app.getJson("/api/assets?device_type=server");
        assertThat(servers.get("total").asLong()).isEqualTo(1);
        JsonNode ssh = find(servers, "10.77.0.1");
        assertThat(ssh.get("device_type").asText()).isEqualTo("server");
        assertThat(ssh.get("product").asText()).isEqualTo("OpenSSH");
        assertThat(ssh.get("os").asText()).isEqualTo("Ubuntu Linux");
        assertThat(ssh.get("os_version").asText()).isEqualTo("24.04");
        assertThat(ips("?device_type=PRINTER")).containsExactly("10.77.0.2");
        assertThat(ips("?device_type=camera")).isEmpty();
        assertThat(ips("?device_type=printer&subnet=" + enc("10.0.0.0/24"))).isEmpty();
        assertThat(ips("?sort=device_type&order=desc&limit=2")).containsExactly("10.77.0.1", "10.77.0.2");

        JsonNode one = app.getJson("/api/assets/10.77.0.2").get("asset");
        assertThat(one.get("device_type").asText()).isEqualTo("printer");
        assertThat(one.get("product").asText()).isEqualTo("LaserJet");
        assertThat(one.get("os").asText()).isEqualTo("HP FutureSmart");
        assertThat(one.get("os_version").isNull()).isTrue();

        JsonNode data = app.getJson("/api/data?scope=inventory&subnet=" + enc("10.77.0.0/24"));
        JsonNode row = find(data, "10.77.0.1");
        assertThat(row.get("device_type").asText()).isEqualTo("server");
        assertThat(row.get("product").asText()).isEqualTo("OpenSSH");
        assertThat(row.get("os").asText()).isEqualTo("Ubuntu Linux");
        assertThat(row.get("os_version").asText()).isEqualTo("24.04");
        assertThat(find(app.getJson("/api/data"), "10.77.0.2").get("device_type").asText()).isEqualTo("printer");
        assertThat(find(data, "10.77.0.1").get("raw_evidence").get("identity").get("product").get("value").asText())
                .isEqualTo("OpenSSH");
    }

    // ------------------------------------------------------------------ the dashboard's additions

    @Test
    @Order(2)
    void summaryCountsTheInventoryPerStoredCategoryAndStatus() {
        JsonNode s = app.getJson("/api/assets/summary");
        assertThat(Fixtures.keys(s)).containsExactly("total", "by_category", "by_status");
        assertThat(s.get("total").asLong()).isEqualTo(6);
        assertThat(s.get("by_category").toString()).isEqualTo("{\"ag_ve_sistemler\":1,\"uygulamalar\":1,\"iot\":2,"
                + "\"tasinabilir\":1,\"unclassified\":1}");
        assertThat(s.get("by_status").toString()).isEqualTo("{\"online\":5,\"missed\":1,\"gone\":0}");
    }

    @Test
    @Order(2)
    void exportTakesTheListsFiltersAndAJsonArrayFormat() {
        try (Response r = app.get("/api/assets/export?format=csv&category=iot&sort=ip")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString("X-Total-Count")).isEqualTo("2");
            List<String> lines = r.readEntity(String.class).lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("id,ip,mac,");
            assertThat(lines.subList(1, 3)).anyMatch(l -> l.contains(",9.255.0.1,"))
                    .anyMatch(l -> l.contains(",10.0.0.10,"));
        }
        try (Response r = app.get("/api/assets/export?format=json&status=missed")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getMediaType().toString()).startsWith("application/json");
            JsonNode rows = ApiApp.body(r);
            assertThat(rows.isArray()).isTrue();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("ip").asText()).isEqualTo("9.255.0.20");
        }
        try (Response r = app.get("/api/assets/export?format=json&q=no-such-asset")) {
            assertThat(ApiApp.body(r)).isEmpty();
        }
        try (Response r = app.get("/api/assets/export?format=jsonl&subnet=10.0.0.0/24&sort=-ip")) {
            List<String> ips = r.readEntity(String.class).lines()
                    .map(l -> io.bigr.discovery.core.Json.parseOrNull(l).get("ip").asText()).toList();
            assertThat(ips).containsExactlyInAnyOrder("10.0.0.100", "10.0.0.10", "10.0.0.2");
        }
        try (Response r = app.get("/api/assets/export?format=csv&port=0")) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("port");
        }
        try (Response r = app.get("/api/assets/export?format=csv")) {
            assertThat(r.getHeaderString("X-Total-Count")).isEqualTo("6");
        }
        // the database filters a filtered export: its lines are the whole export's lines the list keeps, unchanged
        // and in the whole export's order
        List<String> whole = app.get("/api/assets/export?format=jsonl").readEntity(String.class).lines().toList();
        for (String filter : List.of("category=iot", "port=22", "q=cam", "vendor=cisco", "status=online&sort=ip",
                "subnet=10.0.0.0/24&sort=-ip")) {
            Set<String> kept = new HashSet<>();
            app.getJson("/api/assets?limit=1000&" + filter).get("assets").forEach(a -> kept.add(a.get("id").asText()));
            List<String> lines;
            try (Response r = app.get("/api/assets/export?format=jsonl&" + filter)) {
                assertThat(r.getHeaderString("X-Total-Count")).as(filter).isEqualTo(Integer.toString(kept.size()));
                lines = r.readEntity(String.class).lines().toList();
            }
            assertThat(lines).as(filter).isEqualTo(whole.stream().filter(l -> kept.contains(
                    io.bigr.discovery.core.Json.parseOrNull(l).get("id").asText())).toList());
            assertThat(lines).as(filter).isNotEmpty();
        }
    }

    @Test
    @Order(2)
    void assetDetailAddsMacsCertificatesAndCveMatchesWithEvidence() {
        db.daos().certificates().save(new io.bigr.discovery.core.Certificate(null, "10.0.0.2", 443, "gw.office", "CN=CA",
                "CA", T0, T0.plus(Duration.ofDays(3650)), "01", 2048, "RSA", false, false, null, List.of(), T0,
                "SHA256withRSA"));
        JsonNode a = app.getJson("/api/assets/10.0.0.2");
        assertThat(Fixtures.keys(a)).containsExactly("asset", "history", "linked", "macs", "certificates", "vulnerabilities");
        assertThat(a.get("macs").toString()).isEqualTo("[\"aa:00:00:00:00:02\"]");
        assertThat(a.get("certificates")).hasSize(1);
        assertThat(a.at("/certificates/0/cn").asText()).isEqualTo("gw.office");
        assertThat(a.at("/certificates/0/port").asInt()).isEqualTo(443);
        // a Cisco asset: the built-in CVEs of the vendor, each saying what produced it
        JsonNode v = a.get("vulnerabilities");
        assertThat(v.size()).isPositive();
        for (JsonNode m : v) {
            assertThat(m.get("asset_ip").asText()).isEqualTo("10.0.0.2");
            assertThat(m.at("/cve/cve_id").asText()).startsWith("CVE-");
            assertThat(m.at("/evidence/source").asText()).isEqualTo("vendor");
            assertThat(m.at("/evidence/text").asText()).isEqualTo("Cisco");
        }
        JsonNode report = app.getJson("/api/vulnerabilities");
        for (JsonNode s : report.get("summaries")) {
            if (s.get("ip").asText().equals("10.0.0.2")) {
                assertThat(v.size()).isEqualTo(s.get("total_vulns").asInt());
            }
        }
        JsonNode none = app.getJson("/api/assets/10.0.0.100");
        assertThat(none.get("macs")).isEmpty();
        assertThat(none.get("certificates")).isEmpty();
        assertThat(none.get("vulnerabilities")).isEmpty();
    }

}
