package io.bigr.discovery.collect;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.scan.ScanTarget;
import java.util.List;
import java.util.Set;

/**
 * A source of evidence beyond the port scan, run by the scan pipeline at one {@link Stage}. A collector says what
 * it collects ({@link #name()}), when it runs ({@link #stage()}) and which {@code raw_evidence} keys it adds to an
 * asset ({@link #evidenceKeys()}, empty for a collector that writes elsewhere, such as the certificate table).
 *
 * <p>Contract: a collector never fails a scan. Whatever it cannot reach gives no evidence; an enrichment returns the
 * assets it was given (same order, same IPs), changed only in the fields and evidence keys it owns. New collectors
 * are one class here plus one line in {@link Collectors#defaults}.
 */
public interface Collector {
    /** When a collector runs, relative to the pipeline's phases. */
    enum Stage {
        /** Started before the probes and run alongside them (listening); its result is applied after discovery. */
        DURING_DISCOVERY,
        /** Started after discovery, on the hosts found; applied before classification so rules see its evidence. */
        AFTER_DISCOVERY,
        /** Run once the result is stored locally; writes to its own tables and reports a line for the user. */
        AFTER_SAVE
    }

    /** Short stable name, e.g. {@code mdns}. */
    String name();

    Stage stage();

    /** The {@code raw_evidence} keys this collector adds to assets. */
    Set<String> evidenceKeys();

    /**
     * {@link Stage#DURING_DISCOVERY}: called before discovery starts; {@link Stage#AFTER_DISCOVERY}: called after it.
     * The returned enrichment is applied to the discovered assets before classification. Not called at
     * {@link Stage#AFTER_SAVE}.
     */
    default Enrichment start(ScanTarget target) {
        return Enrichment.NONE;
    }

    /**
     * {@link Stage#AFTER_SAVE} only: acts on the stored result and returns the lines to show the user (without
     * indentation).
     */
    default List<String> afterSave(ScanResult saved) throws InterruptedException {
        return List.of();
    }

    /**
     * What a started collector adds to the assets; may block until its collection is complete. The pipeline first
     * calls {@link #prepare} on every enrichment of a scan (each starts its own waiting or asking off the calling
     * thread), then {@link #apply} on each in registry order: the collectors wait side by side, not one after
     * another.
     */
    @FunctionalInterface
    interface Enrichment {
        Enrichment NONE = assets -> assets;

        List<Asset> apply(List<Asset> assets);

        /**
         * The probes are over and these are the hosts they found: start what {@link #apply} will need (in the
         * background, never blocking here). Default: nothing, {@code apply} does all.
         */
        default void prepare(List<Asset> discovered) {
        }
    }
}
