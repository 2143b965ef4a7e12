package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A change-log row joined with its asset's ip and mac (docs/DOMAIN.md §3.11). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssetChange(
        long id,
        String assetId,
        String scanId,
        String changeType,
        String fieldName,
        String oldValue,
        String newValue,
        Instant detectedAt,
        String ip,
        String mac) {
}
