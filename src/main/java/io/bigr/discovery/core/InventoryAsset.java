package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A row of the living inventory ({@code assets}), in the 18-key shape of docs/DOMAIN.md §3.6. This record is the
 * declaration of the {@code assets} columns: {@link #COLUMNS} (its components in snake_case, in order) is the JSON key
 * list, the CSV export header and the transfer's column list; AssetColumnsIT holds it equal to the migrated schema
 * on both databases and to {@code AssetDao.COLUMNS} (which SQL annotations need as a constant).
 *
 * @param bigrCategory   the classifier's category; a stored value outside the five reads as {@code unclassified}
 * @param status         {@code online}, {@code missed} or {@code gone} (docs/DOMAIN.md §3.15)
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
        Integer switchPortIndex,
        String status,
        String deviceType,
        String product,
        String os,
        String osVersion) {

    /** The {@code assets} columns, in declaration order: the components' names in snake_case. */
    public static final List<String> COLUMNS = Arrays.stream(InventoryAsset.class.getRecordComponents())
            .map(c -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName())).toList();

    /**
     * The category that counts: the manual override when set ({@link BigrCategory#manualOverride}), else the
     * classifier's.
     */
    public BigrCategory effectiveCategory() {
        return BigrCategory.effective(bigrCategory, manualCategory);
    }
}
