package io.bigr.discovery.compliance;

import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ScanAssetView;

/**
 * What the compliance engine reads of one asset (docs/DOMAIN.md §6.4).
 *
 * @param ip              the asset's address, or null (action items then say {@code unknown})
 * @param bigrCategory    the classifier's category; null counts as {@code unclassified}
 * @param confidenceScore classifier confidence 0.0–1.0
 * @param manualCategory  the manual override, or null/empty when not tagged
 * @param subnetCidr      an explicit subnet label carried by the asset (scan-result files), or null
 */
public record ComplianceAsset(String ip, String bigrCategory, double confidenceScore, String manualCategory,
                             String subnetCidr) {

    public static ComplianceAsset of(InventoryAsset a) {
        return new ComplianceAsset(a.ip(), a.bigrCategory().value(), a.confidenceScore(), a.manualCategory(), null);
    }

    public static ComplianceAsset of(ScanAssetView a) {
        return new ComplianceAsset(a.ip(), a.bigrCategory().value(), a.confidenceScore(), a.manualCategory(), null);
    }

    boolean isManual() {
        return manualCategory != null && !manualCategory.isEmpty();
    }

    String effectiveCategory() {
        return isManual() ? manualCategory : bigrCategory;
    }
}
