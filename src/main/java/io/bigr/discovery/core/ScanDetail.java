package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scan with its assets (docs/DOMAIN.md §3.5); {@code assets} and {@code category_summary} are always present. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "target", "scan_method", "started_at", "completed_at", "total_assets", "is_root",
        "duration_seconds", "status", "assets", "category_summary"})
public record ScanDetail(
        String id,
        String target,
        String scanMethod,
        Instant startedAt,
        Instant completedAt,
        int totalAssets,
        @JsonProperty("is_root") boolean isRoot,
        String status,
        List<ScanAssetView> assets) {

    public static ScanDetail of(ScanSummary s, List<ScanAssetView> assets) {
        return new ScanDetail(s.id(), s.target(), s.scanMethod(), s.startedAt(), s.completedAt(), s.totalAssets(),
                s.isRoot(), s.status(), assets);
    }

    @JsonProperty("duration_seconds")
    public Double durationSeconds() {
        return ScanResult.durationSeconds(startedAt, completedAt);
    }

    @JsonProperty("category_summary")
    public Map<String, Integer> categorySummary() {
        Map<String, Integer> summary = new LinkedHashMap<>();
        assets.forEach(a -> summary.merge(a.bigrCategory().value(), 1, Integer::sum));
        return summary;
    }
}
