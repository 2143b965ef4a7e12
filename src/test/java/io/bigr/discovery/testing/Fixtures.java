package io.bigr.discovery.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigr.discovery.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON-fixture comparison for response shapes: the response, with values that differ per run (UUIDs, "now"
 * timestamps, latencies, log ids) replaced by placeholders, must equal {@code fixtures/NAME.json} exactly, key order
 * included. The same fixture serves SQLite and PostgreSQL, so it also proves both databases answer alike.
 * Run with {@code -Dfixtures.write=true} to (re)write the files into src/test/resources/fixtures for review.
 */
public final class Fixtures {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Keys whose values are generated at run time. */
    private static final Set<String> VOLATILE = Set.of("detected_at", "last_checked", "last_scanned", "latency_ms",
            "log_id", "last_polled", "valid_to", "valid_from");

    private Fixtures() {
    }

    public static void assertMatches(String name, JsonNode actual) {
        JsonNode normalised = normalise(actual.deepCopy());
        String resource = "fixtures/" + name + ".json";
        if (Boolean.getBoolean("fixtures.write")) {
            try {
                Path p = Path.of("src/test/resources", resource);
                Files.createDirectories(p.getParent());
                Files.writeString(p, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(normalised) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        JsonNode expected;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("fixture " + resource).isNotNull();
            expected = Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(Json.write(normalised)).as("response shape of " + name).isEqualTo(Json.write(expected));
    }

    /**
     * Compares only the structure: keys (in order) and value types; an array is represented by its first element.
     * For reports whose values move with the clock (risk age, analytics dates).
     */
    public static void assertShape(String name, JsonNode actual) {
        assertMatches(name, shape(actual));
    }

    static JsonNode shape(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = o.objectNode();
            o.fields().forEachRemaining(e -> out.set(e.getKey(), shape(e.getValue())));
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = a.arrayNode();
            if (!a.isEmpty()) {
                out.add(shape(a.get(0)));
            }
            return out;
        }
        return TextNode.valueOf(node.isNull() ? "null" : node.isTextual() ? "string" : node.isNumber() ? "number"
                : node.isBoolean() ? "boolean" : node.getNodeType().name());
    }

    /** Keys of an object in order (for key-order assertions). */
    public static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Map<String, JsonNode> toMap(ObjectNode o) {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    static JsonNode normalise(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            List<String> names = new ArrayList<>();
            it.forEachRemaining(e -> names.add(e.getKey()));
            for (String k : names) {
                JsonNode v = o.get(k);
                if (VOLATILE.contains(k) && !v.isNull()) {
                    o.set(k, TextNode.valueOf("<" + k + ">"));
                } else if (k.equals("category_summary") && v instanceof ObjectNode summary) {
                    // First-occurrence order over assets in asset-id (random UUID) order: compare sorted.
                    ObjectNode sorted = summary.objectNode();
                    new java.util.TreeMap<String, JsonNode>(toMap(summary)).forEach(sorted::set);
                    o.set(k, sorted);
                } else if (k.equals("assets") && v instanceof ArrayNode a) {
                    // Scan assets come in asset-id order (docs/DOMAIN.md §3.5), and asset ids are random UUIDs: compare
                    // by ip.
                    List<JsonNode> sorted = new ArrayList<>();
                    a.forEach(sorted::add);
                    sorted.sort(java.util.Comparator.comparing(n -> n.path("ip").asText() + "|" + n.path("mac").asText()));
                    ArrayNode copy = a.arrayNode();
                    sorted.forEach(n -> copy.add(normalise(n)));
                    o.set(k, copy);
                } else {
                    o.set(k, normalise(v));
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, normalise(a.get(i)));
            }
        } else if (node.isTextual() && UUID.matcher(node.textValue()).find()) {
            return TextNode.valueOf(UUID.matcher(node.textValue()).replaceAll("<uuid>"));
        }
        return node;
    }
}
