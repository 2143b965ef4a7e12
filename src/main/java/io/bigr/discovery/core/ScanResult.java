package io.bigr.discovery.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one discovery run against one target (docs/DOMAIN.md §2.7), as the scanner produces it and as
 * {@code POST /api/scans} receives it.
 *
 * @param details what actually ran (phases, probe counts), stored with the scan; may be null
 */
public record ScanResult(
        String target,
        ScanMethod scanMethod,
        Instant startedAt,
        Instant completedAt,
        boolean isRoot,
        List<Asset> assets,
        com.fasterxml.jackson.databind.node.ObjectNode details) {

    public ScanResult {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target is required");
        }
        scanMethod = scanMethod == null ? ScanMethod.HYBRID : scanMethod;
        startedAt = startedAt == null ? Timestamps.now() : startedAt;
        assets = assets == null ? List.of() : List.copyOf(assets);
    }

    public ScanResult(String target, ScanMethod method, Instant startedAt, Instant completedAt, boolean isRoot,
                      List<Asset> assets) {
        this(target, method, startedAt, completedAt, isRoot, assets, null);
    }

    /** completed − started in seconds, or null when not completed. */
    public Double durationSeconds() {
        return durationSeconds(startedAt, completedAt);
    }

    public static Double durationSeconds(Instant started, Instant completed) {
        if (started == null || completed == null) {
            return null;
        }
        // Seconds and nanos apart: toNanos() overflows past 292 years, and a stored row may hold any two instants.
        Duration d = Duration.between(started, completed);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /** Category value → count, in first-occurrence order. */
    public Map<String, Integer> categorySummary() {
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (Asset a : assets) {
            summary.merge(a.bigrCategory().value(), 1, Integer::sum);
        }
        return summary;
    }

    public ScanResult withAssets(List<Asset> newAssets) {
        return new ScanResult(target, scanMethod, startedAt, completedAt, isRoot, newAssets, details);
    }
}
