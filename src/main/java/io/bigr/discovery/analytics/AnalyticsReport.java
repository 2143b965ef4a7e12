package io.bigr.discovery.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The analytics of docs/DOMAIN.md §6.5 in its wire shape and key order. The two series are never null; empty lists and
 * empty point lists when there is no data.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"asset_count_trend", "category_trends", "new_vs_removed", "most_changed_assets",
    "scan_frequency"})
public record AnalyticsReport(Series assetCountTrend, List<Series> categoryTrends, Series newVsRemoved,
                              List<ChangedAsset> mostChangedAssets, List<ScanDay> scanFrequency) {

    /** A named series of dated points, ascending by date. */
    @JsonPropertyOrder({"name", "points"})
    public record Series(String name, List<Point> points) {
    }

    /** {@code date} is the UTC calendar date {@code YYYY-MM-DD}; {@code label} may be null (and is then emitted). */
    @JsonPropertyOrder({"date", "value", "label"})
    public record Point(String date, int value, String label) {
    }

    /** An IP with its number of change rows (all time) and the latest change. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"ip", "mac", "hostname", "change_count", "last_change"})
    public record ChangedAsset(String ip, String mac, String hostname, int changeCount, Instant lastChange) {
    }

    /** Scans started on one date and the sum of their {@code total_assets}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"date", "scan_count", "total_assets"})
    public record ScanDay(String date, int scanCount, int totalAssets) {
    }
}
