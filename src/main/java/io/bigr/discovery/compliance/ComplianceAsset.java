package io.bigr.discovery.compliance;

import io.bigr.discovery.core.BigrCategory;

/**
 * What the compliance engine reads of one asset (docs/DOMAIN.md §6.4).
 *
 * @param ip              the asset's address, or null (action items then say {@code unknown})
 * @param bigrCategory    the classifier's category; null counts as {@code unclassified}
 * @param confidenceScore classifier confidence 0.0–1.0
 * @param manualCategory  the manual override ({@link BigrCategory#manualOverride} of the stored text), or null when
 *                        not tagged
 * @param subnetCidr      an explicit subnet label carried by the asset (scan-result files), or null
 */
public record ComplianceAsset(String ip, BigrCategory bigrCategory, double confidenceScore,
                             BigrCategory manualCategory, String subnetCidr) {

    public ComplianceAsset {
        bigrCategory = bigrCategory == null ? BigrCategory.UNCLASSIFIED : bigrCategory;
    }

    /** An inventory row as stored: its category and manual-category texts read as the engines read them. */
    public static ComplianceAsset stored(String ip, String bigrCategory, double confidenceScore,
                                         String manualCategory) {
        return new ComplianceAsset(ip, BigrCategory.fromValue(bigrCategory), confidenceScore,
                BigrCategory.manualOverride(manualCategory), null);
    }

    boolean isManual() {
        return manualCategory != null;
    }

    BigrCategory effectiveCategory() {
        return isManual() ? manualCategory : bigrCategory;
    }
}
