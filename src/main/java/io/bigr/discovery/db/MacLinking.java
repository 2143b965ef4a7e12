package io.bigr.discovery.db;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.AssetLink;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.MacKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Links a device whose randomised MAC rotated to the inventory row it already has (docs/DOMAIN.md §3.17). Only a
 * new (ip, mac) whose MAC is random by its 802c quadrant is considered, and only rows whose MAC is random too, that no
 * asset of this scan matched (two devices seen at once are two devices), that a user did not split from that MAC,
 * and whose vendor, device type and product do not disagree. The signals: same hostname (0.5), same address (0.2),
 * same fingerprint (device type, and product when both have one; 0.2), last seen within {@link #ADJACENT} of the
 * scan (0.1). A link needs a hostname, or the same address and fingerprint, and a confidence of at least
 * {@link #THRESHOLD}; two equally good candidates link neither.
 */
final class MacLinking {
    static final double THRESHOLD = 0.6;
    static final Duration ADJACENT = Duration.ofDays(14);

    /** A decided link: the new asset (index in the scan) continues {@code to}. */
    record Link(InventoryAsset to, double confidence, List<String> signals) {
        String signalsJson() {
            return io.bigr.discovery.core.Json.write(signals);
        }
    }

    private MacLinking() {
    }

    /**
     * The links of this scan's new random-MAC assets, by index in {@code assets}. {@code existing} holds the rows
     * the scan matched by (ip, mac) and their neighbours by ip.
     */
    static Map<Integer, Link> find(Handle h, List<Asset> assets, Map<String, InventoryAsset> existing,
                                   Instant scanStart) {
        Map<Integer, Asset> fresh = new LinkedHashMap<>();
        for (int i = 0; i < assets.size(); i++) {
            Asset a = assets.get(i);
            String key = InventoryStore.key(a.ip().value(), Objects.toString(a.mac(), null));
            if (!existing.containsKey(key) && MacKind.of(a.mac()) == MacKind.RANDOM) {
                fresh.put(i, a);
            }
        }
        if (fresh.isEmpty()) {
            return Map.of();
        }
        Set<String> matchedNow = new HashSet<>();
        for (Asset a : assets) {
            InventoryAsset row = existing.get(InventoryStore.key(a.ip().value(), Objects.toString(a.mac(), null)));
            if (row != null) {
                matchedNow.add(row.id());
            }
        }
        Map<String, InventoryAsset> candidates = new HashMap<>();
        for (InventoryAsset row : existing.values()) {
            candidates.put(row.id(), row);
        }
        Set<String> names = new HashSet<>();
        for (Asset a : fresh.values()) {
            if (a.hostname() != null && !a.hostname().isBlank()) {
                names.add(a.hostname().toLowerCase(Locale.ROOT));
            }
        }
        if (!names.isEmpty()) {
            h.attach(AssetDao.class).findByHostnames(names).forEach(r -> candidates.putIfAbsent(r.id(), r));
        }
        Set<String> refused = new HashSet<>();
        Collection<String> macs = fresh.values().stream().map(a -> a.mac().value()).toList();
        for (AssetLink l : h.attach(AssetLinkDao.class).refusals(macs)) {
            refused.add(l.assetId() + "|" + l.mac());
        }
        Map<Integer, Link> links = new HashMap<>();
        Set<String> taken = new HashSet<>(matchedNow);
        for (Map.Entry<Integer, Asset> e : fresh.entrySet()) {
            Asset a = e.getValue();
            Link best = null;
            boolean tie = false;
            for (InventoryAsset row : candidates.values()) {
                if (taken.contains(row.id()) || refused.contains(row.id() + "|" + a.mac().value())) {
                    continue;
                }
                Link l = score(a, row, scanStart);
                if (l == null) {
                    continue;
                }
                if (best == null || l.confidence() > best.confidence()) {
                    best = l;
                    tie = false;
                } else if (l.confidence() == best.confidence()) {
                    tie = true;
                }
            }
            if (best != null && !tie) {
                links.put(e.getKey(), best);
                taken.add(best.to().id());
            }
        }
        return links;
    }

    /** The link of {@code a} to {@code row}, or null when a rule refuses it or the signals are too weak. */
    static Link score(Asset a, InventoryAsset row, Instant scanStart) {
        if (MacKind.of(row.mac()) != MacKind.RANDOM || Objects.equals(row.mac(), a.mac().value())) {
            return null;
        }
        if (disagree(a.vendor(), row.vendor()) || disagree(a.deviceType(), row.deviceType())
                || disagree(a.product(), row.product())) {
            return null;
        }
        List<String> signals = new ArrayList<>();
        double confidence = 0;
        boolean hostname = a.hostname() != null && !a.hostname().isBlank() && row.hostname() != null
                && a.hostname().toLowerCase(Locale.ROOT).equals(row.hostname().toLowerCase(Locale.ROOT));
        if (hostname) {
            signals.add("hostname");
            confidence += 0.5;
        }
        boolean sameIp = a.ip().value().equals(row.ip());
        if (sameIp) {
            signals.add("ip");
            confidence += 0.2;
        }
        boolean fingerprint = a.deviceType() != null && a.deviceType().equals(row.deviceType());
        if (fingerprint) {
            signals.add("fingerprint");
            confidence += 0.2;
        }
        if (row.lastSeen() != null && !row.lastSeen().isBefore(scanStart.minus(ADJACENT))) {
            signals.add("recent");
            confidence += 0.1;
        }
        confidence = Math.round(confidence * 100) / 100.0;
        if (!(hostname || (sameIp && fingerprint)) || confidence < THRESHOLD) {
            return null;
        }
        return new Link(row, confidence, signals);
    }

    private static boolean disagree(String a, String b) {
        return a != null && b != null && !a.isBlank() && !b.isBlank()
                && !a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
