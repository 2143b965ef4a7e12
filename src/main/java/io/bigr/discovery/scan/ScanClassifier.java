package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.classify.Classifier;
import io.bigr.discovery.classify.ManualTag;
import io.bigr.discovery.classify.OsFingerprint;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InventoryAsset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place the scan meets the classifier (docs/DOMAIN.md §4.1): the manual tag read from the store the scan writes
 * to, the OS hint from banners then ports (§4.4, fingerprinting on, as for every CLI scan), then the rules. The
 * banners the scan read are kept in the evidence next to the rules' verdicts, or next to the manual override when
 * the IP is tagged (§4.2, §4.12): a tag decides the category, it does not hide what was observed.
 */
public final class ScanClassifier {
    private final Classifier classifier;

    private ScanClassifier(Classifier classifier) {
        this.classifier = classifier;
    }

    /**
     * Loads and validates the rules ({@code rulesDir} null: the bundled ones).
     *
     * @throws IllegalArgumentException (the classifier's RuleException) naming the bad file and field
     */
    public static ScanClassifier load(Path rulesDir) {
        return new ScanClassifier(Classifier.load(rulesDir));
    }

    /**
     * Classifies one scanned asset. {@code tagged} is the inventory row carrying a manual category for this IP, or
     * null; {@code banners} are what its open ports said (may be empty).
     */
    public Asset classify(Asset asset, InventoryAsset tagged, Map<Integer, Banners.Banner> banners) {
        ManualTag tag = tagged == null || tagged.manualCategory() == null ? null
                : new ManualTag(tagged.manualCategory(), tagged.manualNote());
        Asset a = asset;
        if (a.osHint() == null && !a.openPorts().isEmpty()) {
            List<Integer> ssh = banners.values().stream().filter(b -> "ssh".equals(b.service()))
                    .map(Banners.Banner::port).toList();
            List<String> said = OsFingerprint.bannerPorts(a.openPorts(), ssh).stream().map(banners::get)
                    .filter(Objects::nonNull).map(Banners.Banner::text).toList();
            a = a.withOsHint(OsFingerprint.hint(a.openPorts(), said));
        }
        Asset classified = classifier.classify(a, tag);
        JsonNode scanned = asset.rawEvidence().get("banners");
        if (scanned != null) {
            classified.rawEvidence().set("banners", scanned);
        }
        return classified;
    }
}
