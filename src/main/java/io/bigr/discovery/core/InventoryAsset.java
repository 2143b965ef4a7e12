package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A row of the living inventory ({@code assets}), in the 17-key shape of docs/DOMAIN.md §3.6. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InventoryAsset(
        String id,
        String ip,
        String mac,
        String hostname,
        String vendor,
        String osHint,
        String bigrCategory,
        double confidenceScore,
        String scanMethod,
        Instant firstSeen,
        Instant lastSeen,
        String manualCategory,
        String manualNote,
        int isIgnored,
        String switchHost,
        String switchPort,
        Integer switchPortIndex) {

    /** The category that counts: the manual override when set, else the classifier's. */
    public String effectiveCategory() {
        return manualCategory != null && !manualCategory.isEmpty() ? manualCategory : bigrCategory;
    }
}
