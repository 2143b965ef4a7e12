package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#parseObjectKeeping}: for every document, the keys kept hold what {@link Json#parseObject} gives them
 * (the last of a repeated key, the empty object for anything that does not parse whole as an object) and no other
 * key appears: over random evidence-like documents, the same documents cut short or with a byte changed, non-objects
 * and trailing text; with and without a memo shared by all of them.
 */
class JsonKeepingTest {
    private static final Set<String> KEYS = Set.of("banners", "snmp_sys_descr");
    private static final String[] NAMES = {"banners", "snmp_sys_descr", "port_rules", "vendor_rule", "banners2", "b"};

    private static String value(Random r, int depth) {
        int kind = r.nextInt(depth > 2 ? 4 : 7);
        return switch (kind) {
            case 0 -> "\"" + (r.nextBoolean() ? "SSH-2.0-OpenSSH_8.9p1" : "a\\\"b\\\\c\\u00e7 ş") + "\"";
            case 1 -> String.valueOf(r.nextInt(70000) - 5);
            case 2 -> r.nextBoolean() ? "null" : "true";
            case 3 -> "1.5e3";
            case 4, 5 -> object(r, depth + 1);
            default -> "[" + value(r, depth + 1) + "," + value(r, depth + 1) + "]";
        };
    }

    private static String object(Random r, int depth) {
        StringBuilder o = new StringBuilder("{");
        for (int i = r.nextInt(5); i > 0; i--) {
            o.append('"').append(NAMES[r.nextInt(NAMES.length)]).append("\":").append(value(r, depth))
                    .append(i > 1 ? "," : "");
        }
        return o.append('}').toString();
    }

    private static ObjectNode expected(String text) {
        ObjectNode whole = Json.parseObject(text);
        ObjectNode kept = Json.object();
        whole.fields().forEachRemaining(e -> {
            if (KEYS.contains(e.getKey())) {
                kept.set(e.getKey(), e.getValue());
            }
        });
        return kept;
    }

    @Test
    void keepsWhatTheWholeParseGivesTheKeys() {
        Random r = new Random(4242);
        java.util.Map<String, ObjectNode> memo = new java.util.HashMap<>();
        int broken = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = object(r, 0);
            switch (r.nextInt(6)) {
                case 0 -> text = text.substring(0, r.nextInt(text.length())); // cut short
                case 1 -> {
                    char[] c = text.toCharArray();
                    c[r.nextInt(c.length)] = "{}[]\",:x "
                            .charAt(r.nextInt(9));
                    text = new String(c);
                }
                case 2 -> text = text + (r.nextBoolean() ? " {\"banners\":1}" : " garbage");
                case 3 -> text = r.nextBoolean() ? "[" + text + "]" : value(r, 3);
                default -> { }
            }
            ObjectNode want = expected(text);
            if (Json.parseOrNull(text) == null) {
                broken++;
            }
            assertThat(Json.parseObjectKeeping(text, KEYS)).as(text).isEqualTo(want);
            // shared across documents whose kept values read the same: still each document's own values
            assertThat(Json.parseObjectKeeping(text, KEYS, memo)).as(text).isEqualTo(want);
        }
        assertThat(memo).as("kept texts seen more than once").isNotEmpty().hasSizeLessThan(20_000);
        assertThat(broken).as("documents that do not parse").isGreaterThan(1_000);
        assertThat(Json.parseObjectKeeping(null, KEYS)).isEmpty();
        assertThat(Json.parseObjectKeeping("  ", KEYS)).isEmpty();
        assertThat(Json.parseObjectKeeping("{\"banners\":1,\"banners\":{\"22\":\"x\"}}", KEYS).get("banners")
                .toString()).isEqualTo("{\"22\":\"x\"}");
    }
}
