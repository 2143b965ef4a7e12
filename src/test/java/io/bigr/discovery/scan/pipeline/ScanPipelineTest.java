package io.bigr.discovery.scan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.bigr.discovery.collect.Collector;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.scan.ScanClassifier;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.scan.Scanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's phases with a fake scanner, store and collectors: collectors run in their stage, their evidence
 * reaches the stored asset, the phase times land in the details beside the scanner's keys, and saving goes through
 * the one save entry point.
 */
class ScanPipelineTest {
    private static final String TARGET = "127.0.0.0/30";

    private final AtomicBoolean scanned = new AtomicBoolean();
    private final List<String> calls = new ArrayList<>();
    private final FakeStore store = new FakeStore();

    @Test
    void everyPhaseRunsInOrderAndTheDetailsGainPhaseTimes() throws Exception {
        ScanPipeline.TargetRun run = pipeline(ScanPipeline.Delivery.LOCAL, true, List.of(
                new FakeCollector("during", Collector.Stage.DURING_DISCOVERY),
                new FakeCollector("after", Collector.Stage.AFTER_DISCOVERY),
                new FakeCollector("saved", Collector.Stage.AFTER_SAVE))).run(request());

        // after-discovery collectors start before any is applied: they all wait side by side
        assertThat(calls).containsExactly("start during (scanned: false)", "start after (scanned: true)", "apply during",
                "apply after", "save", "afterSave saved (2 assets)");
        ScanResult result = run.result();
        assertThat(result.details().get("mode").asText()).as("the scanner's keys stay").isEqualTo("hybrid");
        assertThat(result.details().get("hosts_found").asInt()).isEqualTo(2);
        assertThat(result.details().get("phases_ms")).isNotNull();
        List<String> phases = new ArrayList<>();
        result.details().get("phases_ms").fieldNames().forEachRemaining(phases::add);
        assertThat(phases).containsExactly("plan", "discover", "enrich", "classify");
        assertThat(result.details().get("phases_ms").get("discover").asLong()).isEqualTo(1500);
        assertThat(run.saved()).isInstanceOf(ScanPipeline.Stored.class);
        assertThat(((ScanPipeline.Stored) run.saved()).receipt().scanId()).isEqualTo("scan-1");
        assertThat(store.saved).containsExactly(result);
        assertThat(run.afterSave().lines()).containsExactly("saved saw 2 asset(s)");
        assertThat(run.times().save()).isNotNegative();
        assertThat(run.times().afterSave()).isNotNegative();
    }

    @Test
    void aCollectorsEvidenceReachesTheClassifiedAsset() {
        ScanResult result = pipeline(ScanPipeline.Delivery.NONE, false,
                List.of(new FakeCollector("during", Collector.Stage.DURING_DISCOVERY))).scan(request()).result();
        assertThat(result.assets()).allSatisfy(a -> {
            assertThat(a.rawEvidence().get("during").asText()).isEqualTo("seen " + a.ip());
        });
        assertThat(result.assets().get(0).rawEvidence().has("port_rules")).as("classified by the rules (9100)").isTrue();
    }

    @Test
    void aManualTagWinsAndTheCollectorsEvidenceStaysBesideIt() {
        store.tags.put("127.0.0.1", tag("127.0.0.1", "iot", "lab"));
        ScanResult result = pipeline(ScanPipeline.Delivery.NONE, false,
                List.of(new FakeCollector("during", Collector.Stage.DURING_DISCOVERY))).scan(request()).result();
        Asset tagged = result.assets().get(0);
        assertThat(tagged.bigrCategory().value()).isEqualTo("iot");
        assertThat(tagged.rawEvidence().get("manual_override").asText()).isEqualTo("lab");
        assertThat(tagged.rawEvidence().get("during").asText()).isEqualTo("seen 127.0.0.1");
        assertThat(tagged.rawEvidence().has("port_rules")).as("no rule verdicts under a tag").isFalse();
        assertThat(result.assets().get(1).rawEvidence().has("during")).isTrue();
    }

    @Test
    void afterSaveCollectorsRunOnlyOnALocallyStoredResult() throws Exception {
        FakeCollector saved = new FakeCollector("saved", Collector.Stage.AFTER_SAVE);
        ScanPipeline.TargetRun kept = pipeline(ScanPipeline.Delivery.NONE, false, List.of(saved)).run(request());
        assertThat(kept.saved()).isInstanceOf(ScanPipeline.Kept.class);
        assertThat(store.saved).isEmpty();
        assertThat(calls).isEmpty();

        store.failing = true;
        ScanPipeline.TargetRun failed = pipeline(ScanPipeline.Delivery.LOCAL, false, List.of(saved)).run(request());
        assertThat(failed.saved()).isInstanceOf(ScanPipeline.NotStored.class);
        assertThat(((ScanPipeline.NotStored) failed.saved()).error()).hasMessage("disk full");
        assertThat(calls).containsExactly("save");
    }

    @Test
    void whatTheInventoryKnewIsReadAtPlanAndComparedAfterSave() throws Exception {
        ScanPipeline.TargetRun first = pipeline(ScanPipeline.Delivery.LOCAL, true, List.of()).run(request());
        assertThat(first.afterSave().diff()).as("nothing to compare with").isNull();

        store.known = List.of(new ScanAssetView("127.0.0.1", null, null, null, null, null, null, null, List.of(22, 9100), null,
                BigrCategory.UNCLASSIFIED, 0.0, null, "active", Instant.EPOCH, Instant.EPOCH, Json.object(), "a1", null,
                null, null, null, "online"));
        ScanPipeline.TargetRun second = pipeline(ScanPipeline.Delivery.LOCAL, true, List.of()).run(request());
        assertThat(second.scanned().plan().known()).isSameAs(store.known);
        assertThat(second.afterSave().diff().newAssets()).extracting(n -> n.get("ip").asText())
                .containsExactly("127.0.0.2");

        ScanPipeline.TargetRun noDiff = pipeline(ScanPipeline.Delivery.LOCAL, false, List.of()).run(request());
        assertThat(noDiff.scanned().plan().known()).isNull();
        assertThat(noDiff.afterSave().diff()).isNull();
    }

    @Test
    void theDiffKeepsTheKnownPortsTheScanDidNotProbe() {
        ScanAssetView known = new ScanAssetView("127.0.0.1", null, null, null, null, null, null, null,
                List.of(22, 80, 9100), null, BigrCategory.UNCLASSIFIED, 0.0, null, "active", Instant.EPOCH,
                Instant.EPOCH, Json.object(), "a1", null, null, null, null, "online");
        Asset seen = new Asset(IpAddress.of("127.0.0.1"), null, null, null, List.of(22), null,
                BigrCategory.UNCLASSIFIED, 0.0, ScanMethod.ACTIVE, Instant.EPOCH, Instant.EPOCH, null, null, null, null);
        com.fasterxml.jackson.databind.node.ObjectNode details = Json.object();
        details.set(io.bigr.discovery.core.ScanCoverage.DETAILS_KEY, new io.bigr.discovery.core.ScanCoverage(
                List.of("127.0.0.1"), "22,80", true, 0, 0).toJson());
        ScanResult partial = new ScanResult(TARGET, ScanMethod.ACTIVE, Instant.EPOCH, Instant.EPOCH, false,
                List.of(seen), details);
        // --ports 22,80 of a host known with 22, 80 and 9100: 80 closed, 9100 not asked, so kept (docs/DOMAIN.md §3.4).
        assertThat(ScanPipeline.carriedForward(partial, List.of(known))).extracting(Asset::openPorts)
                .containsExactly(List.of(22, 9100));
        ScanResult uncovered = new ScanResult(TARGET, ScanMethod.ACTIVE, Instant.EPOCH, Instant.EPOCH, false,
                List.of(seen), Json.object());
        assertThat(ScanPipeline.carriedForward(uncovered, List.of(known))).extracting(Asset::openPorts)
                .containsExactly(List.of(22));
    }

    @Test
    void aDiscoveryStartedAheadIsTheOneUsed() throws Exception {
        var started = ScanPipeline.startDiscovery(this::fakeScan, request());
        started.join();
        scanned.set(false);
        ScanPipeline.TargetRun run = pipeline(ScanPipeline.Delivery.NONE, false, List.of()).run(request(), started);
        assertThat(scanned).as("no second discovery").isFalse();
        assertThat(run.result().assets()).hasSize(2);
    }

    @Test
    void collectorsStartedWithDiscoveryAreNotStartedAgain() throws Exception {
        FakeCollector during = new FakeCollector("during", Collector.Stage.DURING_DISCOVERY);
        ScanPipeline.Started started = ScanPipeline.start(this::fakeScan, request(), List.of(during));
        ScanPipeline.TargetRun run = pipeline(ScanPipeline.Delivery.NONE, false, List.of(during)).run(request(), started);

        assertThat(calls).containsExactly("start during (scanned: false)", "apply during");
        assertThat(run.result().assets()).allSatisfy(a -> assertThat(a.rawEvidence().has("during")).isTrue());
    }

    /** A listener's last wait starts when the probes end, even while the pipeline's thread is still busy elsewhere. */
    @Test
    void listenersArePreparedOnceTheMomentDiscoveryEnds() throws Exception {
        List<Integer> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();
        Collector listener = new FakeCollector("during", Collector.Stage.DURING_DISCOVERY) {
            @Override
            public Enrichment start(ScanTarget target) {
                return new Enrichment() {
                    @Override
                    public List<Asset> apply(List<Asset> assets) {
                        return assets;
                    }

                    @Override
                    public void prepare(List<Asset> discovered) {
                        prepared.add(discovered.size());
                    }
                };
            }
        };
        ScanPipeline.Started started = ScanPipeline.start(this::fakeScan, request(), List.of(listener));
        started.discovery().join();
        assertThat(prepared).as("prepared by discovery's end, before the pipeline runs").containsExactly(2);
        pipeline(ScanPipeline.Delivery.NONE, false, List.of(listener)).run(request(), started);
        assertThat(prepared).as("not prepared again at enrich").containsExactly(2);

        prepared.clear();
        pipeline(ScanPipeline.Delivery.NONE, false, List.of(listener)).run(request());
        assertThat(prepared).as("a pipeline that starts its own discovery prepares once too").containsExactly(2);
    }

    private ScanPipeline pipeline(ScanPipeline.Delivery delivery, boolean diff, List<Collector> collectors) {
        return new ScanPipeline(ScanClassifier.load(null), collectors, store, delivery, diff, this::fakeScan,
                ScanPipeline.Observer.NONE);
    }

    private static Scanner.Request request() {
        return Scanner.Request.defaults(ScanTarget.parse(TARGET), ScanMethod.HYBRID);
    }

    private Scanner.Outcome fakeScan(Scanner.Request r) {
        scanned.set(true);
        Instant t = Timestamps.parse("2026-01-01T12:00:00+00:00");
        List<Asset> assets = new ArrayList<>();
        for (String ip : List.of("127.0.0.1", "127.0.0.2")) {
            Asset a = Asset.of(IpAddress.of(ip)).withOpenPorts(List.of(22, 9100)).withScanMethod(ScanMethod.ACTIVE);
            a.rawEvidence().putArray("sources").add("tcp_discovery");
            assets.add(a);
        }
        var details = Json.object().put("mode", "hybrid").put("hosts_found", assets.size());
        return new Scanner.Outcome(new ScanResult(r.target().text(), r.mode(), t, t.plusMillis(1500), false, assets,
                details), Map.of());
    }

    private static InventoryAsset tag(String ip, String category, String note) {
        return new InventoryAsset("id-" + ip, ip, null, null, null, null, BigrCategory.UNCLASSIFIED, 0.0, "active", null, null,
                category, note, 0, null, null, null, "online", null, null, null, null);
    }

    private class FakeCollector implements Collector {
        private final String name;
        private final Stage stage;

        FakeCollector(String name, Stage stage) {
            this.name = name;
            this.stage = stage;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public Set<String> evidenceKeys() {
            return Set.of(name);
        }

        @Override
        public Enrichment start(ScanTarget target) {
            calls.add("start " + name + " (scanned: " + scanned.get() + ")");
            return assets -> {
                calls.add("apply " + name);
                return assets.stream().map(a -> {
                    var ev = a.rawEvidence().deepCopy();
                    ev.set(name, TextNode.valueOf("seen " + a.ip()));
                    return a.withEvidence(ev);
                }).toList();
            };
        }

        @Override
        public List<String> afterSave(ScanResult saved) {
            calls.add("afterSave " + name + " (" + saved.assets().size() + " assets)");
            return List.of(name + " saw " + saved.assets().size() + " asset(s)");
        }
    }

    private final class FakeStore implements ScanStore {
        final Map<String, InventoryAsset> tags = new HashMap<>();
        final List<ScanResult> saved = new ArrayList<>();
        List<ScanAssetView> known = List.of();
        boolean failing;

        @Override
        public Map<String, InventoryAsset> tagsByIp() {
            return tags;
        }

        @Override
        public List<ScanAssetView> knownAt(io.bigr.discovery.scan.ScanTarget target) {
            return known;
        }

        @Override
        public Receipt save(ScanResult result) {
            calls.add("save");
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            saved.add(result);
            return new Receipt("scan-" + saved.size(), result.assets().size(), result.assets().size());
        }
    }
}
