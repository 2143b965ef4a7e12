package io.bigr.discovery.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The field deserializers of the scan-result input ({@link ScanResultJson}): each reads the field's JSON value and
 * either converts it or fails with a short problem text ("must be a string") that {@link ScanResultJson} reports
 * against the field's path. Jackson's own coercions (number to string, float to int, "true" to boolean) are not
 * used: a field accepts exactly the JSON types listed on its deserializer. A JSON null never reaches these
 * (Jackson gives null, and the codec applies the field's default).
 */
final class StrictJson {
    private StrictJson() {
    }

    /** Reads the value as a tree and converts it; a problem becomes a path-carrying mapping exception. */
    abstract static class NodeDeserializer<T> extends StdDeserializer<T> {
        private static final long serialVersionUID = 1L;

        NodeDeserializer(Class<?> type) {
            super(type);
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return convert(ctx.readTree(p), p, ctx);
        }

        abstract T convert(JsonNode node, JsonParser p, DeserializationContext ctx) throws IOException;

        static MismatchedInputException problem(JsonParser p, String problem) {
            return MismatchedInputException.from(p, (Class<?>) null, problem);
        }
    }

    /** A JSON string only. */
    static final class Text extends NodeDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Text() {
            super(String.class);
        }

        @Override
        String convert(JsonNode n, JsonParser p, DeserializationContext ctx) throws IOException {
            if (!n.isTextual()) {
                throw problem(p, "must be a string");
            }
            return n.textValue();
        }
    }

    /** {@code passive}, {@code active} or {@code hybrid} in any case, as text of any scalar. */
    static final class Method extends NodeDeserializer<ScanMethod> {
        private static final long serialVersionUID = 1L;

        Method() {
            super(ScanMethod.class);
        }

        @Override
        ScanMethod convert(JsonNode n, JsonParser p, DeserializationContext ctx) throws IOException {
            return ScanMethod.parse(n.asText()).orElseThrow(
                    () -> problem(p, "must be passive, active or hybrid, got " + InputBounds.quote(n.asText())));
        }
    }

    /** Any ISO-8601 date-time {@link Timestamps#parse} reads; blank text is no time. */
    static final class Time extends NodeDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        Time() {
            super(Instant.class);
        }

        @Override
        Instant convert(JsonNode n, JsonParser p, DeserializationContext ctx) throws IOException {
            try {
                return Timestamps.parse(n.asText());
            } catch (IllegalArgumentException e) {
                throw problem(p, "must be an ISO-8601 timestamp, got " + InputBounds.quote(n.asText()));
            }
        }
    }

    /** A boolean, or an int where non-zero is true. */
    static final class Flag extends NodeDeserializer<Boolean> {
        private static final long serialVersionUID = 1L;

        Flag() {
            super(Boolean.class);
        }

        @Override
        Boolean convert(JsonNode n, JsonParser p, DeserializationContext ctx) throws IOException {
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            if (n.isInt()) {
                return n.intValue() != 0;
            }
            throw problem(p, "must be a boolean");
        }
    }

    /** An array of integers 0-65535; the bad element is named by its index. */
    static final class Ports extends NodeDeserializer<List<Integer>> {
        private static final long serialVersionUID = 1L;

        Ports() {
            super(List.class);
        }

        @Override
        List<Integer> convert(JsonNode n, JsonParser p, DeserializationContext ctx) throws IOException {
            if (!n.isArray()) {
                throw problem(p, "must be an array of port numbers");
            }
            List<Integer> ports = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                JsonNode port = n.get(i);
                if (!port.canConvertToInt() || !port.isIntegralNumber() || port.intValue() < 0
                        || port.intValue() > 65535) {
                    MismatchedInputException e = problem(p, "must be an integer 0-65535");
                    e.prependPath(ports, i);
                    throw e;
                }
                ports.add(port.intValue());
            }
            return ports;
        }
    }

    /** A number between 0.0 and 1.0. */
    static final class Score extends NodeDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        Score() {
            super(Double.class);
        }

        @Override
        Double convert(JsonNode n, JsonParser p, DeserializationContext ctx) throws IOException {
            if (!n.isNumber() || n.doubleValue() < 0.0 || n.doubleValue() > 1.0) {
                throw problem(p, "must be a number between 0.0 and 1.0");
            }
            return n.doubleValue();
        }
    }

    /** A JSON object, kept as a tree. */
    static final class Evidence extends NodeDeserializer<ObjectNode> {
        private static final long serialVersionUID = 1L;

        Evidence() {
            super(ObjectNode.class);
        }

        @Override
        ObjectNode convert(JsonNode n, JsonParser p, DeserializationContext ctx) throws IOException {
            if (!(n instanceof ObjectNode o)) {
                throw problem(p, "must be an object");
            }
            return o;
        }
    }

    /** Lenient, as it always was: a number that fits an int (a fraction is truncated); anything else is no index. */
    static final class PortIndex extends NodeDeserializer<Integer> {
        private static final long serialVersionUID = 1L;

        PortIndex() {
            super(Integer.class);
        }

        @Override
        Integer convert(JsonNode n, JsonParser p, DeserializationContext ctx) {
            return n.canConvertToInt() ? n.intValue() : null;
        }
    }

    /** Lenient: an object is the scan's details, anything else is none. */
    static final class Details extends NodeDeserializer<ObjectNode> {
        private static final long serialVersionUID = 1L;

        Details() {
            super(ObjectNode.class);
        }

        @Override
        ObjectNode convert(JsonNode n, JsonParser p, DeserializationContext ctx) {
            return n instanceof ObjectNode o ? o : null;
        }
    }

    /** An array of asset objects; a bad element is named by its index. */
    static final class Assets extends NodeDeserializer<List<ScanResultJson.AssetInput>> {
        private static final long serialVersionUID = 1L;

        Assets() {
            super(List.class);
        }

        @Override
        List<ScanResultJson.AssetInput> convert(JsonNode n, JsonParser p, DeserializationContext ctx)
                throws IOException {
            if (!n.isArray()) {
                throw problem(p, "must be an array");
            }
            List<ScanResultJson.AssetInput> assets = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                JsonNode element = n.get(i);
                try {
                    if (!element.isObject()) {
                        throw problem(p, "must be an object");
                    }
                    assets.add(ctx.readTreeAsValue(element, ScanResultJson.AssetInput.class));
                } catch (JsonMappingException e) {
                    e.prependPath(assets, i);
                    throw e;
                }
            }
            return assets;
        }
    }
}
