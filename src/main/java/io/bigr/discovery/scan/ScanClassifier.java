package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the scan meets the classifier (DOMAIN.md §4.1): manual tag from the store, OS hint from banners
 * then ports (§4.4), rule scoring; the banners the scan read are kept in the evidence next to the rules' verdicts.
 *
 * <p>Interim: until the rule classifier (package {@code classify}) lands, only the manual override is applied and
 * every other asset stays {@code unclassified} with its banners as evidence.
 */
public final class ScanClassifier {
    /** Ports whose banners feed the OS hint, in this order, at most two of them (§4.4). */
    static final List<Integer> BANNER_HINT_PORTS = List.of(22, 80, 8080);

    private ScanClassifier() {
    }

    /** Loads and validates the rules ({@code rulesDir} null: the bundled ones); throws naming the bad file/field. */
    public static ScanClassifier load(Path rulesDir) {
        return new ScanClassifier();
    }

    /**
     * Classifies one scanned asset. {@code tagged} is the inventory row carrying a manual category for this IP, or
     * null; {@code banners} are what its open ports said (may be empty).
     */
    public Asset classify(Asset asset, InventoryAsset tagged, Map<Integer, Banners.Banner> banners) {
        Optional<BigrCategory> manual = tagged == null ? Optional.empty()
                : BigrCategory.parse(tagged.manualCategory()).filter(BigrCategory.TAGGABLE::contains);
        if (manual.isPresent()) {
            ObjectNode ev = Json.object();
            String note = tagged.manualNote();
            ev.put("manual_override", note == null || note.isBlank() ? "User override" : note);
            return asset.withClassification(manual.get(), 1.0, ev);
        }
        ObjectNode evidence = Json.object();
        JsonNode scanned = asset.rawEvidence().get("banners");
        if (scanned != null) {
            evidence.set("banners", scanned);
        }
        return asset.withClassification(BigrCategory.UNCLASSIFIED, 0.0, evidence);
    }
}
