package io.bigr.discovery.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskEngineTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** {@code category} is stored text, read as the database mapper reads it ({@link BigrCategory#fromValue}). */
    private static RiskAsset asset(String category, List<Integer> ports, Integer daysAgo) {
        return new RiskAsset("10.0.0.1", null, null, null, BigrCategory.fromValue(category), 0.5, ports,
                daysAgo == null ? null : NOW.minus(Duration.ofDays(daysAgo)));
    }

    private static List<Integer> ports(String spec) {
        if (spec.isEmpty()) {
            return List.of();
        }
        if (spec.startsWith("unknown")) {
            return IntStream.range(0, Integer.parseInt(spec.substring(7))).map(i -> 40000 + i).boxed().toList();
        }
        return java.util.Arrays.stream(spec.split(" ")).map(Integer::valueOf).toList();
    }

    /** The worked examples of docs/DOMAIN.md §6.6 (now fixed). */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "iot, 23 80 554, 200, 10.0, 15, 8.97, critical",
        "ag_ve_sistemler, 443, 10, 0, 0, 1.45, info",
        "unclassified, '', 5, 0, 0, 1.9, info",
        "unclassified, '', null, 0, 0, 1.8, info",
        "iot, 23 445, 400, 9.5, 25, 9.18, critical",
        "iot, 80, 50, 5.0, 3, 4.95, medium",
        "tasinabilir, 21 22 23 80 443 445 3389, 100, 0, 8, 4.5, medium",
        "uygulamalar, unknown10, 31, 0, 1, 2.05, low",
        "iot, 23 445, 5, 0, 0, 3.95, low"})
    void workedExamples(String category, String portSpec, Integer days, double maxCvss, int changes, double score,
                        String level) {
        RiskReport.Profile p = RiskEngine.profile(asset(category, ports(portSpec), days), maxCvss, null, changes, NOW);
        assertThat(p.riskScore()).isEqualTo(score);
        assertThat(p.riskLevel()).isEqualTo(level);
    }

    @Test
    void factorsAreEmittedUnrounded() {
        RiskReport.Profile p = RiskEngine.profile(asset("iot", List.of(23, 80, 554), 200), 10.0, "CVE-1", 15, NOW);
        assertThat(p.factors().exposureScore()).isEqualTo(0.9900000000000001);
        assertThat(Json.write(p.factors())).isEqualTo("{\"cve_score\":1.0,\"exposure_score\":0.9900000000000001,"
                + "\"classification_score\":0.8,\"age_score\":0.7,\"change_score\":0.7}");
    }

    @Test
    void ageBoundariesAndFutureFirstSeen() {
        assertThat(RiskEngine.ageScore(NOW.minus(Duration.ofDays(30)), NOW)).isEqualTo(0.1);
        assertThat(RiskEngine.ageScore(NOW.minus(Duration.ofDays(31)), NOW)).isEqualTo(0.3);
        assertThat(RiskEngine.ageScore(NOW.minus(Duration.ofDays(31)).plusSeconds(1), NOW)).isEqualTo(0.1);
        assertThat(RiskEngine.ageScore(NOW.minus(Duration.ofDays(91)), NOW)).isEqualTo(0.5);
        assertThat(RiskEngine.ageScore(NOW.minus(Duration.ofDays(181)), NOW)).isEqualTo(0.7);
        assertThat(RiskEngine.ageScore(NOW.minus(Duration.ofDays(366)), NOW)).isEqualTo(1.0);
        assertThat(RiskEngine.ageScore(NOW.plus(Duration.ofDays(3)), NOW)).isEqualTo(0.1);
        assertThat(RiskEngine.ageScore(null, NOW)).isEqualTo(0.0);
    }

    @Test
    void changeAndPortThresholds() {
        assertThat(List.of(0, 1, 5, 6, 10, 11, 20, 21).stream().map(RiskEngine::changeScore).toList())
                .containsExactly(0.0, 0.3, 0.3, 0.5, 0.5, 0.7, 0.7, 1.0);
        assertThat(RiskEngine.exposureScore(List.of(99))).isEqualTo(0.2);
        assertThat(RiskEngine.exposureScore(List.of(23, 445, 27017, 1, 2, 3, 4, 5, 6, 7))).isEqualTo(1.0);
        // An unknown stored category ("printer") reaches the engine as unclassified, through the database mapper
        // (bigr_category) or the manual-override boundary (manual_category), and scores as unclassified did.
        assertThat(RiskEngine.classificationScore(BigrCategory.fromValue("printer"))).isEqualTo(0.9);
        assertThat(RiskEngine.classificationScore(RiskAsset.of(tagged("printer"), List.of()).bigrCategory()))
                .isEqualTo(0.9);
        assertThat(RiskEngine.classificationScore(RiskAsset.of(tagged("IOT"), List.of()).bigrCategory()))
                .isEqualTo(0.9);
        assertThat(RiskEngine.cveScore(12.0)).isEqualTo(1.0);
    }

    @Test
    void levelThresholds() {
        assertThat(List.of(8.0, 7.99, 6.0, 4.0, 3.99, 2.0, 1.99).stream().map(RiskEngine::level).toList())
                .containsExactly("critical", "high", "high", "medium", "low", "low", "info");
    }

    @Test
    void networkAssessmentJoinsByIpCountsLevelsWithoutInfoAndSortsStably() {
        List<RiskAsset> assets = new ArrayList<>();
        assets.add(new RiskAsset("10.0.0.1", "m1", "a", "Cisco", BigrCategory.IOT, 0.9, List.of(23, 80, 554),
                NOW.minus(Duration.ofDays(200))));
        assets.add(new RiskAsset("10.0.0.2", null, null, null, BigrCategory.UNCLASSIFIED, 0.1, List.of(), null));
        assets.add(new RiskAsset("10.0.0.3", null, null, null, BigrCategory.UNCLASSIFIED, 0.1, List.of(), null));
        assets.add(new RiskAsset("10.0.0.4", null, null, null, BigrCategory.IOT, 0.5, List.of(80),
                NOW.minus(Duration.ofDays(50))));
        RiskReport r = RiskEngine.assess(assets,
                Map.of("10.0.0.1", new RiskEngine.VulnSignal("10.0.0.1", 10.0, "CVE-2023-20198"),
                        "10.0.0.4", new RiskEngine.VulnSignal("10.0.0.4", 5.0, "CVE-X")),
                Map.of("10.0.0.1", 15, "10.0.0.4", 3), NOW);
        assertThat(r.profiles()).extracting(RiskReport.Profile::riskScore).containsExactly(8.97, 1.8, 1.8, 4.95);
        assertThat(r.profiles().get(0).topCve()).isEqualTo("CVE-2023-20198");
        assertThat(r.profiles().get(1).topCve()).isNull();
        assertThat(r.criticalCount()).isEqualTo(1);
        assertThat(r.mediumCount()).isEqualTo(1);
        assertThat(r.highCount() + r.lowCount()).isZero();
        assertThat(r.maxRisk()).isEqualTo(8.97);
        assertThat(r.averageRisk()).isEqualTo(4.38); // (8.97 + 1.8 + 1.8 + 4.95) / 4 = 4.38
        assertThat(r.topRisks()).extracting(RiskReport.Profile::ip)
                .containsExactly("10.0.0.1", "10.0.0.4", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void topRisksKeepsTenAndEmptyNetworkIsZero() {
        List<RiskAsset> many = IntStream.range(0, 12).mapToObj(i -> new RiskAsset("10.0.0." + i, null, null, null,
                BigrCategory.IOT, 0.5, List.of(), null)).toList();
        assertThat(RiskEngine.assess(many, Map.of(), Map.of(), NOW).topRisks()).hasSize(10)
                .extracting(RiskReport.Profile::ip).startsWith("10.0.0.0", "10.0.0.1");
        RiskReport empty = RiskEngine.assess(List.of(), Map.of(), Map.of(), NOW);
        assertThat(Json.write(empty)).isEqualTo("{\"profiles\":[],\"average_risk\":0.0,\"max_risk\":0.0,"
                + "\"critical_count\":0,\"high_count\":0,\"medium_count\":0,\"low_count\":0,\"top_risks\":[]}");
    }

    @Test
    void profileJsonKeyOrder() {
        RiskReport.Profile p = RiskEngine.profile(new RiskAsset("10.0.0.1", "aa:bb:cc:dd:ee:01", "gw", "Cisco",
                BigrCategory.AG_VE_SISTEMLER, 0.9, List.of(443), NOW.minus(Duration.ofDays(10))), 0, null, 0, NOW);
        assertThat(Json.write(p)).isEqualTo("{\"ip\":\"10.0.0.1\",\"mac\":\"aa:bb:cc:dd:ee:01\",\"hostname\":\"gw\","
                + "\"vendor\":\"Cisco\",\"bigr_category\":\"ag_ve_sistemler\",\"risk_score\":1.45,"
                + "\"risk_level\":\"info\",\"factors\":{\"cve_score\":0.0,\"exposure_score\":0.3,"
                + "\"classification_score\":0.3,\"age_score\":0.1,\"change_score\":0.0},\"top_cve\":null}");
    }

    /** The bounded top list equals the first ten of a stable descending sort, ties and all, at any input size. */
    @ParameterizedTest
    @CsvSource({"0, 1", "1, 2", "9, 3", "10, 4", "11, 5", "500, 6", "5000, 7"})
    void accumulatorTopTenIsTheStableSortsFirstTen(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<RiskReport.Profile> profiles = new ArrayList<>();
        RiskEngine.Accumulator acc = new RiskEngine.Accumulator();
        for (int i = 0; i < n; i++) {
            double score = random.nextInt(12) / 1.5; // few distinct scores: many ties
            RiskReport.Profile p = new RiskReport.Profile("10.0.0." + i, null, null, null, BigrCategory.IOT, score,
                    RiskEngine.level(score), new RiskReport.Factors(0, 0, 0, 0, 0), null);
            profiles.add(p);
            acc.add(p);
        }
        List<RiskReport.Profile> sorted = new ArrayList<>(profiles);
        sorted.sort(java.util.Comparator.comparingDouble(RiskReport.Profile::riskScore).reversed());
        RiskEngine.Summary s = acc.summary();
        assertThat(s.topRisks()).containsExactlyElementsOf(sorted.subList(0, Math.min(10, n)));
        assertThat(s.criticalCount() + s.highCount() + s.mediumCount() + s.lowCount())
                .isEqualTo((int) profiles.stream().filter(p -> !p.riskLevel().equals("info")).count());
        assertThat(s.maxRisk()).isEqualTo(n == 0 ? 0.0
                : io.bigr.discovery.core.Numbers.round(sorted.get(0).riskScore(), 2));
    }

    private static InventoryAsset tagged(String manualCategory) {
        return new InventoryAsset("id", "10.0.0.1", null, null, null, null, BigrCategory.IOT, 0.9, "active", NOW, NOW,
                manualCategory, null, 0, null, null, null, "online", null, null, null, null);
    }
}
