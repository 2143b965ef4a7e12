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
 * @param idempotencyKey made once by the scanner for this result (docs/DOMAIN.md §2.7): a server stores a result
 *        with a given key once and answers a repeat with the first save; null for results made elsewhere
 */
public record ScanResult(
        String target,
        ScanMethod scanMethod,
        Instant startedAt,
        Instant completedAt,
        boolean isRoot,
        List<Asset> assets,
        com.fasterxml.jackson.databind.node.ObjectNode details,
        String idempotencyKey) {

    /** Longest idempotency key accepted (a UUID is 36 characters). */
    public static final int MAX_KEY_LENGTH = 128;

    public ScanResult {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target is required");
        }
        scanMethod = scanMethod == null ? ScanMethod.HYBRID : scanMethod;
        startedAt = startedAt == null ? Timestamps.now() : startedAt;
        assets = assets == null ? List.of() : List.copyOf(assets);
        if (idempotencyKey != null && !validKey(idempotencyKey)) {
            throw new IllegalArgumentException("idempotency_key must be 1-" + MAX_KEY_LENGTH
                    + " characters of A-Z, a-z, 0-9, '-', '_', '.', ':'");
        }
    }

    public ScanResult(String target, ScanMethod method, Instant startedAt, Instant completedAt, boolean isRoot,
                      List<Asset> assets, com.fasterxml.jackson.databind.node.ObjectNode details) {
        this(target, method, startedAt, completedAt, isRoot, assets, details, null);
    }

    /** A new key for a result the scanner just made: a random UUID. */
    public static String newKey() {
        return java.util.UUID.randomUUID().toString();
    }

    /** 1 to {@link #MAX_KEY_LENGTH} characters of {@code A-Za-z0-9-_.:}. */
    public static boolean validKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
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
        return new ScanResult(target, scanMethod, startedAt, completedAt, isRoot, newAssets, details, idempotencyKey);
    }

    /** The same result without its assets: what a streamed save knows before the assets arrive. */
    public ScanResult header() {
        return withAssets(List.of());
    }
}
