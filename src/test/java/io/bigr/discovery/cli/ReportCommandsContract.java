package io.bigr.discovery.cli;

import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code bigr compliance | analytics | risk | vuln ...} as a user runs them (separate JVM, real exit codes and
 * streams), on a seeded database: JSON formats parse and hold only JSON, bad input is one line with exit 1 or 2.
 * Run by {@link SqliteReportCommandsIT} and {@link PostgresReportCommandsIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReportCommandsContract {
    private static final String FEED = Path.of("src/test/resources/nvd/nvdcve-2.0-sample.json").toAbsolutePath()
            .toString();
    private TestDb db;

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
    void open() {
        db = newDatabase().migrate();
        db.daos().store().save(scan("10.0.0.0/24",
                asset("10.0.0.1", "aa:bb:cc:dd:ee:01", "gw.local", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22, 443),
                asset("10.0.0.100", "aa:bb:cc:dd:ee:02", "cam.local", "Hikvision", BigrCategory.IOT, 0.75, 23, 80, 554),
                asset("10.0.0.20", "aa:bb:cc:dd:ee:20", "pi", "Raspberry Pi", BigrCategory.UYGULAMALAR, 0.5, 22)
                        .withEvidence(Json.parseObject("{\"banners\": {\"22\": \"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\"}}")),
                asset("10.0.0.7", null, null, null, BigrCategory.UNCLASSIFIED, 0.1)));
        db.daos().assets().tag("10.0.0.7", "tasinabilir", "my laptop");
        db.daos().subnets().add("10.0.0.0/24", "Office", 10);
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private Cli.Result bigr(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(config());
        return Cli.run(env(db), all.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.exit()).as(r.toString()).isZero();
        return Json.MAPPER.readTree(r.out()); // the whole of stdout must be one JSON document
    }

    /** One line; a usage error (exit 2) adds the hint line {@code try: bigr COMMAND --help}. */
    private static void oneLineError(Cli.Result r, int exit, String text) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        java.util.List<String> lines = r.err().strip().lines().toList();
        assertThat(lines.get(0)).startsWith("Error: ").contains(text).doesNotContain("Exception");
        assertThat(lines).hasSize(exit == 2 ? 2 : 1);
        if (exit == 2) {
            assertThat(lines.get(1)).startsWith("try: bigr ").endsWith(" --help");
        }
        assertThat(r.out()).isEmpty();
    }

    @Test
    @Order(1)
    void complianceJsonAndSummary() throws Exception {
        JsonNode r = json(bigr("compliance", "--format", "json"));
        assertThat(r.path("breakdown").path("manual_overrides").asInt()).isEqualTo(1);
        assertThat(r.path("breakdown").path("total_assets").asInt()).isEqualTo(4);
        assertThat(r.path("compliance_score").asDouble()).isEqualTo(87.5); // (2 full + 1 manual + 0.5 × 1 partial) / 4
        assertThat(r.path("subnet_compliance").get(0).path("label").asText()).isEqualTo("Office");
        List<String> keys = new ArrayList<>();
        r.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("compliance_score", "grade", "breakdown", "distribution",
                "subnet_compliance", "action_items");

        Cli.Result summary = bigr("compliance");
        assertThat(summary.exit()).as(summary.toString()).isZero();
        assertThat(summary.out()).contains("Compliance Report").contains("Grade: B").contains("Taşınabilir Cihazlar")
                .contains("Low confidence classification (0.50)").contains("10.0.0.0/24");
        oneLineError(bigr("compliance", "--format", "pdf"), 2, "--format must be one of summary, detailed, json");
    }

    @Test
    @Order(2)
    void analyticsJsonAndBadDays() throws Exception {
        JsonNode r = json(bigr("analytics", "--days", "3650", "--format", "json"));
        assertThat(r.path("scan_frequency").get(0).path("total_assets").asInt()).isEqualTo(4);
        assertThat(r.path("asset_count_trend").path("points").get(0).path("value").asInt()).isEqualTo(4);
        assertThat(r.path("most_changed_assets")).hasSize(4);
        // The seeded scan is from 2026-01-15: outside a 1-day window, so trends are empty but keys remain.
        JsonNode recent = json(bigr("analytics", "-d", "1", "-f", "json"));
        assertThat(recent.path("asset_count_trend").path("points")).isEmpty();
        assertThat(bigr("analytics").out()).contains("Most changed assets");
        oneLineError(bigr("analytics", "--days", "0"), 1, "--days must be between 1 and");
        oneLineError(bigr("analytics", "--days", "-5"), 1, "--days must be between 1 and");
        oneLineError(bigr("analytics", "--format", "csv"), 2, "--format must be one of summary, json");
    }

    @Test
    @Order(3)
    void riskJsonTop10AndSummary() throws Exception {
        JsonNode r = json(bigr("risk", "--format", "json"));
        assertThat(r.path("profiles")).hasSize(4);
        JsonNode camera = r.path("top_risks").get(0);
        assertThat(camera.path("ip").asText()).isEqualTo("10.0.0.100");
        assertThat(camera.path("top_cve").asText()).isEqualTo("CVE-2021-36260");
        assertThat(camera.path("factors").path("exposure_score").asDouble()).isEqualTo(0.9900000000000001);
        Cli.Result top = bigr("risk", "--format", "top10");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("10.0.0.100").contains("CVE-2021-36260");
        Cli.Result summary = bigr("risk");
        assertThat(summary.out()).contains("Average risk: ").contains(" / 10.0").contains("Critical: ");
        oneLineError(bigr("risk", "--format", "top5"), 2, "--format must be one of summary, json, top10");
    }

    @Test
    @Order(4)
    void vulnImportScanStatsSearch() throws Exception {
        Cli.Result imported = bigr("vuln", "import", FEED);
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported 5 CVEs").contains("1 skipped");
        oneLineError(bigr("vuln", "import", "/nonexistent/feed.json"), 1, "File not found: /nonexistent/feed.json");
        oneLineError(bigr("vuln", "import", Cli.repoFile("config.yml")), 1, "malformed JSON");

        // The store held 5 imported CVEs, so `seed` is what brings the built-ins in.
        assertThat(bigr("vuln", "seed").out()).contains("Seeded 18 CVEs");
        Cli.Result stats = bigr("vuln", "stats");
        assertThat(stats.out()).contains("Total CVEs: 23").contains("Last sync: ").contains("critical: 11");

        JsonNode scan = json(bigr("vuln", "scan", "--format", "json"));
        assertThat(scan.path("total_assets_scanned").asInt()).isEqualTo(4);
        JsonNode pi = null;
        for (JsonNode s : scan.path("summaries")) {
            if (s.path("ip").asText().equals("10.0.0.20")) {
                pi = s;
            }
        }
        assertThat(pi).isNotNull();
        JsonNode match = pi.path("matches").get(0);
        assertThat(match.path("match_type").asText()).isEqualTo("version_confirmed");
        assertThat(match.path("evidence").path("text").asText()).isEqualTo("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3");
        assertThat(scan.path("cve_db_stats").path("total").asInt()).isEqualTo(23);
        Cli.Result table = bigr("vuln", "scan");
        assertThat(table.out()).contains("assets with vulnerabilities found").contains("10.0.0.1");

        assertThat(bigr("vuln", "search", "cve-2023-38408").out()).contains("CVE-2023-38408").contains("openssh");
        assertThat(bigr("vuln", "search", "Hikvision").out()).contains("CVE-2021-36260").contains("YES");
        assertThat(bigr("vuln", "search", "nobody").out()).contains("No CVEs found for 'nobody'");
        assertThat(bigr("vuln", "bogus").exit()).isEqualTo(2);
    }
}
