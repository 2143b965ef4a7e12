package io.bigr.discovery.scan.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.collect.Collector;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.scan.Banners;
import io.bigr.discovery.scan.RemoteScanPoster;
import io.bigr.discovery.scan.ScanClassifier;
import io.bigr.discovery.scan.ScanDiff;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.scan.Scanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one path of a scan, shared by {@code bigr scan}, the scheduler and {@code bigr watch}:
 * plan → discover → enrich → classify → save → after-save. Each phase is a method with a typed result; the time
 * each of the first four took is written into the result's {@code details.phases_ms} before it is stored (save and
 * after-save times are in {@link TargetRun#times()} only, as they end after the row is written).
 *
 * <p>Collectors run in the phase their {@link Collector#stage()} names, in registry order. Only the classified
 * result leaves {@link #scan}; the scheduler saves it itself (into its running scan row, under its lock), the
 * command through {@link #deliver}.
 */
public final class ScanPipeline {
    /** Where a finished result goes: the local store, a server, or nowhere. */
    public record Delivery(boolean saveLocally, RemoteScanPoster remote) {
        public static final Delivery NONE = new Delivery(false, null);
        public static final Delivery LOCAL = new Delivery(true, null);

        public static Delivery remote(RemoteScanPoster poster) {
            return new Delivery(false, poster);
        }
    }

    /** Hooks for a display; called on the thread that runs the pipeline. */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        /** Discovery runs; the pipeline now waits for it. */
        default void discoveryWaiting(ScanTarget target) {
        }

        /** Discovery is over (done or failed). */
        default void discoveryOver(ScanTarget target) {
        }
    }

    /**
     * Plan: what to run and what the store knows before this scan. {@code known} is what the inventory knew about
     * the target's addresses, whatever targets earlier scans used (docs/DOMAIN.md §3.10); null without a diff.
     */
    public record TargetPlan(Scanner.Request request, Map<String, InventoryAsset> tags, List<ScanAssetView> known,
                             long ms) {
        public ScanTarget target() {
            return request.target();
        }
    }

    /** A started collector: its name and what it will add. */
    public record Running(String name, Collector.Enrichment enrichment) {
    }

    /** Discover: the scanner's outcome and the collectors started alongside it, to be applied at enrich. */
    public record Discovered(Scanner.Outcome outcome, List<Running> running, long ms) {
    }

    /**
     * Enrich: the discovered assets with every collector's evidence; {@code collectorMs} is what enrich waited for
     * each collector (by name, in the order applied; they wait side by side, so the phase takes about the longest).
     */
    public record Enriched(Scanner.Outcome outcome, List<Asset> assets, long ms, Map<String, Long> collectorMs) {
        public Enriched(Scanner.Outcome outcome, List<Asset> assets, long ms) {
            this(outcome, assets, ms, Map.of());
        }
    }

    /** Classify: the finished result, {@code details.phases_ms} included. */
    public record Classified(ScanResult result, long ms) {
    }

    /** The time each phase took, in milliseconds ({@code -1}: did not run). */
    public record PhaseTimes(long plan, long discover, long enrich, long classify, long save, long afterSave) {
        ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("plan", plan);
            o.put("discover", discover);
            o.put("enrich", enrich);
            o.put("classify", classify);
            return o;
        }
    }

    /** The result of plan → classify. */
    public record Scanned(TargetPlan plan, ScanResult result, PhaseTimes times) {
    }

    /** Save: what happened to the result. */
    public sealed interface Saved {
        long ms();
    }

    /** Stored in the local database. */
    public record Stored(ScanStore.Receipt receipt, long ms) implements Saved {
    }

    /** The local store refused it. */
    public record NotStored(RuntimeException error, long ms) implements Saved {
    }

    /** Sent to a server (or kept in the outbox when it could not be). */
    public record Posted(RemoteScanPoster.Outcome outcome, long ms) implements Saved {
    }

    /** Neither stored nor sent ({@code --no-save}). */
    public record Kept(long ms) implements Saved {
    }

    /**
     * After-save: the collectors' lines, a collector's failure (null when none), and the comparison with what the
     * inventory knew about the covered addresses ({@code diff} null when it knew nothing).
     */
    public record AfterSave(List<String> lines, RuntimeException failure, ScanDiff.Result diff, long ms) {
    }

    /** Everything one target went through. */
    public record TargetRun(Scanned scanned, Saved saved, AfterSave afterSave, PhaseTimes times) {
        public ScanResult result() {
            return scanned.result();
        }
    }

    private final ScanClassifier classifier;
    private final List<Collector> collectors;
    private final ScanStore store;
    private final Delivery delivery;
    private final boolean diff;
    private final Function<Scanner.Request, Scanner.Outcome> scanner;
    private final Observer observer;

    /**
     * @param scanner  discovery (normally {@code new Scanner(progress)::scan}); runs on a pool thread
     * @param diff     read the previous scan at plan and compare with it after save
     */
    public ScanPipeline(ScanClassifier classifier, List<Collector> collectors, ScanStore store, Delivery delivery,
                        boolean diff, Function<Scanner.Request, Scanner.Outcome> scanner, Observer observer) {
        this.classifier = classifier;
        this.collectors = List.copyOf(collectors);
        this.store = store;
        this.delivery = delivery;
        this.diff = diff;
        this.scanner = scanner;
        this.observer = observer;
    }

    /**
     * Discovery and the during-discovery collectors, started together ahead of the pipeline (so that a listener's
     * queries go out with the first probes), to be handed to {@link #run(Scanner.Request, Started)}.
     */
    public record Started(CompletableFuture<Scanner.Outcome> discovery, List<Running> running) {
        public Started {
            running = running == null ? null : List.copyOf(running);
        }
    }

    /**
     * Starts the {@link Collector.Stage#DURING_DISCOVERY} collectors of {@code collectors} and discovery now, off this
     * thread. The pipeline that gets the result must not start them again: it skips its own during-discovery
     * collectors when handed a {@link Started}.
     */
    public static Started start(Function<Scanner.Request, Scanner.Outcome> scanner, Scanner.Request request,
                                List<Collector> collectors) {
        List<Running> running = prepareOnce(startDuring(collectors, request.target()));
        return new Started(preparing(startDiscovery(scanner, request), running), running);
    }

    private static List<Running> startDuring(List<Collector> collectors, ScanTarget target) {
        List<Running> running = new ArrayList<>();
        for (Collector c : collectors) {
            if (c.stage() == Collector.Stage.DURING_DISCOVERY) {
                running.add(new Running(c.name(), c.start(target)));
            }
        }
        return running;
    }

    /**
     * The listeners' last wait (their grace after the probes) starts the moment discovery ends, not when this
     * pipeline's thread gets to {@link #enrich} (it may still be reading the configuration or the store): the
     * returned future completes once the thread that completed discovery has {@link Collector.Enrichment#prepare
     * prepared} every enrichment of {@code running} (made {@link #prepareOnce} first).
     */
    private static CompletableFuture<Scanner.Outcome> preparing(CompletableFuture<Scanner.Outcome> discovery,
                                                                List<Running> running) {
        return discovery.thenApply(o -> {
            running.forEach(r -> r.enrichment().prepare(o.result().assets()));
            return o;
        });
    }

    private static List<Running> prepareOnce(List<Running> running) {
        List<Running> once = new ArrayList<>(running.size());
        for (Running r : running) {
            once.add(new Running(r.name(), new PreparedOnce(r.enrichment())));
        }
        return once;
    }

    /** An enrichment whose {@link #prepare} runs once, whoever calls it first. */
    private static final class PreparedOnce implements Collector.Enrichment {
        private final Collector.Enrichment inner;
        private final AtomicBoolean prepared = new AtomicBoolean();

        PreparedOnce(Collector.Enrichment inner) {
            this.inner = inner;
        }

        @Override
        public List<Asset> apply(List<Asset> assets) {
            return inner.apply(assets);
        }

        @Override
        public void prepare(List<Asset> discovered) {
            if (prepared.compareAndSet(false, true)) {
                inner.prepare(discovered);
            }
        }
    }

    /** Starts discovery now, off this thread, to be handed to {@link #run(Scanner.Request, CompletableFuture)}. */
    public static CompletableFuture<Scanner.Outcome> startDiscovery(Function<Scanner.Request, Scanner.Outcome> scanner,
                                                                    Scanner.Request request) {
        return CompletableFuture.supplyAsync(() -> scanner.apply(request));
    }

    /** Every phase for one target. */
    public TargetRun run(Scanner.Request request) throws InterruptedException {
        return run(request, (Started) null);
    }

    /** Every phase for one target whose discovery may already be running ({@code started}, or null). */
    public TargetRun run(Scanner.Request request, CompletableFuture<Scanner.Outcome> started)
            throws InterruptedException {
        return run(request, started == null ? null : new Started(started, null));
    }

    /**
     * Every phase for one target whose discovery and during-discovery collectors may already be running
     * ({@code started}, or null; a {@link Started} without {@code running} has discovery only).
     */
    public TargetRun run(Scanner.Request request, Started started) throws InterruptedException {
        return run(request, started, r -> { });
    }

    /**
     * As {@link #run(Scanner.Request, Started)}, handing the classified result to {@code classified} (on this thread)
     * before it is saved: a caller can start writing it elsewhere while the save runs.
     */
    public TargetRun run(Scanner.Request request, Started started, Consumer<ScanResult> classified)
            throws InterruptedException {
        Scanned scanned = scan(request, started);
        classified.accept(scanned.result());
        Saved saved = save(scanned.result());
        AfterSave after = afterSave(scanned, saved);
        PhaseTimes t = scanned.times();
        return new TargetRun(scanned, saved, after, new PhaseTimes(t.plan(), t.discover(), t.enrich(), t.classify(),
                saved.ms(), after.ms()));
    }

    /**
     * A result discovered elsewhere (an imported nmap report or scan file, docs/DOMAIN.md §5.13): classified with
     * this store's manual tags and the banners in its evidence, then saved or sent as {@link #save} does, exactly like
     * a scan's own result. No discovery, no collectors, no diff.
     */
    public TargetRun imported(ScanResult discovered) {
        long t0 = System.nanoTime();
        TargetPlan plan = new TargetPlan(null, store.tagsByIp(), null, millis(t0));
        Map<String, Map<Integer, Banners.Banner>> banners = new HashMap<>();
        for (Asset a : discovered.assets()) {
            banners.put(a.ip().value(), Banners.fromEvidence(a.ip().value(), a.rawEvidence()));
        }
        Enriched enriched = new Enriched(new Scanner.Outcome(discovered, banners), discovered.assets(), 0);
        Classified classified = classify(plan, enriched, new PhaseTimes(plan.ms(), 0, 0, 0, -1, -1));
        PhaseTimes times = new PhaseTimes(plan.ms(), 0, 0, classified.ms(), -1, -1);
        Saved saved = save(classified.result());
        return new TargetRun(new Scanned(plan, classified.result(), times), saved,
                new AfterSave(List.of(), null, null, 0), new PhaseTimes(plan.ms(), 0, 0, classified.ms(), saved.ms(), 0));
    }

    /** Plan → discover → enrich → classify: the result, ready to store. */
    public Scanned scan(Scanner.Request request) {
        return scan(request, (Started) null);
    }

    public Scanned scan(Scanner.Request request, CompletableFuture<Scanner.Outcome> started) {
        return scan(request, started == null ? null : new Started(started, null));
    }

    public Scanned scan(Scanner.Request request, Started started) {
        TargetPlan plan = plan(request);
        Discovered discovered = discover(plan, started);
        Enriched enriched = enrich(discovered);
        PhaseTimes times = new PhaseTimes(plan.ms(), discovered.ms(), enriched.ms(), 0, -1, -1);
        Classified classified = classify(plan, enriched, times);
        PhaseTimes all = new PhaseTimes(plan.ms(), discovered.ms(), enriched.ms(), classified.ms(), -1, -1);
        return new Scanned(plan, classified.result(), all);
    }

    /** Reads what classification and the diff need; the previous scan before this one is saved. */
    public TargetPlan plan(Scanner.Request request) {
        long t0 = System.nanoTime();
        Map<String, InventoryAsset> tags = store.tagsByIp();
        List<ScanAssetView> known = diff ? store.knownAt(request.target()) : null;
        return new TargetPlan(request, tags, known, millis(t0));
    }

    /**
     * Starts the during-discovery collectors, then waits for discovery ({@code started}, or a new run). Its time is
     * the scanner's own run time, so a discovery started ahead of the pipeline counts in full.
     */
    public Discovered discover(TargetPlan plan, CompletableFuture<Scanner.Outcome> started) {
        return discover(plan, started == null ? null : new Started(started, null));
    }

    /**
     * Waits for discovery ({@code started}, or a new run) with the during-discovery collectors running: those
     * {@code started} carries, or else this pipeline's own, started now.
     */
    public Discovered discover(TargetPlan plan, Started started) {
        boolean ownCollectors = started == null || started.running() == null;
        List<Running> running = ownCollectors ? prepareOnce(startDuring(collectors, plan.target()))
                : started.running();
        CompletableFuture<Scanner.Outcome> f = started != null ? started.discovery()
                : startDiscovery(scanner, plan.request());
        if (ownCollectors) {
            f = preparing(f, running);
        }
        observer.discoveryWaiting(plan.target());
        Scanner.Outcome outcome;
        try {
            outcome = f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            observer.discoveryOver(plan.target());
        }
        ScanResult r = outcome.result();
        long ms = r.completedAt() == null ? 0 : Duration.between(r.startedAt(), r.completedAt()).toMillis();
        return new Discovered(outcome, running, ms);
    }

    /**
     * Starts the after-discovery collectors, lets every collector start its waiting or asking at once
     * ({@link Collector.Enrichment#prepare}: listeners end their grace, NetBIOS, SNMP and descriptions ask), then
     * applies them in registry order, during-discovery ones first; each apply waits only for its own collector.
     */
    public Enriched enrich(Discovered discovered) {
        long t0 = System.nanoTime();
        List<Asset> assets = discovered.outcome().result().assets();
        List<Running> all = new ArrayList<>(discovered.running());
        ScanTarget target = null;
        for (Collector c : collectors) {
            if (c.stage() == Collector.Stage.AFTER_DISCOVERY) {
                if (target == null) {
                    target = ScanTarget.parse(discovered.outcome().result().target());
                }
                all.add(new Running(c.name(), c.start(target)));
            }
        }
        for (Running r : all) {
            r.enrichment().prepare(assets);
        }
        Map<String, Long> waited = new java.util.LinkedHashMap<>();
        for (Running r : all) {
            long t1 = System.nanoTime();
            assets = r.enrichment().apply(assets);
            waited.merge(r.name(), millis(t1), Long::sum);
        }
        return new Enriched(discovered.outcome(), assets, millis(t0), waited);
    }

    /**
     * Classifies every asset (manual tag, banners, rules) and records the phase times in the details. The evidence
     * keys the collectors declare are kept next to the rules' verdicts, or next to the manual override of a tagged
     * asset: a tag decides the category, it does not hide what was observed (docs/DOMAIN.md §4.2, §4.12).
     */
    public Classified classify(TargetPlan plan, Enriched enriched, PhaseTimes before) {
        long t0 = System.nanoTime();
        List<Asset> classified = new ArrayList<>(enriched.assets().size());
        for (Asset a : enriched.assets()) {
            Asset c = classifier.classify(a, plan.tags().get(a.ip().value()),
                    enriched.outcome().banners().getOrDefault(a.ip().value(), Map.of()));
            classified.add(keepCollectorEvidence(a, c));
        }
        long ms = millis(t0);
        ScanResult r = enriched.outcome().result();
        ObjectNode details = r.details() == null ? Json.object() : r.details().deepCopy();
        details.set("phases_ms", new PhaseTimes(before.plan(), before.discover(), before.enrich(), ms, -1, -1)
                .toJson());
        if (!enriched.collectorMs().isEmpty()) {
            ObjectNode c = details.putObject("collectors_ms");
            enriched.collectorMs().forEach(c::put);
        }
        return new Classified(new ScanResult(r.target(), r.scanMethod(), r.startedAt(), r.completedAt(), r.isRoot(),
                classified, details, r.idempotencyKey()), ms);
    }

    /** Stores, sends or keeps the result, as the delivery says. A store failure is reported, not thrown. */
    public Saved save(ScanResult result) {
        long t0 = System.nanoTime();
        if (delivery.saveLocally()) {
            try {
                ScanStore.Receipt receipt = store.save(result);
                return new Stored(receipt, millis(t0));
            } catch (RuntimeException e) {
                return new NotStored(e, millis(t0));
            }
        }
        if (delivery.remote() != null) {
            RemoteScanPoster.Outcome posted = delivery.remote().post(result);
            return new Posted(posted, millis(t0));
        }
        return new Kept(millis(t0));
    }

    /** Runs the after-save collectors (only on a locally stored result) and compares with the previous scan. */
    public AfterSave afterSave(Scanned scanned, Saved saved) throws InterruptedException {
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        RuntimeException failure = null;
        if (saved instanceof Stored) {
            try {
                for (Collector c : collectors) {
                    if (c.stage() == Collector.Stage.AFTER_SAVE) {
                        lines.addAll(c.afterSave(scanned.result()));
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        List<ScanAssetView> known = scanned.plan().known();
        ScanDiff.Result d = known == null || known.isEmpty() ? null : ScanDiff.compare(
                carriedForward(scanned.result(), known).stream().map(a -> (JsonNode) ScanResultJson.toJson(a))
                        .toList(),
                ScanDiff.toNodes(known));
        return new AfterSave(lines, failure, d, millis(t0));
    }

    /**
     * The result's assets with the ports the store keeps for them (docs/DOMAIN.md §3.4): a known port the scan did not
     * probe stays open, so the diff agrees with the change log.
     */
    static List<Asset> carriedForward(ScanResult result, List<ScanAssetView> known) {
        io.bigr.discovery.core.ScanCoverage coverage = io.bigr.discovery.core.ScanCoverage.fromDetails(result.details());
        if (coverage == null) {
            return result.assets();
        }
        Map<String, List<Integer>> before = new java.util.HashMap<>();
        known.forEach(k -> before.put(k.ip() + '|' + k.mac(), k.openPorts()));
        List<Asset> out = new ArrayList<>(result.assets().size());
        for (Asset a : result.assets()) {
            List<Integer> was = before.get(a.ip().value() + '|' + (a.mac() == null ? null : a.mac().toString()));
            List<Integer> ports = coverage.carryForward(was, a.openPorts());
            out.add(ports == a.openPorts() ? a : a.withOpenPorts(ports));
        }
        return out;
    }

    private Asset keepCollectorEvidence(Asset collected, Asset classified) {
        ObjectNode evidence = classified.rawEvidence();
        for (Collector c : collectors) {
            for (String key : c.evidenceKeys()) {
                JsonNode value = collected.rawEvidence().get(key);
                if (value != null && !evidence.has(key)) {
                    evidence.set(key, value.deepCopy());
                }
            }
        }
        return classified;
    }

    public boolean diff() {
        return diff;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
