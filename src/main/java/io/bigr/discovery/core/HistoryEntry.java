package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** One scan's view of one asset (docs/DOMAIN.md §3.8); ports and evidence are parsed JSON (Appendix A #8). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryEntry(
        String scanId,
        String assetId,
        List<Integer> openPorts,
        double confidenceScore,
        BigrCategory bigrCategory,
        JsonNode rawEvidence,
        String target,
        Instant scanStarted,
        String scanScanMethod,
        String ip,
        String mac,
        String hostname,
        String vendor) {
}
