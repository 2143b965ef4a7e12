package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanDiffTest {
    private static ObjectNode asset(String ip, String mac, String category, double confidence, String vendor,
                                    String hostname, Integer... ports) {
        ObjectNode o = Json.object();
        o.put("ip", ip);
        o.put("mac", mac);
        o.put("hostname", hostname);
        o.put("vendor", vendor);
        o.set("open_ports", Json.MAPPER.valueToTree(List.of(ports)));
        o.put("bigr_category", category);
        o.put("confidence_score", confidence);
        return o;
    }

    private static List<JsonNode> same(int n) {
        List<JsonNode> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(asset("10.0.0." + (i + 1), null, "iot", 0.5, null, null, 80));
        }
        return l;
    }

    @Test
    void identicalListsAreUnchanged() {
        ScanDiff.Result d = ScanDiff.compare(same(10), same(10));
        assertThat(d.hasChanges()).isFalse();
        assertThat(d.unchangedCount()).isEqualTo(10);
        assertThat(d.summary()).isEqualTo("=10 unchanged");
    }

    @Test
    void newRemovedAndChangedAreCountedAsTheSpecSays() {
        List<JsonNode> prev = new ArrayList<>(same(6));
        List<JsonNode> cur = new ArrayList<>(same(6));
        prev.remove(5);                                                                  // 10.0.0.6 is new
        cur.remove(4);                                                                   // 10.0.0.5 is removed
        cur.set(0, asset("10.0.0.1", null, "iot", 0.5, null, null, 443));                // ports differ
        ScanDiff.Result d = ScanDiff.compare(cur, prev);
        assertThat(d.newAssets()).extracting(n -> n.get("ip").asText()).containsExactly("10.0.0.6");
        assertThat(d.removedAssets()).extracting(n -> n.get("ip").asText()).containsExactly("10.0.0.5");
        assertThat(d.changedAssets()).containsExactly(
                new ScanDiff.Change("10.0.0.1", null, "port_change", "open_ports", "[80]", "[443]"));
        assertThat(d.summary()).isEqualTo("+1 new, -1 removed, ~1 changed, =3 unchanged");
    }

    @Test
    void everyFieldChangeCountsSeparately() {
        ObjectNode before = asset("10.0.0.9", "aa:bb:cc:dd:ee:ff", "unclassified", 0.0, null, "old", 80, 22);
        ObjectNode after = asset("10.0.0.9", "aa:bb:cc:dd:ee:ff", "iot", 0.85000001, "Hikvision", "cam-1", 22, 80);
        ScanDiff.Result d = ScanDiff.compare(List.of(after), List.of(before));
        assertThat(d.changedAssets()).extracting(ScanDiff.Change::changeType)
                .containsExactly("category_change", "vendor_change", "hostname_change", "confidence_change");
        assertThat(d.changedAssets().get(3).newValue()).isEqualTo("0.85");
        assertThat(d.changedAssets().get(3).oldValue()).isEqualTo("0.0");
        assertThat(d.changedAssets().get(1).oldValue()).isNull();
        assertThat(d.summary()).isEqualTo("~4 changed, =0 unchanged");
    }

    @Test
    void portOrderAndConfidenceBeyondFourDecimalsAreNotChanges() {
        ObjectNode a = asset("10.0.0.1", null, "iot", 0.12344, null, null, 443, 80);
        ObjectNode b = asset("10.0.0.1", null, "iot", 0.12341, null, null, 80, 443);
        assertThat(ScanDiff.compare(List.of(a), List.of(b)).hasChanges()).isFalse();
    }

    @Test
    void keyIsIpAndMacWithNullMacDistinctAndLaterDuplicateWinning() {
        ObjectNode withMac = asset("10.0.0.1", "00:11:22:33:44:55", "iot", 0.5, null, null);
        ObjectNode noMac = asset("10.0.0.1", null, "iot", 0.5, null, null);
        ObjectNode dupLater = asset("10.0.0.1", null, "tasinabilir", 0.5, null, null);
        ScanDiff.Result d = ScanDiff.compare(List.of(noMac, dupLater), List.of(withMac, noMac));
        assertThat(d.newAssets()).isEmpty();
        assertThat(d.removedAssets()).extracting(n -> n.get("mac").asText()).containsExactly("00:11:22:33:44:55");
        assertThat(d.changedAssets()).extracting(ScanDiff.Change::field).containsExactly("bigr_category");
    }

    @Test
    void outputsAreSortedByIpTextThenMac() {
        List<JsonNode> cur = List.of(asset("10.0.0.2", null, "iot", 0, null, null),
                asset("10.0.0.10", "bb:00:00:00:00:00", "iot", 0, null, null),
                asset("10.0.0.10", null, "iot", 0, null, null));
        assertThat(ScanDiff.compare(cur, List.of()).newAssets())
                .extracting(n -> n.get("ip").asText() + "/" + n.get("mac").asText())
                .containsExactly("10.0.0.10/null", "10.0.0.10/bb:00:00:00:00:00", "10.0.0.2/null");
    }

    @Test
    void largeShuffledListsComeOutInKeyOrderWithEachAssetsChangesInFieldOrder() {
        List<JsonNode> prev = new ArrayList<>();
        List<JsonNode> cur = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String ip = "10.0." + (i / 250) + "." + (i % 250);
            String mac = i % 3 == 0 ? null : String.format(java.util.Locale.ROOT, "02:00:00:00:%02x:%02x", i / 256, i % 256);
            if (i % 10 != 1) {
                prev.add(asset(ip, mac, "iot", 0.5, "Acme", "h" + i, 80));
            }
            if (i % 10 == 2) {
                continue; // removed
            }
            boolean changed = i % 10 == 3;
            cur.add(asset(ip, mac, changed ? "tasinabilir" : "iot", 0.5, "Acme", changed ? "n" + i : "h" + i,
                    changed ? 443 : 80));
        }
        java.util.Collections.shuffle(prev, new java.util.Random(7));
        java.util.Collections.shuffle(cur, new java.util.Random(11));
        ScanDiff.Result d = ScanDiff.compare(cur, prev);
        java.util.Comparator<String[]> byKey = java.util.Comparator.<String[], String>comparing(k -> k[0])
                .thenComparing(k -> k[1], java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        assertThat(d.newAssets()).hasSize(300).extracting(n -> new String[] {n.get("ip").asText(), text(n, "mac")})
                .isSortedAccordingTo(byKey);
        assertThat(d.removedAssets()).hasSize(300).extracting(n -> new String[] {n.get("ip").asText(), text(n, "mac")})
                .isSortedAccordingTo(byKey);
        assertThat(d.changedAssets()).hasSize(900).extracting(c -> new String[] {c.ip(), c.mac()})
                .isSortedAccordingTo(byKey);
        for (int i = 0; i < d.changedAssets().size(); i += 3) {
            assertThat(d.changedAssets().subList(i, i + 3)).extracting(ScanDiff.Change::field)
                    .containsExactly("open_ports", "bigr_category", "hostname");
        }
        assertThat(d.unchangedCount()).isEqualTo(2100);
    }

    private static String text(JsonNode n, String key) {
        return n.get(key).isNull() ? null : n.get(key).asText();
    }

    @Test
    void missingIpIsTheEmptyKey() {
        ObjectNode noIp = Json.object();
        noIp.put("bigr_category", "iot");
        ScanDiff.Result d = ScanDiff.compare(List.of(noIp), List.of(noIp));
        assertThat(d.unchangedCount()).isEqualTo(1);
    }

    /** A typed asset as the store reads it, compared through a {@link ScanDiff.View} instead of a JSON tree. */
    private record Row(String ip, String mac, List<Integer> ports, double score) {
    }

    private static final ScanDiff.View<Row> ROWS = new ScanDiff.View<>() {
        @Override
        public String ip(Row r) {
            return r.ip();
        }

        @Override
        public String mac(Row r) {
            return r.mac();
        }

        @Override
        public String field(Row r, String name) {
            return switch (name) {
                case "open_ports" -> ScanDiff.portsText(r.ports());
                case "confidence_score" -> ScanDiff.scoreText(r.score());
                default -> null;
            };
        }
    };

    @Test
    void typedRowsAreComparedByTheSameRulesAsJson() {
        List<Row> prev = List.of(new Row("10.0.0.1", null, List.of(443, 22), 0.5), new Row("10.0.0.2", "aa", List.of(), 0.1),
                new Row("10.0.0.3", null, List.of(80), 0.85000001));
        List<Row> cur = List.of(new Row("10.0.0.1", null, List.of(22, 443), 0.5), new Row("10.0.0.3", null, List.of(80), 0.85),
                new Row("10.0.0.4", null, List.of(), 0.0), new Row("10.0.0.2", "bb", List.of(), 0.1));
        ScanDiff.Rows<Row> d = ScanDiff.compare(cur, prev, ROWS);
        assertThat(d.newAssets()).extracting(Row::ip).containsExactly("10.0.0.2", "10.0.0.4");
        assertThat(d.removedAssets()).extracting(Row::mac).containsExactly("aa");
        assertThat(d.changedAssets()).as("port order and the 5th decimal are no change").isEmpty();
        assertThat(d.summary()).isEqualTo("+2 new, -1 removed, =2 unchanged");
        ScanDiff.Rows<Row> back = ScanDiff.compare(List.of(new Row("10.0.0.1", null, List.of(8443), 0.5)),
                List.of(new Row("10.0.0.1", null, List.of(443), 0.25)), ROWS);
        assertThat(back.changedAssets()).containsExactly(
                new ScanDiff.Change("10.0.0.1", null, "port_change", "open_ports", "[443]", "[8443]"),
                new ScanDiff.Change("10.0.0.1", null, "confidence_change", "confidence_score", "0.25", "0.5"));
    }
}
