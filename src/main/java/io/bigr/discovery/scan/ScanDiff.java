package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
            List<String> parts = new ArrayList<>();
            if (!newAssets.isEmpty()) {
                parts.add("+" + newAssets.size() + " new");
            }
            if (!removedAssets.isEmpty()) {
                parts.add("-" + removedAssets.size() + " removed");
            }
            if (!changedAssets.isEmpty()) {
                parts.add("~" + changedAssets.size() + " changed");
            }
            parts.add("=" + unchangedCount + " unchanged");
            return String.join(", ", parts);
        }
    }

    private record Key(String ip, String mac) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::ip)
            .thenComparing(Key::mac, Comparator.nullsFirst(Comparator.naturalOrder()));

    private ScanDiff() {
    }

    public static Result compare(List<? extends JsonNode> current, List<? extends JsonNode> previous) {
        Map<Key, JsonNode> cur = index(current);
        Map<Key, JsonNode> prev = index(previous);
        List<JsonNode> added = new ArrayList<>();
        List<JsonNode> removed = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<Key, JsonNode> e : cur.entrySet()) {
            JsonNode old = prev.get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
                continue;
            }
            JsonNode now = e.getValue();
            int before = changes.size();
            for (String[] f : FIELDS) {
                String was = normalise(f[0], old.get(f[0]));
                String is = normalise(f[0], now.get(f[0]));
                if (!Objects.equals(was, is)) {
                    changes.add(new Change(text(now.get("ip")), text(now.get("mac")), f[1], f[0], was, is));
                }
            }
            if (changes.size() == before) {
                unchanged++;
            }
        }
        for (Map.Entry<Key, JsonNode> e : prev.entrySet()) {
            if (!cur.containsKey(e.getKey())) {
                removed.add(e.getValue());
            }
        }
        return new Result(List.copyOf(added), List.copyOf(removed), List.copyOf(changes), unchanged);
    }

    private static Map<Key, JsonNode> index(List<? extends JsonNode> assets) {
        Map<Key, JsonNode> m = new TreeMap<>(ORDER);
        for (JsonNode a : assets) {
            String ip = text(a.get("ip"));
            m.put(new Key(ip == null ? "" : ip, text(a.get("mac"))), a);
        }
        return m;
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
                ports.sort(null);
                yield io.bigr.discovery.core.Json.portsText(ports);
            }
            case "confidence_score" -> v.isNumber() ? Numbers.text(Numbers.round(v.doubleValue(), 4)) : v.asText();
            default -> v.asText();
        };
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
