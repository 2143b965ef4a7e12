package io.bigr.discovery.classify;

import io.bigr.discovery.core.InventoryAsset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's manual category for one IP (docs/DOMAIN.md §3.9), as the caller read it from the store the scan writes to
 * ({@code AssetDao.tagged()}: {@code manualCategory}, {@code manualNote}). The category is kept as stored text:
 * the classifier, not this record, decides whether it is usable (§4.2: an invalid value is ignored).
 */
public record ManualTag(String category, String note) {

    /**
     * Tags keyed by IP from the store's tagged inventory rows; when several rows share an IP (one per MAC) the
     * first one wins, as the tag command sets them all alike. Rows without a manual category are skipped.
     */
    public static Map<String, ManualTag> byIp(Collection<InventoryAsset> tagged) {
        Map<String, ManualTag> out = new LinkedHashMap<>();
        for (InventoryAsset row : tagged) {
            if (row.manualCategory() != null && !row.manualCategory().isEmpty()) {
                out.putIfAbsent(row.ip(), new ManualTag(row.manualCategory(), row.manualNote()));
            }
        }
        return out;
    }
}
