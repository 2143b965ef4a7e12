package io.bigr.discovery.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.SnapshotDao;
import io.bigr.discovery.db.migrate.AssetPortsBackfill;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints p50 and p99 of {@code GET /api/assets} pages (through the real application over HTTP, read cache bypassed
 * with {@code Cache-Control: no-cache}) on an inventory of N assets with S scans of history each (N × S snapshot
 * rows), on each database: the first page, page 50 reached by cursor, {@code port=22}, {@code q=} text search,
 * {@code category=}, a sort on another column and {@code status=missed}; then the port filter as it was before
 * {@code asset_ports} (a JSON scan of every latest snapshot, counted directly) for comparison.
 *
 * <p>The history is written with JDBC batches, not through the store (ten saves of 100,000 assets would take most
 * of an hour on a loaded machine); {@code asset_ports} is then filled by the changeSet's own backfill, whose time is
 * printed too (the upgrade's cost at that size). PostgreSQL is analysed after the load, as autovacuum would;
 * SQLite is not (nothing in the application runs ANALYZE). Not a test: run with
 * {@code mvn -o -Pbench test -Dtest=InventoryBenchmark [-Dbench.assets=100000] [-Dbench.scans=10]
 * [-Dbench.dbs=sqlite,postgresql] [-Dbench.runs=30] [-Dbench.keep=true]}.
 */
class InventoryBenchmark {
    private static final int ASSETS = Integer.getInteger("bench.assets", 100_000);
    private static final int SCANS = Integer.getInteger("bench.scans", 10);
    private static final int RUNS = Integer.getInteger("bench.runs", 30);
    private static final List<String> DBS = List.of(System.getProperty("bench.dbs", "sqlite,postgresql").split(","));
    private static final int BATCH = 2000;
    /** Keep the databases for EXPLAIN after the run (they are dropped otherwise). */
    private static final boolean KEEP = Boolean.getBoolean("bench.keep");

    @Test
    void pages() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            if (!DBS.contains(dialect.value())) {
                continue;
            }
            TestDb db = TestDb.create(dialect).migrate();
            try {
                seed(db);
                try (ApiApp app = ApiApp.start(db)) {
                    report(dialect, "first page", app, "/api/assets?limit=100");
                    String cursor = null;
                    int page = Math.min(50, (ASSETS - 1) / 100 + 1);
                    for (int p = 1; p < page; p++) {
                        cursor = get(app, "/api/assets?limit=100" + (cursor == null ? "" : "&cursor=" + enc(cursor)))
                                .get("next_cursor").asText();
                    }
                    report(dialect, "page " + page + " by cursor", app, "/api/assets?limit=100"
                            + (cursor == null ? "" : "&cursor=" + enc(cursor)));
                    report(dialect, "port=22", app, "/api/assets?port=22&limit=100");
                    report(dialect, "port=3389 (2% of assets)", app, "/api/assets?port=3389&limit=100");
                    report(dialect, "port=22&sort=ip", app, "/api/assets?port=22&sort=ip&limit=100");
                    report(dialect, "q=host-9999", app, "/api/assets?q=host-9999&limit=100");
                    report(dialect, "category=iot", app, "/api/assets?category=iot&limit=100");
                    report(dialect, "sort=hostname", app, "/api/assets?sort=hostname&limit=100");
                    report(dialect, "sort=ip", app, "/api/assets?sort=ip&limit=100");
                    report(dialect, "sort=-confidence_score", app, "/api/assets?sort=-confidence_score&limit=100");
                    report(dialect, "status=missed", app, "/api/assets?status=missed&limit=100");
                }
                before(db);
            } finally {
                if (KEEP) {
                    System.out.println("InventoryBenchmark kept " + db.url() + " (-Dbench.keep)");
                } else {
                    db.close();
                }
            }
        }
    }

    /** N assets, each seen by S hourly scans, written with JDBC batches; then asset_ports by the backfill. */
    private static void seed(TestDb db) throws Exception {
        long t0 = System.nanoTime();
        Instant first = TestData.T0;
        try (Connection c = Databases.connect(db.factory())) {
            c.setAutoCommit(false);
            try (PreparedStatement scans = c.prepareStatement("INSERT INTO scans (id, target, scan_method, started_at,"
                    + " completed_at, total_assets, is_root, status) VALUES (?, '10.0.0.0/8', 'active', ?, ?, ?, false,"
                    + " 'completed')")) {
                for (int s = 0; s < SCANS; s++) {
                    Instant at = first.plus(Duration.ofHours(s));
                    scans.setString(1, scanId(s));
                    scans.setTimestamp(2, Timestamp.from(at));
                    scans.setTimestamp(3, Timestamp.from(at.plusSeconds(600)));
                    scans.setInt(4, ASSETS);
                    scans.addBatch();
                }
                scans.executeBatch();
            }
            Instant last = first.plus(Duration.ofHours(SCANS - 1));
            try (PreparedStatement assets = c.prepareStatement("INSERT INTO assets (id, ip, mac, hostname, vendor,"
                    + " bigr_category, confidence_score, scan_method, first_seen, last_seen, status) VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)")) {
                for (int i = 0; i < ASSETS; i++) {
                    assets.setString(1, assetId(i));
                    assets.setString(2, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
                    assets.setString(3, String.format(Locale.ROOT, "02:00:00:%02x:%02x:%02x", i >> 16 & 255,
                            i >> 8 & 255, i & 255));
                    assets.setString(4, "host-" + i);
                    assets.setString(5, "Vendor " + (i % 7));
                    assets.setString(6, BigrCategory.values()[i % 5].value());
                    assets.setDouble(7, (i % 10) / 10.0);
                    assets.setTimestamp(8, Timestamp.from(first));
                    // Seen at a spread of times, so the default sort (-last_seen) has a real order to follow.
                    assets.setTimestamp(9, Timestamp.from(last.minusSeconds(i % 3600)));
                    assets.setString(10, i % 20 == 0 ? "missed" : i % 97 == 0 ? "gone" : "online");
                    assets.addBatch();
                    if (i % BATCH == BATCH - 1) {
                        assets.executeBatch();
                    }
                }
                assets.executeBatch();
            }
            c.commit();
            try (PreparedStatement snaps = c.prepareStatement("INSERT INTO scan_assets (scan_id, asset_id, open_ports,"
                    + " confidence_score, bigr_category, raw_evidence) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int s = 0; s < SCANS; s++) {
                    for (int i = 0; i < ASSETS; i++) {
                        snaps.setString(1, scanId(s));
                        snaps.setString(2, assetId(i));
                        snaps.setString(3, Json.portsText(ports(i, s)));
                        snaps.setDouble(4, (i % 10) / 10.0);
                        snaps.setString(5, BigrCategory.values()[i % 5].value());
                        snaps.setString(6, "{\"vendor\":\"Vendor " + (i % 7) + "\",\"ports\":" + Json.portsText(
                                ports(i, s)) + "}");
                        snaps.addBatch();
                        if (i % BATCH == BATCH - 1) {
                            snaps.executeBatch();
                        }
                    }
                    snaps.executeBatch();
                    c.commit();
                }
            }
            long loaded = System.nanoTime();
            long rows = AssetPortsBackfill.run(c);
            c.commit();
            long filled = System.nanoTime();
            if (db.dialect() == Dialect.POSTGRESQL) {
                c.setAutoCommit(true);
                try (var st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
            }
            System.out.printf(Locale.ROOT, "InventoryBenchmark %-10s seeded %,d assets x %d scans (%,d snapshots) in"
                    + " %,d ms; asset_ports backfill (changeSet 12-6): %,d rows in %,d ms%n", db.dialect().value(),
                    ASSETS, SCANS, (long) ASSETS * SCANS, (loaded - t0) / 1_000_000, rows,
                    (filled - loaded) / 1_000_000);
        }
    }

    /** The ports of asset i in scan s: 22 on a quarter, 80 on half, 443 on a third, 3389 on 2 %, 8080 churning. */
    static List<Integer> ports(int i, int s) {
        List<Integer> p = new ArrayList<>(5);
        if (i % 4 == 0) {
            p.add(22);
        }
        if (i % 2 == 0) {
            p.add(80);
        }
        if (i % 3 == 0) {
            p.add(443);
        }
        if (i % 50 == 0) {
            p.add(3389);
        }
        if ((i + s) % 5 == 0) {
            p.add(8080);
        }
        return p;
    }

    private static String scanId(int s) {
        return String.format(Locale.ROOT, "5ca10000-0000-4000-8000-%012x", s);
    }

    private static String assetId(int i) {
        return String.format(Locale.ROOT, "a55e7000-0000-4000-8000-%012x", i);
    }

    /** The port filter's count as it was before asset_ports: a JSON scan of every asset's latest snapshot. */
    private static void before(TestDb db) {
        String contains = db.dialect() == Dialect.POSTGRESQL
                ? "CAST(sa.open_ports AS jsonb) @> CAST('[22]' AS jsonb)"
                : "EXISTS (SELECT 1 FROM json_each(sa.open_ports) p WHERE p.value = 22)";
        String sql = "SELECT COUNT(*) FROM assets a WHERE EXISTS (SELECT 1 FROM scan_assets sa JOIN scans s"
                + " ON s.id = sa.scan_id WHERE sa.asset_id = a.id AND" + SnapshotDao.IS_LATEST + " AND " + contains
                + ")";
        int runs = 3;
        long[] ms = new long[runs];
        long n = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            n = db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "InventoryBenchmark %-10s %,d assets  %-40s median %6d ms  max %6d ms"
                + "  (count %,d; %d runs)%n", db.dialect().value(), ASSETS, "before: port=22 count by JSON scan",
                ms[runs / 2], ms[runs - 1], n, runs);
    }

    private static JsonNode get(ApiApp app, String path) {
        try (Response r = app.request(path).header("Cache-Control", "no-cache").get()) {
            String body = r.readEntity(String.class);
            if (r.getStatus() != 200) {
                throw new AssertionError("GET " + path + " -> " + r.getStatus() + ": " + body);
            }
            return Json.parseOrNull(body);
        }
    }

    private static void report(Dialect dialect, String label, ApiApp app, String path) {
        get(app, path);
        get(app, path); // warm
        long[] ms = new long[RUNS];
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            total = get(app, path).get("total").asLong();
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        int p99 = Math.max(0, (int) Math.ceil(RUNS * 0.99) - 1);
        System.out.printf(Locale.ROOT, "InventoryBenchmark %-10s %,d assets  %-40s p50 %5d ms  p99 %5d ms"
                + "  (total %,d)%n", dialect.value(), ASSETS, label, ms[RUNS / 2], ms[p99], total);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
