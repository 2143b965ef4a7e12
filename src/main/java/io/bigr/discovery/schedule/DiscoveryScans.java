package io.bigr.discovery.schedule;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.mdns.MdnsCollector;
import io.bigr.discovery.mdns.MdnsEnricher;
import io.bigr.discovery.mdns.MdnsScan;
import io.bigr.discovery.scan.ScanClassifier;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.scan.Scanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scan a scheduled subnet job runs: what {@code bigr scan TARGET} does with its defaults (hybrid discovery,
 * the default ports, mDNS on the interfaces facing the target, classification with the bundled rules and the
 * store's manual tags). Saving is the scheduler's part (into the running scan row).
 */
public final class DiscoveryScans {
    private DiscoveryScans() {
    }

    public static Jobs.ScanRunner runner(BigrConfiguration config, AssetDao inventory) {
        return target -> {
            ScanTarget t = ScanTarget.parse(target);
            MdnsScan mdns = MdnsScan.start(t.text(), MdnsCollector.DEFAULT_LISTEN);
            Scanner.Outcome outcome = new Scanner(null).scan(Scanner.Request.defaults(t, ScanMethod.HYBRID));
            List<Asset> assets = MdnsEnricher.enrich(outcome.result().assets(), mdns.services());
            Map<String, InventoryAsset> tags = new HashMap<>();
            inventory.tagged().forEach(a -> tags.putIfAbsent(a.ip(), a));
            ScanClassifier classifier = ScanClassifier.load(null);
            List<Asset> classified = new ArrayList<>(assets.size());
            for (Asset a : assets) {
                classified.add(classifier.classify(a, tags.get(a.ip()), outcome.banners().getOrDefault(a.ip(),
                        Map.of())));
            }
            ScanResult result = outcome.result().withAssets(classified);
            return result;
        };
    }
}
