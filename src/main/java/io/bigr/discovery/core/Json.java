package io.bigr.discovery.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The project's JSON conventions, applied to Dropwizard's mapper and to the CLI's alike. */
public final class Json {
    /** A mapper configured by {@link #configure}, for code outside Jersey (CLI, store). */
    public static final ObjectMapper MAPPER = configure(newMapper());

    private Json() {
    }

    /**
     * Dropwizard's mapper ({@code Jackson.newObjectMapper()}: Guava, Caffeine, fuzzy enums, parameter names, JDK 8
     * and java.time types, {@code @JsonSnakeCase}, discoverable subtypes, unknown properties ignored) without its
     * Blackbird module. Blackbird replaces reflection with a generated class per property accessor, which pays off
     * only after many thousands of calls; at start-up it was a third of binding the configuration, and it made the
     * JVM's bytecode generator hot enough for the optimising compiler to spend seconds on it
     * (docs/STACK-NOTES.md Q6). Dropwizard's own factory also instantiates every Jackson module listed on the
     * class path just to look for Afterburner; this one does not.
     */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new com.fasterxml.jackson.datatype.guava.GuavaModule());
        mapper.registerModule(new io.dropwizard.jackson.GuavaExtrasModule());
        mapper.registerModule(new io.dropwizard.jackson.CaffeineModule());
        mapper.registerModule(new io.dropwizard.jackson.FuzzyEnumModule());
        mapper.registerModule(new com.fasterxml.jackson.module.paramnames.ParameterNamesModule());
        mapper.registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module());
        mapper.registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        mapper.setPropertyNamingStrategy(new io.dropwizard.jackson.AnnotationSensitivePropertyNamingStrategy());
        mapper.setSubtypeResolver(new io.dropwizard.jackson.DiscoverableSubtypeResolver());
        mapper.disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        // Bounded nesting (docs/DOMAIN.md §2.8): a body nested thousands deep is refused before it is bound.
        mapper.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNestingDepth(InputBounds.MAX_JSON_DEPTH).build());
        SimpleModule module = new SimpleModule("bigr");
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Timestamps.format(value));
            }
        });
        module.addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                try {
                    return Timestamps.parse(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    return (Instant) ctx.handleWeirdStringValue(Instant.class, p.getValueAsString(), e.getMessage());
                }
            }
        });
        mapper.registerModule(module);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports as earlier releases stored them: {@code [22, 80, 443]}. */
    public static String portsText(List<Integer> ports) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ports.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ports.get(i));
        }
        return sb.append(']').toString();
    }

    /**
     * Parses a stored JSON array of ints; null, blank or malformed text gives an empty list. The stored form
     * ({@code [22, 80, 443]}) is read digit by digit, without building a JSON tree; anything else goes through the
     * JSON parser.
     */
    public static List<Integer> parsePorts(String text) {
        if (text != null) {
            List<Integer> plain = plainInts(text);
            if (plain != null) {
                return plain;
            }
        }
        List<Integer> ports = new ArrayList<>();
        JsonNode node = parseOrNull(text);
        if (node != null && node.isArray()) {
            node.forEach(n -> {
                if (n.canConvertToInt()) {
                    ports.add(n.intValue());
                }
            });
        }
        return ports;
    }

    /**
     * {@code [}, then ints of 1-9 digits (no leading zero) separated by commas and spaces, then {@code ]}: the ints,
     * or null when the text has any other form.
     */
    static List<Integer> plainInts(String text) {
        int n = text.length();
        if (n < 2 || text.charAt(0) != '[' || text.charAt(n - 1) != ']') {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        int i = skipSpaces(text, 1, n - 1);
        if (i == n - 1) {
            return out;
        }
        while (true) {
            int start = i;
            int value = 0;
            while (i < n - 1 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 9 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out.add(value);
            i = skipSpaces(text, i, n - 1);
            if (i == n - 1) {
                return out;
            }
            if (text.charAt(i) != ',') {
                return null;
            }
            i = skipSpaces(text, i + 1, n - 1);
        }
    }

    private static int skipSpaces(String text, int from, int end) {
        int i = from;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Parses a stored JSON object; null, blank, malformed or non-object text gives an empty object. */
    public static ObjectNode parseObject(String text) {
        JsonNode node = parseOrNull(text);
        return node instanceof ObjectNode o ? o : object();
    }

    /** Parses a stored JSON array of strings; anything else gives an empty list. */
    public static List<String> parseStrings(String text) {
        List<String> out = new ArrayList<>();
        JsonNode node = parseOrNull(text);
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /**
     * {@link #parseObject} of only the top-level {@code keys}: the same values for them (the last of a repeated key),
     * no others. The rest of the document is read through but not built (a tree of every value was most of
     * parsing an asset's evidence for a report), and a document that would not parse whole still gives the empty
     * object.
     */
    public static ObjectNode parseObjectKeeping(String text, java.util.Set<String> keys) {
        return parseObjectKeeping(text, keys, null);
    }

    /** Kept objects a {@link #parseObjectKeeping(String, java.util.Set, java.util.Map)} memo holds at most. */
    public static final int KEPT_MEMO_MAX = 4_096;

    /**
     * {@link #parseObjectKeeping(String, java.util.Set)} that builds the kept values once per distinct text of them:
     * {@code memo} (null: none; at most {@link #KEPT_MEMO_MAX} entries) maps that text to the object built, and
     * documents whose kept values read the same share it, so callers must not change it. Assets of one model show
     * the same banners: a 100,000-asset inventory's evidence had 42 distinct banner texts.
     */
    public static ObjectNode parseObjectKeeping(String text, java.util.Set<String> keys,
                                                java.util.Map<String, ObjectNode> memo) {
        if (text == null || text.isBlank()) {
            return object();
        }
        java.util.Map<String, String> kept = new java.util.LinkedHashMap<>(4);
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return object(); // not an object, or not JSON: parseObject's empty object either way
            }
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if (keys.contains(name)) {
                    int from = (int) p.currentTokenLocation().getCharOffset();
                    if (value.isStructStart()) {
                        p.skipChildren();
                    } else {
                        p.getText(); // the whole token read: the location is past it
                    }
                    kept.put(name, text.substring(from, (int) p.currentLocation().getCharOffset()));
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT) {
                return object();
            }
        } catch (IOException e) {
            return object();
        }
        if (kept.isEmpty()) {
            return object();
        }
        StringBuilder key = new StringBuilder();
        kept.forEach((name, value) -> key.append(name).append('\u0000').append(value).append('\u0000'));
        String k = key.toString();
        ObjectNode built = memo == null ? null : memo.get(k);
        if (built != null) {
            return built;
        }
        built = object();
        for (java.util.Map.Entry<String, String> e : kept.entrySet()) {
            built.set(e.getKey(), parseOrNull(e.getValue()));
        }
        if (memo != null && memo.size() < KEPT_MEMO_MAX) {
            memo.put(k, built);
        }
        return built;
    }

    public static JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
