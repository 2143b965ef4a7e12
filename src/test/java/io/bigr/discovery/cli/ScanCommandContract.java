package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bigr scan} as a user runs it (separate JVM, real exit codes) against a listener this test owns on
 * 127.0.0.9, one database per subclass: bad input is refused before anything is saved; a scan is classified,
 * stored, written to a file and diffed against the previous one; a manual tag from the same store wins; a server
 * that cannot be reached leaves the result in the outbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ScanCommandContract {
    private static final String HOST = "127.0.0.9";
    private TestDb db;
    private ServerSocket listener;
    private int open;
    private int closed;
    private Path home;

    abstract TestDb newDatabase();
    /** Environment that points the command at the test database. */
    Map<String, String> env(TestDb db) {
        return Cli.env(db);
    }
    /** Config-file arguments appended to every command. */
    List<String> config() {
        return Cli.config(db);
    }

    @BeforeAll
    void open() throws IOException {
        db = newDatabase();
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 50);
        open = listener.getLocalPort();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            closed = s.getLocalPort();
        }
        home = Files.createTempDirectory("bigr-home");
    }

    @AfterAll
    void close() throws Exception {
        listener.close();
        db.close();
    }

    private Cli.Result bigr(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(config());
        Map<String, String> env = new HashMap<>(env(db));
        env.put("HOME", home.toString());
        return Cli.run(env, all.toArray(String[]::new));
    }

    private long scans() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM scans").mapTo(Long.class).one());
    }

    @Test
    @Order(1)
    void migrate() {
        assertThat(bigr("db", "migrate").exit()).isZero();
    }

    @Test
    @Order(2)
    void badInputIsOneLineExitTwoAndNothingSaved() {
        Cli.Result bad = bigr("scan", HOST, "10.0.0.300");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        // A usage error: the problem, then the hint (docs/DOMAIN.md §7).
        assertThat(bad.err().strip()).isEqualTo("Error: Invalid target '10.0.0.300': expected a CIDR (10.0.0.0/24), "
                + "a range (10.0.0.10-20) or an IPv4 address\ntry: bigr scan --help");
        Cli.Result huge = bigr("scan", "10.0.0.0/8");
        assertThat(huge.exit()).isEqualTo(2);
        assertThat(huge.err()).contains("16,777,214 addresses").contains("--force").doesNotContain("\tat ");
        Cli.Result none = bigr("scan");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no target given");
        Cli.Result ports = bigr("scan", HOST, "--ports", "22,99999");
        assertThat(ports.exit()).isEqualTo(2);
        assertThat(ports.err().strip()).isEqualTo("Error: Invalid --ports '22,99999': port 99999 is outside 1-65535"
                + "\ntry: bigr scan --help");
        assertThat(scans()).isZero();
    }

    @Test
    @Order(3)
    void scanStoresWritesAndDiffsWithTheTagWinning() throws Exception {
        Path file = home.resolve("out.json");
        Cli.Result first = bigr("scan", HOST, "--ports", open + "," + closed, "--output", file.toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Preflight " + HOST + ": 1 address(es), 2 port(s)")
                .contains(HOST + ": 1 host(s), 1 open port(s)").contains("saved as scan")
                .contains("first scan of " + HOST).contains("Scan complete! 1 asset(s)");
        JsonNode written = Json.MAPPER.readTree(file.toFile());
        assertThat(written.get("target").asText()).isEqualTo(HOST);
        assertThat(written.get("assets").get(0).get("open_ports").toString()).isEqualTo("[" + open + "]");
        ScanDetail stored = db.daos().scans().latestDetail(HOST).orElseThrow();
        assertThat(stored.assets()).extracting(ScanAssetView::ip).containsExactly(HOST);
        assertThat(stored.assets().get(0).openPorts()).containsExactly(open);

        assertThat(bigr("tag", HOST, "--category", "iot", "--note", "lab listener").exit()).isZero();
        Path csv = home.resolve("out.csv");
        Cli.Result second = bigr("scan", HOST, "--ports", open + "," + closed, "-o", csv.toString());
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).contains("changes since the previous scan").contains("category_change")
                .contains("IoT");
        ScanAssetView now = db.daos().scans().latestDetail(HOST).orElseThrow().assets().get(0);
        assertThat(now.bigrCategory()).isEqualTo(BigrCategory.IOT);
        assertThat(now.confidenceScore()).isEqualTo(1.0);
        assertThat(now.rawEvidence().get("manual_override").asText()).isEqualTo("lab listener");
        assertThat(Files.readAllLines(csv)).first().isEqualTo(
                "ip,mac,hostname,vendor,open_ports,os_hint,bigr_category,bigr_category_tr,confidence_score,"
                        + "confidence_level,scan_method,device_type,product,os,os_version");
        assertThat(scans()).isEqualTo(2);

        Cli.Result dry = bigr("scan", HOST, "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(scans()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void anUnreachableServerKeepsTheResultInTheOutbox() throws Exception {
        Cli.Result r = bigr("scan", HOST, "--ports", Integer.toString(open), "--server", "http://127.0.0.1:" + closed,
                "--token", "do-not-print-me");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out() + r.err()).contains("NOT delivered").contains(".bigr/outbox/")
                .doesNotContain("do-not-print-me");
        try (var files = Files.list(home.resolve(".bigr/outbox"))) {
            Path kept = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            assertThat(Json.MAPPER.readTree(kept.toFile()).get("target").asText()).isEqualTo(HOST);
        }
        assertThat(scans()).isEqualTo(2);
    }
}
