package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.classify.Classifier;
import io.bigr.discovery.classify.ManualTag;
import io.bigr.discovery.classify.OsFingerprint;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Background;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.fingerprint.EvidenceKind;
import io.bigr.discovery.fingerprint.Fingerprints;
import io.bigr.discovery.fingerprint.Identity;
import io.bigr.discovery.fingerprint.Observation;
import io.bigr.discovery.fingerprint.Observations;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one place the scan meets the classifier (docs/DOMAIN.md §4.1): the manual tag read from the store the scan writes
 * to, the OS hint from banners then ports (§4.4, fingerprinting on, as for every CLI scan), then the rules. The
 * banners the scan read are kept in the evidence next to the rules' verdicts, or next to the manual override when
 * the IP is tagged (§4.2, §4.12): a tag decides the category, it does not hide what was observed. Before the rules,
 * the fingerprint database turns the asset's evidence (banners, realms, mDNS, UPnP, SNMP, host name, open ports)
 * into an identity (§4.15) that the classifier scores and keeps under {@code identity}.
 */
public final class ScanClassifier {
    private final Supplier<Classifier> classifier;
    private final Supplier<Fingerprints> fingerprints;

    private ScanClassifier(Supplier<Classifier> classifier, Supplier<Fingerprints> fingerprints) {
        this.classifier = classifier;
        this.fingerprints = fingerprints;
    }

    /**
     * The bundled rules and fingerprints, loading on two background threads from now on; the first classification
     * waits for them. For a command that probes first: the loading overlaps discovery instead of preceding it. The
     * bundled files are checked by the build, so a failure here is a packaging fault, thrown at first use.
     */
    public static ScanClassifier loadInBackground() {
        return new ScanClassifier(background("bigr-rules", () -> Classifier.load(null)),
                background("bigr-fingerprints", () -> Fingerprints.load(null)));
    }

    private static <T> Supplier<T> background(String name, Supplier<T> load) {
        CompletableFuture<T> f = Background.start(name, load);
        return () -> Background.join(f);
    }

    /**
     * Loads and validates the rules ({@code rulesDir} null: the bundled ones).
     *
     * @throws IllegalArgumentException (the classifier's RuleException) naming the bad file and field
     */
    public static ScanClassifier load(Path rulesDir) {
        return load(rulesDir, null);
    }

    /**
     * Loads and validates the rules and the fingerprints ({@code fingerprintsDir} null: the bundled ones; otherwise
     * the bundled ones extended by that folder).
     *
     * @throws IllegalArgumentException naming the bad file and field
     */
    public static ScanClassifier load(Path rulesDir, Path fingerprintsDir) {
        Classifier c = Classifier.load(rulesDir);
        Fingerprints f = Fingerprints.load(fingerprintsDir);
        return new ScanClassifier(() -> c, () -> f);
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
        Identity identity = identify(asset, banners);
        Asset classified = classifier.get().classify(a, tag, identity);
        JsonNode scanned = asset.rawEvidence().get("banners");
        if (scanned != null) {
            classified.rawEvidence().set("banners", scanned);
        }
        return classified;
    }

    /** What the fingerprints say about the asset's evidence, plus the realms of the HTTP heads the scan read. */
    Identity identify(Asset asset, Map<Integer, Banners.Banner> banners) {
        List<Observation> seen = new ArrayList<>(Observations.of(asset.rawEvidence(), asset.hostname(),
                asset.openPorts()));
        banners.forEach((port, b) -> {
            String realm = "http".equals(b.service()) ? Observations.realm(b.text()) : null;
            if (realm != null) {
                seen.add(new Observation(EvidenceKind.HTTP_REALM, realm, "banners." + port + ".realm"));
            }
        });
        return fingerprints.get().identify(seen);
    }
}
