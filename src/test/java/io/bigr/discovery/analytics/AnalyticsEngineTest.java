package io.bigr.discovery.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.analytics.AnalyticsEngine.AssetChanges;
import io.bigr.discovery.analytics.AnalyticsEngine.ChangeRow;
import io.bigr.discovery.analytics.AnalyticsEngine.ScanRow;
import io.bigr.discovery.analytics.AnalyticsEngine.SnapshotRow;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AnalyticsEngineTest {
    private static final Instant D1 = Instant.parse("2026-01-10T08:00:00Z");
    private static final Instant D1_LATE = Instant.parse("2026-01-10T23:59:59.999Z");
    private static final Instant D2 = Instant.parse("2026-01-11T00:00:00Z");

    @Test
    void emptyInputGivesTheExactEmptyShape() {
        AnalyticsReport r = AnalyticsEngine.compute(List.of(), List.of(), List.of(), List.of());
        assertThat(Json.write(r)).isEqualTo("{\"asset_count_trend\":{\"name\":\"asset_count\",\"points\":[]},"
                + "\"category_trends\":[],\"new_vs_removed\":{\"name\":\"new_vs_removed\",\"points\":[]},"
                + "\"most_changed_assets\":[],\"scan_frequency\":[]}");
    }

    @Test
    void assetCountTrendCountsDistinctAssetsPerUtcDate() {
        AnalyticsReport r = AnalyticsEngine.compute(List.of(),
                List.of(new SnapshotRow(D2, "a", BigrCategory.IOT), new SnapshotRow(D1, "a", BigrCategory.IOT),
                        new SnapshotRow(D1_LATE, "a", BigrCategory.IOT), new SnapshotRow(D1_LATE, "b", BigrCategory.IOT)),
                List.of(), List.of());
        assertThat(r.assetCountTrend().points()).containsExactly(
                new AnalyticsReport.Point("2026-01-10", 2, null), new AnalyticsReport.Point("2026-01-11", 1, null));
    }

    @Test
    void categoryTrendsSortedByNameWithoutZeroFill() {
        AnalyticsReport r = AnalyticsEngine.compute(List.of(),
                List.of(new SnapshotRow(D2, "a", BigrCategory.UYGULAMALAR), new SnapshotRow(D1, "b", BigrCategory.IOT),
                        new SnapshotRow(D1, "c", BigrCategory.IOT), new SnapshotRow(D2, "c", BigrCategory.IOT),
                        new SnapshotRow(D1, "a", BigrCategory.AG_VE_SISTEMLER)),
                List.of(), List.of());
        assertThat(r.categoryTrends()).extracting(AnalyticsReport.Series::name)
                .containsExactly("ag_ve_sistemler", "iot", "uygulamalar");
        assertThat(r.categoryTrends().get(1).points()).containsExactly(
                new AnalyticsReport.Point("2026-01-10", 2, null), new AnalyticsReport.Point("2026-01-11", 1, null));
        assertThat(r.categoryTrends().get(2).points()).containsExactly(
                new AnalyticsReport.Point("2026-01-11", 1, null));
    }

    @Test
    void newVsRemovedCountsPerDateAndKeepsFieldChangeOnlyDates() {
        AnalyticsReport r = AnalyticsEngine.compute(List.of(), List.of(),
                List.of(new ChangeRow(D1, "new_asset"), new ChangeRow(D1_LATE, "new_asset"),
                        new ChangeRow(D1, "removed"), new ChangeRow(D2, "field_changed")),
                List.of());
        assertThat(r.newVsRemoved().name()).isEqualTo("new_vs_removed");
        assertThat(r.newVsRemoved().points()).containsExactly(
                new AnalyticsReport.Point("2026-01-10", 2, "new:2 removed:1"),
                new AnalyticsReport.Point("2026-01-11", 0, "new:0 removed:0"));
    }

    @Test
    void scanFrequencySumsTotalAssetsPerDate() {
        AnalyticsReport r = AnalyticsEngine.compute(
                List.of(new ScanRow(D2, 7), new ScanRow(D1, 2), new ScanRow(D1_LATE, 3)), List.of(), List.of(),
                List.of());
        assertThat(Json.write(r.scanFrequency())).isEqualTo("[{\"date\":\"2026-01-10\",\"scan_count\":2,"
                + "\"total_assets\":5},{\"date\":\"2026-01-11\",\"scan_count\":1,\"total_assets\":7}]");
    }

    @Test
    void mostChangedGroupsRowsByIpTakesMacHostnameOfLatestAndKeepsTop20() {
        List<AssetChanges> rows = new ArrayList<>();
        rows.add(new AssetChanges("10.0.0.1", "aa:00:00:00:00:01", "old", 3, D1));
        rows.add(new AssetChanges("10.0.0.1", "aa:00:00:00:00:02", "new", 2, D2));
        rows.add(new AssetChanges("10.0.0.2", null, null, 4, D1));
        IntStream.range(0, 25).forEach(i -> rows.add(new AssetChanges("10.1.0." + i, null, null, 1, D1)));
        AnalyticsReport r = AnalyticsEngine.compute(List.of(), List.of(), List.of(), rows);
        assertThat(r.mostChangedAssets()).hasSize(20);
        assertThat(r.mostChangedAssets().get(0)).isEqualTo(
                new AnalyticsReport.ChangedAsset("10.0.0.1", "aa:00:00:00:00:02", "new", 5, D2));
        assertThat(r.mostChangedAssets().get(1).ip()).isEqualTo("10.0.0.2");
        assertThat(Json.write(r.mostChangedAssets().get(0))).isEqualTo("{\"ip\":\"10.0.0.1\","
                + "\"mac\":\"aa:00:00:00:00:02\",\"hostname\":\"new\",\"change_count\":5,"
                + "\"last_change\":\"2026-01-11T00:00:00+00:00\"}");
    }

    @Test
    void mostChangedOfManyIpsAreTheFirstTwentyOfTheFullRanking() {
        java.util.Random random = new java.util.Random(5);
        List<AssetChanges> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // few distinct counts and days, so ties are broken by the latest change and then the ip
            rows.add(new AssetChanges("10.2." + (i / 250) + "." + (i % 250), null, null, 1 + random.nextInt(4),
                    random.nextInt(5) == 0 ? null : D1.plusSeconds(3600L * random.nextInt(3))));
        }
        java.util.Collections.shuffle(rows, random);
        List<AnalyticsReport.ChangedAsset> all = new ArrayList<>();
        rows.forEach(r -> all.add(new AnalyticsReport.ChangedAsset(r.ip(), r.mac(), r.hostname(), r.changeCount(),
                r.lastChange())));
        all.sort(java.util.Comparator.comparingInt(AnalyticsReport.ChangedAsset::changeCount).reversed()
                .thenComparing(AnalyticsReport.ChangedAsset::lastChange,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
                .thenComparing(AnalyticsReport.ChangedAsset::ip));
        AnalyticsReport r = AnalyticsEngine.compute(List.of(), List.of(), List.of(), rows);
        assertThat(r.mostChangedAssets()).containsExactlyElementsOf(all.subList(0, 20));
        assertThat(r.mostChangedAssets().get(0).changeCount()).isEqualTo(4);
    }

    @Test
    void cutoffIsNowMinusDays() {
        assertThat(AnalyticsEngine.cutoff(Instant.parse("2026-02-01T12:00:00Z"), 30))
                .isEqualTo(Instant.parse("2026-01-02T12:00:00Z"));
    }

    /**
     * The bounded heap keeps exactly what sorting every changed IP would: 5,000 IPs with counts and latest changes
     * drawn from a few values (ties on both), some without a change time, ranked count, then latest change, then IP.
     */
    @Test
    void mostChangedAreTheFirstTwentyOfEveryIpRanked() {
        java.util.Random random = new java.util.Random(42);
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        List<AssetChanges> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Instant last = random.nextInt(10) == 0 ? null : t0.plusSeconds(3600L * random.nextInt(4));
            rows.add(new AssetChanges("10." + random.nextInt(3) + ".0." + i, null, "h" + i, 1 + random.nextInt(4),
                    last));
        }
        java.util.Comparator<AnalyticsReport.ChangedAsset> ranked = java.util.Comparator
                .comparingInt(AnalyticsReport.ChangedAsset::changeCount).reversed()
                .thenComparing(AnalyticsReport.ChangedAsset::lastChange,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
                .thenComparing(AnalyticsReport.ChangedAsset::ip);
        List<AnalyticsReport.ChangedAsset> expected = rows.stream()
                .map(r -> new AnalyticsReport.ChangedAsset(r.ip(), r.mac(), r.hostname(), r.changeCount(),
                        r.lastChange()))
                .sorted(ranked).limit(20).toList();
        List<AnalyticsReport.ChangedAsset> top = AnalyticsEngine.compute(List.of(), List.of(), List.of(), rows)
                .mostChangedAssets();
        assertThat(top).containsExactlyElementsOf(expected);
    }
}
