package io.bigr.discovery.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.fingerprint.DeviceType;
import io.bigr.discovery.fingerprint.Field;
import io.bigr.discovery.fingerprint.Identity;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rule-driven classifier of docs/DOMAIN.md §4: manual override, vendor enrichment, then scoring by port, vendor,
 * hostname, OS-hint, mDNS service and randomised-MAC rules, and the §4.5 decision.
 *
 * <p>Invariants: a classifier is immutable and thread-safe; rules are validated when it is loaded (never while
 * scoring) and loaded once per process per directory; {@link #classify} never mutates its input. The OS hint is
 * taken as given: the scanner fills it beforehand with {@link OsFingerprint} (step 2 of §4.1 needs the network for
 * banners, and the worked examples of §4.14 are specified with fingerprinting off).
 *
 * <p>Evidence ({@code raw_evidence}) carries exactly the §4.12 keys plus {@code evidence_weights}: every rule that
 * fired, with the weight it added to each category, and the category totals the decision was made from; and, when
 * the vendor came from a banner, {@code vendor_source} and {@code vendor_match}.
 */
public final class Classifier {
    /** §4.5: below this confidence the asset stays {@code unclassified}. */
    public static final double THRESHOLD = 0.3;
    /** Added evidence key (not in §4.12): which rule added what weight, and the totals. */
    public static final String EVIDENCE_WEIGHTS = "evidence_weights";
    /**
     * docs/DOMAIN.md §4.15: a device type from the fingerprints adds this weight times the fingerprint's certainty
     * to its category. Strong on purpose: a device saying what it is outweighs what its ports and MAC vendor suggest
     * (together at most about 1.5 in the bundled rules), so a certainty of 0.8 adds 1.6.
     */
    public static final double FINGERPRINT_WEIGHT = 2.0;
    /** §4.15: the identity the fingerprints gave. */
    public static final String IDENTITY = Asset.IDENTITY;
    /** §4.2: the tag's note, added beside the observed evidence of a tagged asset. */
    public static final String MANUAL_OVERRIDE = Asset.MANUAL_OVERRIDE;
    /** §4.3: {@code http_server} or {@code banner} when the vendor came from what a service said, not the MAC. */
    public static final String VENDOR_SOURCE = "vendor_source";
    /** §4.3: the port and text the banner vendor was read from ({@code port 80 Server: Hikvision-Webs → Hikvision}). */
    public static final String VENDOR_MATCH = "vendor_match";
    /** The scanner's banners (port → what the port said), read for the maker when the MAC names none. */
    static final String BANNERS = "banners";

    /** Plain node factory: building evidence must not pull in the full Dropwizard mapper at scan start-up. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Path, Classifier> BY_DIRECTORY = new ConcurrentHashMap<>();

    private final RuleSet rules;
    private final OuiRegistry vendors;

    Classifier(RuleSet rules, OuiRegistry vendors) {
        this.rules = rules;
        this.vendors = vendors;
    }

    /**
     * The classifier for a rules directory ({@code --rules DIR}, which must hold all four files), or for the bundled
     * rules when {@code rulesDirOrNull} is null. Loaded and validated once per directory per process.
     *
     * @throws RuleException naming the file and field when a rule file is missing or invalid
     */
    public static Classifier load(Path rulesDirOrNull) {
        if (rulesDirOrNull == null) {
            return Bundled.CLASSIFIER;
        }
        Path key = rulesDirOrNull.toAbsolutePath().normalize();
        // computeIfAbsent caches only successful loads; a RuleException propagates and nothing is stored
        return BY_DIRECTORY.computeIfAbsent(key, dir -> new Classifier(RuleFiles.directory(dir), OuiRegistry.bundled()));
    }

    public OuiRegistry vendors() {
        return vendors;
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * The §4.1 pipeline. Returns a new asset with {@code vendor} (when absent: looked up from the MAC, else from the
     * makers named in its banners, {@link BannerMakers}), {@code bigr_category}, {@code confidence_score} and
     * {@code raw_evidence} set; everything else is unchanged. A valid manual tag sets category and confidence; the
     * vendor and the observed evidence are kept beside it.
     *
     * @param tagOrNull the manual tag for this asset's IP; a tag whose category is not one of the four taggable
     *                  values is ignored (§4.2)
     */
    public Asset classify(Asset asset, ManualTag tagOrNull) {
        return classify(asset, tagOrNull, Identity.NONE);
    }

    /**
     * The §4.1 pipeline with what the fingerprints said about the asset (§4.15): its vendor fills a vendor neither
     * the scan, the MAC nor a banner maker (§4.3) gave (recorded in {@code vendor_source}), its device type adds
     * {@link #FINGERPRINT_WEIGHT} × certainty to the type's category, and the identity is kept under
     * {@code identity} (beside a manual override too: it is what was observed). {@link Identity#NONE} classifies
     * exactly as without fingerprints.
     */
    public Asset classify(Asset asset, ManualTag tagOrNull, Identity identity) {
        Asset enriched = asset.vendor() == null
                ? asset.withVendor(vendors.lookup(asset.mac() == null ? null : asset.mac().value())) : asset;
        BannerMakers.Match maker = enriched.vendor() != null ? null
                : BannerMakers.bundled().find(asset.rawEvidence().get(BANNERS));
        if (maker != null) {
            enriched = enriched.withVendor(maker.vendor());
        }
        Identity.Attribute fingerprintVendor = enriched.vendor() == null
                ? identity.get(Field.VENDOR).orElse(null) : null;
        if (fingerprintVendor != null) {
            enriched = enriched.withVendor(fingerprintVendor.value());
        }
        JsonNode mdns = asset.rawEvidence().get("mdns_services");
        BigrCategory manual = manualCategory(tagOrNull);
        if (manual != null) {
            // §4.2: the tag decides category and confidence; what was observed stays beside it.
            ObjectNode evidence = NODES.objectNode();
            String note = tagOrNull.note();
            evidence.put(MANUAL_OVERRIDE, Asset.overrideNote(note));
            observed(evidence, mdns, maker, fingerprintVendor, identity);
            return enriched.withClassification(manual, 1.0, evidence);
        }
        Scorecard card = new Scorecard();
        scorePorts(enriched, card);
        scoreVendor(enriched, card);
        scoreHostname(enriched, card);
        scoreOsHint(enriched, card);
        scoreServices(mdns, card);
        scoreMac(enriched, card);
        scoreIdentity(identity, card);
        ObjectNode evidence = card.finish();
        observed(evidence, mdns, maker, fingerprintVendor, identity);
        return enriched.withClassification(card.winner(), card.confidence(), evidence);
    }

    /**
     * The observed evidence carried into the new evidence: mDNS services, where a banner or fingerprint vendor came
     * from, and the identity.
     */
    private static void observed(ObjectNode evidence, JsonNode mdns, BannerMakers.Match maker,
                                 Identity.Attribute fingerprintVendor, Identity identity) {
        if (mdns != null && mdns.isArray()) {
            evidence.set("mdns_services", mdns.deepCopy());
        }
        if (maker != null) {
            evidence.put(VENDOR_SOURCE, maker.source());
            evidence.put(VENDOR_MATCH, maker.describe());
        }
        if (fingerprintVendor != null) {
            evidence.put(VENDOR_SOURCE, "fingerprint:" + fingerprintVendor.fingerprint());
            evidence.put(VENDOR_MATCH, fingerprintVendor.source() + " " + fingerprintVendor.text() + " → "
                    + fingerprintVendor.value());
        }
        if (!identity.isEmpty()) {
            evidence.set(IDENTITY, identity.toJson());
        }
    }

    private static BigrCategory manualCategory(ManualTag tag) {
        if (tag == null) {
            return null;
        }
        return BigrCategory.parse(tag.category()).filter(BigrCategory.TAGGABLE::contains).orElse(null);
    }

    private void scorePorts(Asset asset, Scorecard card) {
        Set<Integer> open = Set.copyOf(asset.openPorts());
        for (PortRule rule : rules.portRules()) {
            if (rule.matches(open)) {
                card.add("port_rules", rule.name(), rule.weights());
                card.list("port_rules").add(rule.evidence());
            }
        }
    }

    private void scoreVendor(Asset asset, Scorecard card) {
        for (VendorRule rule : rules.vendorRules()) {
            if (rule.matches(asset.vendor())) {
                card.add("vendor_rule", rule.name(), rule.weights());
                card.evidence().put("vendor_rule", asset.vendor() + " → " + rule.name());
                return;
            }
        }
    }

    private void scoreHostname(Asset asset, Scorecard card) {
        for (HostnameRule rule : rules.hostnameRules()) {
            if (rule.matches(asset.hostname())) {
                card.add("hostname_rules", rule.name(), rule.weights());
                card.list("hostname_rules").add("hostname '" + asset.hostname() + "' → " + rule.name());
                return;
            }
        }
    }

    private static void scoreOsHint(Asset asset, Scorecard card) {
        OsHintRule.Line line = OsHintRule.match(asset.osHint());
        if (line != null) {
            card.add("os_rule", line.name(), line.weights());
            card.evidence().put("os_rule", "os_hint '" + asset.osHint() + "' → " + line.name());
        }
    }

    private void scoreServices(JsonNode mdns, Scorecard card) {
        Set<String> types = serviceTypes(mdns);
        if (types.isEmpty()) {
            return;
        }
        for (ServiceRule rule : rules.serviceRules()) {
            if (rule.matches(types)) {
                card.add("service_rules", rule.name(), rule.weights());
                card.list("service_rules").add(rule.evidence());
            }
        }
    }

    /** Distinct non-empty {@code service_type} values of {@code raw_evidence.mdns_services} (§5.7 shape). */
    static Set<String> serviceTypes(JsonNode mdns) {
        Set<String> types = new LinkedHashSet<>();
        if (mdns != null && mdns.isArray()) {
            for (JsonNode service : mdns) {
                JsonNode type = service.get("service_type");
                if (type != null && type.isTextual() && !type.asText().isEmpty()) {
                    types.add(type.asText());
                }
            }
        }
        return types;
    }

    /** §4.11: a randomised MAC suggests a phone or laptop, more so when nothing listens. */
    private static void scoreMac(Asset asset, Scorecard card) {
        if (asset.mac() == null || !asset.mac().isRandomized()) {
            return;
        }
        card.add("mac_heuristic", "Randomized MAC", Weights.of(BigrCategory.TASINABILIR, 0.4));
        card.list("mac_heuristic").add("Randomized MAC (locally administered bit set) → likely a mobile device");
        if (asset.openPorts().isEmpty()) {
            card.add("mac_heuristic", "Randomized MAC, no open ports", Weights.of(BigrCategory.TASINABILIR, 0.2));
            card.list("mac_heuristic").add("Randomized MAC with no open ports → likely a phone or tablet");
        }
    }

    /** §4.15: the winning device type adds a strong weight to its category; evidence names fingerprint and text. */
    private static void scoreIdentity(Identity identity, Scorecard card) {
        Identity.Attribute type = identity.get(Field.DEVICE_TYPE).orElse(null);
        DeviceType deviceType = type == null ? null : DeviceType.parse(type.value()).orElse(null);
        if (deviceType == null) {
            return;
        }
        double weight = Numbers.round(FINGERPRINT_WEIGHT * type.certainty(), 4);
        String rule = "fingerprint:" + type.fingerprint();
        card.entry("fingerprint", rule, Weights.of(deviceType.category(), weight)).put("text", type.text());
        card.evidence().put("fingerprint_rule", "device_type " + deviceType.value() + " from " + rule + " ('"
                + type.text() + "') → " + deviceType.category().value());
    }

    /** The four accumulators of §4.5, the §4.12 evidence object and the weight log, for one asset. */
    static final class Scorecard {
        private static final List<BigrCategory> ORDER = BigrCategory.TAGGABLE;
        private final double[] scores = new double[ORDER.size()];
        private final ObjectNode evidence = NODES.objectNode();
        private final ArrayNode applied = NODES.arrayNode();

        void add(String source, String rule, Weights weights) {
            entry(source, rule, weights);
        }

        /** Adds the weights and returns the logged entry, for a rule that records more (a fingerprint's text). */
        ObjectNode entry(String source, String rule, Weights weights) {
            ObjectNode entry = applied.addObject();
            entry.put("source", source);
            entry.put("rule", rule);
            ObjectNode w = entry.putObject("weights");
            weights.byCategory().forEach((category, weight) -> {
                scores[ORDER.indexOf(category)] += weight;
                w.put(category.value(), weight);
            });
            return entry;
        }

        ArrayNode list(String key) {
            JsonNode existing = evidence.get(key);
            return existing instanceof ArrayNode a ? a : evidence.putArray(key);
        }

        ObjectNode evidence() {
            return evidence;
        }

        double total() {
            double total = 0;
            for (double s : scores) {
                total += s;
            }
            return total;
        }

        /** Index of the maximum; ties go to the earlier category. */
        private int best() {
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            return best;
        }

        double confidence() {
            double total = total();
            return total == 0 ? 0.0 : Numbers.round(scores[best()] / total, 4);
        }

        BigrCategory winner() {
            return confidence() >= THRESHOLD ? ORDER.get(best()) : BigrCategory.UNCLASSIFIED;
        }

        /**
         * The §4.12 keys in rule order, then (only when a rule fired) {@code evidence_weights}:
         * {@code {"rules": [{"source", "rule", "weights": {category: weight}}], "totals": {category: sum}}},
         * totals rounded to 4 decimals for reading (the decision uses the exact sums).
         */
        ObjectNode finish() {
            if (!applied.isEmpty()) {
                ObjectNode weights = evidence.putObject(EVIDENCE_WEIGHTS);
                weights.set("rules", applied);
                ObjectNode totals = weights.putObject("totals");
                for (int i = 0; i < scores.length; i++) {
                    totals.put(ORDER.get(i).value(), Numbers.round(scores[i], 4));
                }
            }
            return evidence;
        }
    }

    /** Holder idiom: the bundled rules are parsed and validated on first use, once per process. */
    private static final class Bundled {
        static final Classifier CLASSIFIER = new Classifier(RuleFiles.bundled(), OuiRegistry.bundled());
    }
}
