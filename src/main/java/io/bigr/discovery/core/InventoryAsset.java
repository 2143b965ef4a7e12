package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A row of the living inventory ({@code assets}), in the 17-key shape of DOMAIN.md §3.6.
 *
 * @param bigrCategory   the classifier's category; a stored value outside the five reads as {@code unclassified}
 * @param manualCategory the user's override as stored: text, not {@link BigrCategory}, because rows written by earlier
 *                       releases may hold an empty string, which the API shows as it is and treats as "no override"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InventoryAsset(
        String id,
        String ip,
        String mac,
        String hostname,
        String vendor,
        String osHint,
        BigrCategory bigrCategory,
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

    /** The category value that counts: the manual override when set, else the classifier's. */
    public String effectiveCategory() {
        return manualCategory != null && !manualCategory.isEmpty() ? manualCategory : bigrCategory.value();
    }
}
