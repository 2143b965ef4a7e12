package io.bigr.discovery.scan.pipeline;

import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.InventoryStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the scan pipeline needs from the database, and nothing more: the manual tags (classification input), the
 * previous scan of a target (the diff) and the one way to store a result. {@link #of} is the only place that names
 * the store behind it.
 */
public interface ScanStore {
    /** The inventory row carrying a manual tag, by IP (the first row per IP). */
    Map<String, InventoryAsset> tagsByIp();

    /** The latest stored scan of {@code target}, if any. */
    Optional<ScanDetail> latestScan(String target);

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
            public Optional<ScanDetail> latestScan(String target) {
                return daos.scans().latestDetail(target);
            }

            @Override
            public Receipt save(ScanResult result) {
                InventoryStore.SaveOutcome saved = daos.store().save(result);
                return new Receipt(saved.scanId(), saved.totalAssets(), saved.newAssets());
            }
        };
    }
}
