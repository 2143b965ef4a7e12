package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.ReadAhead;
import io.bigr.discovery.db.Rows;
import io.bigr.discovery.db.SnapshotDao;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/scans/{id}/diff} over two scans of 400 assets: on SQLite the pairs are read as two parts by asset
 * id at once (ScansResource.diffPairs), and the answer is the one a single read gives (that read forced by another
 * split read holding the one split permit); PostgreSQL reads it as one. Once per database by
 * {@link SqliteScanDiffPartsIT} and {@link PostgresScanDiffPartsIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScanDiffPartsContract {
    private TestDb db;
    private ApiApp app;
    private String base;
    private String scan;

    abstract TestDb newDatabase();

    @BeforeAll
    void start() {
        db = newDatabase().migrate();
        app = ApiApp.start(db);
        List<Asset> before = new ArrayList<>();
        List<Asset> after = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String ip = "10.5." + (i >> 8) + "." + (i & 255);
            String mac = String.format("02:05:00:00:%02x:%02x", i >> 8, i & 255);
            if (i >= 50) {
                before.add(TestData.asset(ip, mac, "h" + i, "Vendor", BigrCategory.IOT, 0.5, 80));
            }
            if (i < 350) {
                after.add(TestData.asset(ip, mac, "h" + i, "Vendor", i % 5 == 0 ? BigrCategory.TASINABILIR
                        : BigrCategory.IOT, 0.5, i % 3 == 0 ? new Integer[] {80, 443} : new Integer[] {80}));
            }
        }
        base = db.daos().store().save(TestData.scan("10.5.0.0/16", TestData.T0, before.toArray(new Asset[0])))
                .scanId();
        scan = db.daos().store().save(TestData.scan("10.5.0.0/16", TestData.T0.plus(Duration.ofHours(1)),
                after.toArray(new Asset[0]))).scanId();
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

    private String freshDiff() {
        try (Response r = app.request("/api/scans/" + scan + "/diff?base=" + base + "&limit=1000")
                .header("Cache-Control", "no-cache").get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            return r.readEntity(String.class);
        }
    }

    @Test
    void theDiffReadInPartsIsTheDiffOfOneRead() {
        String oneRead;
        long before;
        Rows<Object> holding = ReadAhead.inOneSnapshot(db.daos().reads(), SnapshotDao.class,
                List.of((SnapshotDao dao, java.util.function.Consumer<Object> none) -> { }));
        assertThat(holding).as("the split permit").isNotNull();
        try {
            before = ReadAhead.splitReads();
            oneRead = freshDiff();
            assertThat(ReadAhead.splitReads()).as("read as one while the permit is held").isEqualTo(before);
        } finally {
            holding.close();
        }
        String inParts = freshDiff();
        assertThat(ReadAhead.splitReads() - before).isEqualTo(db.dialect() == Dialect.SQLITE ? 1 : 0);
        assertThat(inParts).isEqualTo(oneRead);

        JsonNode d = Json.parseOrNull(inParts);
        assertThat(d.get("new_count").asInt()).isEqualTo(50);
        assertThat(d.get("removed_count").asInt()).isEqualTo(50);
        // of the 300 seen by both: every third gained 443, every fifth changed category (both: 20 of them)
        assertThat(d.get("changed_count").asInt()).isEqualTo(100 + 60);
        assertThat(d.get("unchanged_count").asInt()).isEqualTo(300 - 100 - 60 + 20);
        List<String> ips = new ArrayList<>();
        d.get("new_assets").forEach(n -> ips.add(n.get("ip").asText()));
        assertThat(ips).hasSize(50).isSorted().doesNotHaveDuplicates();
    }
}
