package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Comparison of two asset lists (docs/DOMAIN.md §3.10): what is new, gone and changed between the previous scan of a
 * target and this one. Pure: JSON asset objects (§2.6 / §3.5 shapes) in, a {@link Result} out.
 *
 * <p>Key of an asset = (ip, mac), missing ip = "", null mac a distinct value; the later of two equal keys in one list
 * wins; outputs are sorted by key (ip text, then mac with null first).
 */
public final class ScanDiff {
    /** The five compared fields, in comparison order, with their change types. */
    private static final String[][] FIELDS = {
        {"open_ports", "port_change"},
        {"bigr_category", "category_change"},
        {"vendor", "vendor_change"},
        {"hostname", "hostname_change"},
        {"confidence_score", "confidence_change"},
    };

    /**
     * One differing field of an asset present in both lists; ip and mac come from the current asset. On the wire
     * ({@code GET /api/scans/{id}/diff}): {@code ip, mac, change_type, field, old_value, new_value}.
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(String ip, String mac, String changeType, String field, String oldValue, String newValue) {
    }

    public record Result(List<JsonNode> newAssets, List<JsonNode> removedAssets, List<Change> changedAssets,
                         int unchangedCount) {
        public boolean hasChanges() {
            return !newAssets.isEmpty() || !removedAssets.isEmpty() || !changedAssets.isEmpty();
        }

        /** {@code +1 new, -1 removed, ~1 changed, =5 unchanged}; zero parts omitted except unchanged. */
        public String summary() {
            return ScanDiff.summary(newAssets.size(), removedAssets.size(), changedAssets.size(), unchangedCount);
        }
    }

    /** {@link Result} over any asset type (records read from the store, say), the assets being the caller's own. */
    public record Rows<T>(List<T> newAssets, List<T> removedAssets, List<Change> changedAssets, int unchangedCount) {
        public String summary() {
            return ScanDiff.summary(newAssets.size(), removedAssets.size(), changedAssets.size(), unchangedCount);
        }
    }

    /**
     * What the diff reads of one asset: its ip and mac (either may be null) and each compared field already
     * normalised (§3.10: {@link #normalise}) by field name, {@code open_ports}, {@code bigr_category}, {@code vendor},
     * {@code hostname}, {@code confidence_score}.
     */
    public interface View<T> {
        String ip(T asset);

        String mac(T asset);

        String field(T asset, String name);
    }

    static String summary(int added, int removed, int changed, int unchanged) {
        List<String> parts = new ArrayList<>();
        if (added > 0) {
            parts.add("+" + added + " new");
        }
        if (removed > 0) {
            parts.add("-" + removed + " removed");
        }
        if (changed > 0) {
            parts.add("~" + changed + " changed");
        }
        parts.add("=" + unchanged + " unchanged");
        return String.join(", ", parts);
    }

    private record Key(String ip, String mac) {
    }

    /** Key order: ip text, then mac with null first. */
    private static final Comparator<Key> ORDER = (a, b) -> {
        int c = a.ip().compareTo(b.ip());
        if (c != 0 || Objects.equals(a.mac(), b.mac())) {
            return c;
        }
        if (a.mac() == null) {
            return -1;
        }
        return b.mac() == null ? 1 : a.mac().compareTo(b.mac());
    };

    private ScanDiff() {
    }

    public static Result compare(List<? extends JsonNode> current, List<? extends JsonNode> previous) {
        Rows<JsonNode> r = compare(List.copyOf(current), List.copyOf(previous), JSON);
        return new Result(r.newAssets(), r.removedAssets(), r.changedAssets(), r.unchangedCount());
    }

    /** JSON asset objects (§2.6 / §3.5 shapes) as the diff reads them. */
    private static final View<JsonNode> JSON = new View<>() {
        @Override
        public String ip(JsonNode a) {
            return text(a.get("ip"));
        }

        @Override
        public String mac(JsonNode a) {
            return text(a.get("mac"));
        }

        @Override
        public String field(JsonNode a, String name) {
            return normalise(name, a.get(name));
        }
    };

    /**
     * The comparison of any two asset lists through a {@link View}: for the store's own rows, which need no JSON tree
     * per asset (two scans of 100,000 assets as trees do not fit a small heap).
     */
    public static <T> Rows<T> compare(List<T> current, List<T> previous, View<T> view) {
        Map<Key, T> cur = index(current, view);
        Map<Key, T> prev = index(previous, view);
        Pairs<T> pairs = new Pairs<>(view);
        cur.forEach((k, now) -> pairs.pair(now, prev.get(k)));
        prev.forEach((k, old) -> {
            if (!cur.containsKey(k)) {
                pairs.removed(old);
            }
        });
        return pairs.rows();
    }

    /**
     * A diff built from assets the caller has already paired by key (the store joins two scans' snapshots by asset,
     * so only what differs is held): each current asset with its previous one or null, then each previous asset
     * without a current one. The outputs come sorted as {@link #compare} sorts them.
     */
    public static final class Pairs<T> {
        private final View<T> view;
        private final List<Map.Entry<Key, T>> added = new ArrayList<>();
        private final List<Map.Entry<Key, T>> removed = new ArrayList<>();
        private final List<Map.Entry<Key, Change>> changes = new ArrayList<>();
        private int unchanged;

        public Pairs(View<T> view) {
            this.view = view;
        }

        /** A current asset and its previous self (null: new). */
        public void pair(T now, T old) {
            Key k = key(now, view);
            if (old == null) {
                added.add(Map.entry(k, now));
                return;
            }
            int before = changes.size();
            for (String[] f : FIELDS) {
                String was = view.field(old, f[0]);
                String is = view.field(now, f[0]);
                if (!Objects.equals(was, is)) {
                    changes.add(Map.entry(k, new Change(view.ip(now), view.mac(now), f[1], f[0], was, is)));
                }
            }
            if (changes.size() == before) {
                unchanged++;
            }
        }

        /** A previous asset the current list does not have. */
        public void removed(T old) {
            removed.add(Map.entry(key(old, view), old));
        }

        /**
         * Takes in what {@code other} paired (over other assets than this one's: a part of the same two scans read
         * at once); the rows come out in key order whichever part paired them.
         */
        public void addAll(Pairs<T> other) {
            added.addAll(other.added);
            removed.addAll(other.removed);
            changes.addAll(other.changes);
            unchanged += other.unchanged;
        }

        public Rows<T> rows() {
            return new Rows<>(inOrder(added), inOrder(removed), inOrder(changes), unchanged);
        }
    }

    private static <T> Key key(T asset, View<T> view) {
        String ip = view.ip(asset);
        return new Key(ip == null ? "" : ip, view.mac(asset));
    }

    /**
     * The assets by key, the later of two equal keys winning. Hashed, and only what differs is sorted
     * ({@link #inOrder}): a tree map of every asset compared keys some 17 times per lookup, most of a diff of two
     * 100,000-asset scans.
     */
    private static <T> Map<Key, T> index(List<T> assets, View<T> view) {
        Map<Key, T> m = new HashMap<>(Math.max(16, assets.size() * 4 / 3 + 1));
        for (T a : assets) {
            m.put(key(a, view), a);
        }
        return m;
    }

    /**
     * The values in key order; a stable sort, so one asset's changes keep the order of {@link #FIELDS}.
     */
    private static <V> List<V> inOrder(List<Map.Entry<Key, V>> entries) {
        entries.sort(Map.Entry.comparingByKey(ORDER));
        return entries.stream().map(Map.Entry::getValue).toList();
    }

    /** §3.10 normalisation; null stays null. */
    static String normalise(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return switch (field) {
            case "open_ports" -> {
                if (!v.isArray()) {
                    yield v.asText();
                }
                List<Integer> ports = new ArrayList<>();
                v.forEach(p -> ports.add(p.asInt()));
                yield portsText(ports);
            }
            case "confidence_score" -> v.isNumber() ? scoreText(v.doubleValue()) : v.asText();
            default -> v.asText();
        };
    }

    /** §3.10 normalisation of open ports: the sorted list as JSON text with {@code ", "}; null stays null. */
    public static String portsText(List<Integer> ports) {
        if (ports == null) {
            return null;
        }
        List<Integer> sorted = new ArrayList<>(ports);
        sorted.sort(null);
        return io.bigr.discovery.core.Json.portsText(sorted);
    }

    /** §3.10 normalisation of a confidence score: rounded to 4 decimals, then number-as-text. */
    public static String scoreText(double score) {
        return Numbers.text(Numbers.round(score, 4));
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Convenience for callers holding records: any object Jackson can turn into a JSON object. */
    public static List<JsonNode> toNodes(List<?> assets) {
        List<JsonNode> out = new ArrayList<>(assets.size());
        for (Object a : assets) {
            out.add(a instanceof JsonNode n ? n : io.bigr.discovery.core.Json.MAPPER.valueToTree(a));
        }
        return out;
    }
}
