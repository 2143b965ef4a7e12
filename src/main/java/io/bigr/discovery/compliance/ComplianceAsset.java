package io.bigr.discovery.compliance;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ScanAssetView;

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

    public static ComplianceAsset of(InventoryAsset a) {
        return new ComplianceAsset(a.ip(), a.bigrCategory(), a.confidenceScore(),
                BigrCategory.manualOverride(a.manualCategory()), null);
    }

    public static ComplianceAsset of(ScanAssetView a) {
        return new ComplianceAsset(a.ip(), a.bigrCategory(), a.confidenceScore(),
                BigrCategory.manualOverride(a.manualCategory()), null);
    }

    boolean isManual() {
        return manualCategory != null;
    }

    BigrCategory effectiveCategory() {
        return isManual() ? manualCategory : bigrCategory;
    }
}
