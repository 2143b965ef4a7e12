package io.bigr.discovery.fingerprint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Numbers;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fingerprints say a device is: per {@link Field} the winning value with its certainty and source, plus
 * every fingerprint that matched. Stored in {@code raw_evidence.identity} (docs/DOMAIN.md §4.15).
 */
public record Identity(Map<Field, Attribute> attributes, List<Match> matches) {
    public static final Identity NONE = new Identity(Map.of(), List.of());

    /** One field's value and why: the fingerprint, the evidence it matched ({@code source}) and the text. */
    public record Attribute(String value, double certainty, String fingerprint, String source, String text) {
    }

    /** One fingerprint that matched one observation, and what it yielded. */
    public record Match(Fingerprint fingerprint, Observation observation, Map<Field, String> yields) {
    }

    public Identity {
        EnumMap<Field, Attribute> copy = new EnumMap<>(Field.class);
        copy.putAll(attributes);
        attributes = Collections.unmodifiableMap(copy);
        matches = List.copyOf(matches);
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    public Optional<Attribute> get(Field field) {
        return Optional.ofNullable(attributes.get(field));
    }

    public Optional<DeviceType> deviceType() {
        return get(Field.DEVICE_TYPE).flatMap(a -> DeviceType.parse(a.value()));
    }

    /**
     * {@code {"device_type": {"value", "certainty", "fingerprint", "source", "text"}, "vendor": {...}, ...,
     * "matches": [{"fingerprint", "kind", "source", "text"}]}}; fields without a value are left out.
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        attributes.forEach((field, a) -> {
            ObjectNode f = o.putObject(field.value());
            f.put("value", a.value());
            f.put("certainty", Numbers.round(a.certainty(), 4));
            f.put("fingerprint", a.fingerprint());
            f.put("source", a.source());
            f.put("text", a.text());
        });
        var list = o.putArray("matches");
        for (Match m : matches) {
            ObjectNode e = list.addObject();
            e.put("fingerprint", m.fingerprint().id());
            e.put("kind", m.observation().kind().value());
            e.put("source", m.observation().source());
            e.put("text", m.observation().text());
        }
        return o;
    }
}
