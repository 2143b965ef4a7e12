package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A scan's metadata (docs/DOMAIN.md §3.7, server shape): no assets. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "target", "scan_method", "started_at", "completed_at", "total_assets", "is_root",
        "duration_seconds", "status"})
public record ScanSummary(
        String id,
        String target,
        String scanMethod,
        Instant startedAt,
        Instant completedAt,
        int totalAssets,
        @JsonProperty("is_root") boolean isRoot,
        String status) {

    @JsonProperty("duration_seconds")
    public Double durationSeconds() {
        return ScanResult.durationSeconds(startedAt, completedAt);
    }
}
