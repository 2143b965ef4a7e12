package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code POST /api/scans} of scans larger than one batch (docs/DOMAIN.md §3.4, §2.7): the streamed save writes exactly
 * what the one-piece save of the same results writes (a second database saved through
 * {@link InventoryStore#save(ScanResult)} is the reference), across batches: new assets, field and port changes,
 * absences of a complete scan, a duplicate in a later batch; the size limit answers 413 before anything is stored;
 * an idempotency key is stored once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ScanIngestContract {
    /** More than three batches of ScanUpload.BATCH and a body past the 1 MiB kept in memory. */
    static final int N = 1_700;
    static final String LIMIT = "3 MiB";

    TestDb db;
    TestDb reference;
    ApiApp app;
    final HttpClient http = HttpClient.newHttpClient();

    abstract Dialect dialect();

    @BeforeAll
    void start() {
        db = TestDb.create(dialect()).migrate();
        reference = TestDb.create(dialect()).migrate();
        app = ApiApp.start(db, ConfigOverride.config("ingest.maxBodySize", LIMIT));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        for (TestDb d : new TestDb[] {db, reference}) {
            if (d != null) {
                d.close();
            }
        }
    }

    static ScanResult first() {
        return new ScanResult("10.0.0.0/21", ScanMethod.ACTIVE, TestData.T0, TestData.T0.plusSeconds(60), false,
                TestData.many(N), null, null);
    }

    /** Every 97th asset missing, every 5th renamed, every 7th with other ports, 100 new; coverage complete. */
    static ScanResult second() {
        List<Asset> before = TestData.many(N + 100);
        List<Asset> assets = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Asset a = before.get(i);
            if (i < N && i % 97 == 0) {
                continue;
            }
            if (i % 5 == 0) {
                a = a.withHostname("renamed-" + i);
            }
            if (i % 7 == 0) {
                a = a.withOpenPorts(List.of(22, 443));
            }
            assets.add(a);
        }
        ObjectNode details = Json.object();
        details.set(ScanCoverage.DETAILS_KEY, new ScanCoverage(List.of("10.0.0.0-10.0.7.255"), "22,80,443", true, 0, 0)
                .toJson());
        return new ScanResult("10.0.0.0/21", ScanMethod.ACTIVE, TestData.T0.plusSeconds(3600),
                TestData.T0.plusSeconds(3660), false, assets, details, null);
    }

    HttpResponse<String> post(String body, boolean withLength) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = withLength ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                // no Content-Length: chunked transfer, counted as it arrives
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        return http.send(HttpRequest.newBuilder(URI.create(app.url("/api/scans"))).timeout(Duration.ofMinutes(3))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ApiApp.TOKEN)
                .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a save wrote, without generated ids and times: assets by identity, change rows in log order. */
    static List<String> written(Daos daos) {
        List<String> out = new ArrayList<>();
        daos.assets().all().stream()
                .map(a -> "asset " + a.ip() + " " + a.mac() + " " + a.hostname() + " " + a.status())
                .sorted().forEach(out::add);
        daos.changes().feed(1_000_000, 0).stream()
                .sorted(java.util.Comparator.comparingLong(io.bigr.discovery.core.AssetChange::id))
                .map(c -> "change " + c.ip() + " " + c.mac() + " " + c.changeType() + " " + c.fieldName() + " "
                        + c.oldValue() + " " + c.newValue())
                .forEach(out::add);
        out.add("scans " + daos.scans().count());
        return out;
    }

    static String summary(InventoryStore.SaveOutcome o) {
        return o.totalAssets() + "/" + o.newAssets() + "/" + o.changedAssets() + "/" + o.unchangedAssets() + "/"
                + o.fieldChanges();
    }

    static String summary(JsonNode n) {
        return n.get("total_assets").asInt() + "/" + n.get("new").asInt() + "/" + n.get("changed").asInt() + "/"
                + n.get("unchanged").asInt() + "/" + n.get("field_changes").asInt();
    }

    @Test
    @Order(1)
    void aBodyOverTheLimitIs413AndStoresNothing() throws Exception {
        String huge = Json.write(ScanResultJson.toJson(new ScanResult("10.0.0.0/8", ScanMethod.ACTIVE, TestData.T0,
                null, false, TestData.many(12_000), null, ScanResult.newKey())));
        assertThat(huge.length()).isGreaterThan(3 << 20);
        for (boolean withLength : new boolean[] {true, false}) {
            HttpResponse<String> r = post(huge, withLength);
            assertThat(r.statusCode()).as("with Content-Length: " + withLength).isEqualTo(413);
            JsonNode body = Json.parseOrNull(r.body());
            assertThat(body.get("code").asInt()).isEqualTo(413);
            assertThat(body.get("error").asText()).contains("3145728 bytes");
        }
        assertThat(db.daos().scans().count()).isZero();
        assertThat(db.daos().assets().all()).isEmpty();
    }

    @Test
    @Order(2)
    void aStreamedSaveWritesWhatTheOnePieceSaveWrites() throws Exception {
        Daos ref = reference.daos();
        for (ScanResult scan : List.of(first(), second())) {
            String body = Json.write(ScanResultJson.toJson(scan));
            if (scan.details() != null) {
                assertThat(body.indexOf("\"details\"")).as("details follow the assets in the document")
                        .isGreaterThan(body.indexOf("\"assets\""));
            }
            HttpResponse<String> r = post(body, true);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            InventoryStore.SaveOutcome expected = ref.store().save(scan);
            assertThat(summary(Json.parseOrNull(r.body()))).isEqualTo(summary(expected));
        }
        List<String> streamed = written(db.daos());
        assertThat(streamed).isEqualTo(written(ref));
        // the second scan really exercised every kind of change across batches
        assertThat(streamed).anyMatch(s -> s.contains(" asset_missed "))
                .anyMatch(s -> s.contains(" port_opened ")).anyMatch(s -> s.contains(" port_closed "))
                .anyMatch(s -> s.contains(" field_changed hostname "))
                .anyMatch(s -> s.startsWith("change 10.0.6.") && s.contains(" new_asset "));
    }

    @Test
    @Order(3)
    void aDuplicateInALaterBatchIs422AndRollsBackEveryBatch() throws Exception {
        List<String> before = written(db.daos());
        List<Asset> assets = new ArrayList<>(TestData.many(N));
        assets.set(1_234, assets.get(3).withHostname("again"));
        ScanResult dup = new ScanResult("10.0.0.0/21", ScanMethod.ACTIVE, TestData.T0.plusSeconds(7200), null, false,
                assets, null, null);
        HttpResponse<String> r = post(Json.write(ScanResultJson.toJson(dup)), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(Json.parseOrNull(r.body()).get("field").asText()).isEqualTo("assets[1234]");
        assertThat(written(db.daos())).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aBadAssetInALaterBatchIs422AndRollsBackEveryBatch() throws Exception {
        List<String> before = written(db.daos());
        ObjectNode doc = ScanResultJson.toJson(new ScanResult("10.0.0.0/21", ScanMethod.ACTIVE,
                TestData.T0.plusSeconds(7200), null, false, TestData.many(N), null, null));
        ((ObjectNode) doc.withArray("assets").get(1_600)).put("ip", "not an address");
        HttpResponse<String> r = post(Json.write(doc), false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(Json.parseOrNull(r.body()).get("field").asText()).isEqualTo("assets[1600].ip");
        assertThat(written(db.daos())).isEqualTo(before);
    }

    @Test
    @Order(5)
    void truncatedOrTrailingJsonIs400() throws Exception {
        String body = Json.write(ScanResultJson.toJson(first()));
        for (String bad : List.of(body.substring(0, body.length() - 40), body + " {}", "{\"target\": ")) {
            HttpResponse<String> r = post(bad, true);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(Json.parseOrNull(r.body()).get("field").asText()).isEqualTo("body");
        }
    }

    @Test
    @Order(6)
    void aRepeatedIdempotencyKeyIsAnsweredWithTheFirstSaveAndStoresNothing() throws Exception {
        ScanResult scan = new ScanResult("10.9.0.0/24", ScanMethod.ACTIVE, TestData.T0.plusSeconds(9000), null,
                false, List.of(TestData.asset("10.9.0.1", "02:09:00:00:00:01"),
                TestData.asset("10.0.0.1", "02:00:00:00:00:01")), null, ScanResult.newKey());
        String body = Json.write(ScanResultJson.toJson(scan));
        HttpResponse<String> first = post(body, true);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        List<String> after = written(db.daos());
        HttpResponse<String> again = post(body, false);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        // the key decides, not the content: a changed body with the same key is still the first result
        String changed = Json.write(ScanResultJson.toJson(scan.withAssets(List.of(
                TestData.asset("10.9.0.2", "02:09:00:00:00:02")))));
        assertThat(post(changed, true).body()).isEqualTo(first.body());
        assertThat(written(db.daos())).isEqualTo(after);
        ObjectNode badKey = ScanResultJson.toJson(scan);
        badKey.put("idempotency_key", "no spaces allowed");
        HttpResponse<String> bad = post(Json.write(badKey), true);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(Json.parseOrNull(bad.body()).get("field").asText()).isEqualTo("idempotency_key");
    }
}
