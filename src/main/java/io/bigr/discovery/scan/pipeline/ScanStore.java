package io.bigr.discovery.scan.pipeline;

import io.bigr.discovery.core.ConfidenceLevel;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.scan.ScanTarget;
import java.util.ArrayList;
import java.util.List;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.InventoryStore;
import java.util.HashMap;
import java.util.Map;

/**
 * What the scan pipeline needs from the database, and nothing more: the manual tags (classification input), what the
 * inventory knows about a target's addresses (the diff) and the one way to store a result. {@link #of} is the only
 * place that names the store behind it.
 */
public interface ScanStore {
    /** The inventory row carrying a manual tag, by IP (the first row per IP). */
    Map<String, InventoryAsset> tagsByIp();

    /**
     * The inventory's assets (not gone) whose address lies in {@code target}, whatever targets earlier scans used,
     * each with the ports of its latest snapshot (docs/DOMAIN.md §3.10), in ip text order.
     */
    List<ScanAssetView> knownAt(ScanTarget target);

    /** Stores a finished result as a new scan. */
    Receipt save(ScanResult result);

    /** What storing a result gave. */
    record Receipt(String scanId, int totalAssets, int newAssets) {
    }

    static ScanStore of(Daos daos) {
        return new ScanStore() {
            @Override
            public Map<String, InventoryAsset> tagsByIp() {
                Map<String, InventoryAsset> tags = new HashMap<>();
                daos.assets().tagged().forEach(t -> tags.putIfAbsent(t.ip(), t));
                return tags;
            }

            @Override
            public List<ScanAssetView> knownAt(ScanTarget target) {
                long first = Integer.toUnsignedLong(target.first());
                String range = ScanCoverage.range(first, first + Math.max(0, target.count() - 1));
                ScanCoverage area = new ScanCoverage(List.of(range), "", false, 0, 0);
                List<InventoryAsset> inside = daos.assets().presentWithPrefix(ScanCoverage.commonPrefix(range) + "%")
                        .stream().filter(a -> area.covers(a.ip())).toList();
                Map<String, List<Integer>> ports = daos.ports().portsOf(inside.stream().map(InventoryAsset::id).toList());
                List<ScanAssetView> known = new ArrayList<>(inside.size());
                for (InventoryAsset a : inside) {
                    known.add(new ScanAssetView(a.ip(), a.mac(), a.hostname(), a.vendor(), a.deviceType(),
                            a.product(), a.os(), a.osVersion(), ports.getOrDefault(a.id(), List.of()), a.osHint(), a.bigrCategory(), a.confidenceScore(),
                            ConfidenceLevel.of(a.confidenceScore()).value(), a.scanMethod(), a.firstSeen(),
                            a.lastSeen(), Json.object(), a.id(), a.manualCategory(), a.switchHost(), a.switchPort(),
                            a.switchPortIndex(), a.status()));
                }
                return known;
            }

            @Override
            public Receipt save(ScanResult result) {
                InventoryStore.SaveOutcome saved = daos.store().save(result);
                return new Receipt(saved.scanId(), saved.totalAssets(), saved.newAssets());
            }
        };
    }
}
