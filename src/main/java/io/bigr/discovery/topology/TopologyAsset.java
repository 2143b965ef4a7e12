package io.bigr.discovery.topology;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ScanAssetView;
import java.util.List;

/** What the topology engine reads of one asset (docs/DOMAIN.md §6.8). {@code openPorts} is never null. */
public record TopologyAsset(String ip, String mac, String hostname, String vendor, BigrCategory bigrCategory,
                            double confidenceScore, List<Integer> openPorts, String switchHost, String switchPort) {

    public TopologyAsset {
        bigrCategory = bigrCategory == null ? BigrCategory.UNCLASSIFIED : bigrCategory;
        openPorts = openPorts == null ? List.of() : List.copyOf(openPorts);
    }

    public static TopologyAsset of(ScanAssetView a) {
        return new TopologyAsset(a.ip(), a.mac(), a.hostname(), a.vendor(), a.bigrCategory(), a.confidenceScore(),
                a.openPorts(), a.switchHost(), a.switchPort());
    }
}
