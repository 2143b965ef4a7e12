package io.bigr.discovery.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Json;
import io.bigr.discovery.testing.TestDb;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The CVE store on a real schema, run by {@link SqliteCveStoreIT} and {@link PostgresCveStoreIT}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CveStoreContract {
    private TestDb db;
    private CveStore cves;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() {
        db = newDatabase().migrate();
        cves = new CveStore(db.daos().cves());
    }

    @AfterAll
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        for (String table : List.of("cve_cpe_matches", "cve_sync_log", "cves")) {
            db.execute("DELETE FROM " + table);
        }
    }

    @Test
    void seedsTheEighteenBuiltinsOnceAndIdempotently() {
        assertThat(cves.ensureSeeded()).isTrue();
        assertThat(cves.ensureSeeded()).isFalse();
        assertThat(cves.seed()).isEqualTo(18);
        assertThat(cves.count()).isEqualTo(18);
        assertThat(cves.all()).extracting(CveEntry::cveId)
                .containsExactlyElementsOf(BuiltinCves.ENTRIES.stream().map(CveEntry::cveId).toList());
        VulnerabilityReport.CveStats stats = cves.stats();
        assertThat(Json.write(stats)).isEqualTo(
                "{\"total\":18,\"by_severity\":{\"critical\":10,\"high\":8},\"last_sync\":null}");
        CveEntry first = cves.find("cve-2023-20198").orElseThrow();
        assertThat(first).isEqualTo(new CveEntry("CVE-2023-20198", 10.0, "critical",
                BuiltinCves.ENTRIES.get(0).description(), "cisco", "ios_xe", "cpe:2.3:o:cisco:ios_xe:*", "2023-10-16",
                false, true, 1));
    }

    @Test
    void vendorLookupIsCaseInsensitiveWithAliasesAndLikeWildcards() {
        cves.seed();
        assertThat(cves.byVendor("CISCO SYSTEMS")).extracting(CveEntry::cveId)
                .containsExactly("CVE-2023-20198", "CVE-2023-20269", "CVE-2024-20353");
        assertThat(cves.byVendor("Apple")).isEmpty();
        // '_' is a LIKE wildcard (docs/DOMAIN.md §6.7): "tp_link" matches "tp-link".
        assertThat(cves.byVendor("tp_link")).extracting(CveEntry::cveId)
                .containsExactly("CVE-2023-1389", "CVE-2024-21833");
        VulnerabilityEngine.Catalog c = cves.catalog(Set.of("hikvision", "dahua", "nobody"), Set.of());
        assertThat(c.byVendor().get("hikvision")).hasSize(2);
        assertThat(c.byVendor().get("dahua")).hasSize(1);
        assertThat(c.byVendor()).doesNotContainKey("nobody");
    }

    @Test
    void importsAnNvdFeedWithCriteriaAndLogsOneSync(@TempDir Path dir) throws Exception {
        cves.seed();
        CveStore.ImportResult r = cves.importFeed(NvdFeedReaderTest.SAMPLE);
        assertThat(r).isEqualTo(new CveStore.ImportResult(5, 0, 1, 7));
        assertThat(cves.count()).isEqualTo(23);
        VulnerabilityReport.CveStats stats = cves.stats();
        assertThat(stats.bySeverity()).containsExactly(Map.entry("critical", 11L), Map.entry("high", 10L),
                Map.entry("medium", 1L), Map.entry("none", 1L));
        assertThat(stats.lastSync()).isNotNull();
        CveEntry apache = cves.find("CVE-2021-41773").orElseThrow();
        assertThat(apache.cisaKev()).isTrue();
        assertThat(apache.fixAvailable()).isTrue();
        assertThat(apache.seq()).isEqualTo(21);

        VulnerabilityEngine.Catalog c = cves.catalog(Set.of(), Set.of("openbsd:openssh", "f5:nginx"));
        assertThat(c.byProduct().get("openbsd:openssh")).extracting(a -> a.cve().cveId())
                .containsExactly("CVE-2023-38408", "CVE-2023-38408", "CVE-2023-38408", "CVE-2016-6210");
        assertThat(c.byProduct().get("f5:nginx").get(0).criterion().versionEndExcluding()).isEqualTo("1.20.1");

        // Re-importing (here gzip) updates in place: same ranks, criteria replaced not duplicated, one more log row.
        Path gz = dir.resolve("feed.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(NvdFeedReaderTest.SAMPLE, out);
        }
        assertThat(cves.importFeed(gz)).isEqualTo(new CveStore.ImportResult(0, 5, 1, 7));
        assertThat(cves.count()).isEqualTo(23);
        assertThat(cves.find("CVE-2021-41773").orElseThrow().seq()).isEqualTo(21);
        assertThat(count("SELECT COUNT(*) FROM cve_cpe_matches")).isEqualTo(7 + BuiltinCves.RANGES.size());
        assertThat(count("SELECT COUNT(*) FROM cve_sync_log")).isEqualTo(2);
        assertThat(count("SELECT SUM(entries_added) FROM cve_sync_log")).isEqualTo(10);
    }

    @Test
    void importsInBatchesLargerThanOne(@TempDir Path dir) throws Exception {
        int n = CveStore.BATCH * 2 + 7;
        StringBuilder sb = new StringBuilder("{\"format\":\"NVD_CVE\",\"vulnerabilities\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"cve\":{\"id\":\"CVE-2030-").append(10000 + i)
                    .append("\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"x\"}],\"configurations\":[{\"nodes\":"
                            + "[{\"cpeMatch\":[{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*\","
                            + "\"versionEndExcluding\":\"2.0\"}]}]}]}}");
        }
        Path feed = dir.resolve("big.json");
        Files.writeString(feed, sb.append("]}").toString());
        assertThat(cves.importFeed(feed)).isEqualTo(new CveStore.ImportResult(n, 0, 0, n));
        assertThat(cves.byVendor("ACME")).hasSize(n);
        assertThat(cves.find("CVE-2030-10000").orElseThrow().seq()).isEqualTo(1);
        assertThat(cves.find("CVE-2030-" + (10000 + n - 1)).orElseThrow().seq()).isEqualTo(n);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
