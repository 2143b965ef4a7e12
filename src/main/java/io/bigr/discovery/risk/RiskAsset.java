package io.bigr.discovery.risk;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import java.time.Instant;
import java.util.List;

/**
 * What the risk engine reads of one asset (docs/DOMAIN.md §6.6).
 *
 * @param openPorts  open ports of the asset's latest snapshot (never null)
 * @param firstSeen  when the asset was first seen; null gives age factor 0.0
 */
public record RiskAsset(String ip, String mac, String hostname, String vendor, BigrCategory bigrCategory,
                        double confidenceScore, List<Integer> openPorts, Instant firstSeen) {

    public RiskAsset {
        ip = ip == null ? "" : ip;
        bigrCategory = bigrCategory == null ? BigrCategory.UNCLASSIFIED : bigrCategory;
        openPorts = openPorts == null ? List.of() : List.copyOf(openPorts);
    }

    /** An inventory row with its latest snapshot ports; the effective (manual or classified) category counts. */
    public static RiskAsset of(InventoryAsset a, List<Integer> ports) {
        return new RiskAsset(a.ip(), a.mac(), a.hostname(), a.vendor(), a.effectiveCategory(), a.confidenceScore(),
                ports, a.firstSeen());
    }
}
