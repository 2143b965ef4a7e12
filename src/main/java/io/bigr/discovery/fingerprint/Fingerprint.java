package io.bigr.discovery.fingerprint;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the fingerprint database: a case-insensitive regex over one {@link EvidenceKind} of text (found
 * anywhere unless anchored with {@code ^}/{@code $} as written) and what a match says about the device. Yielded
 * values may hold {@code {1}}..{@code {9}}, replaced by that capture group; a field whose group did not take part in
 * the match is not yielded. {@code vendor} is the device's maker (it may fill an unknown MAC vendor), never a
 * software author: OpenSSH on a Dell server yields a product, not a vendor.
 *
 * @param file     the file it was loaded from (for messages and coverage)
 * @param yields   field → template; {@link Field#DEVICE_TYPE} holds a {@link DeviceType} wire value
 * @param examples real strings the fingerprint must match, with the fields each must yield
 */
public record Fingerprint(String id, String file, EvidenceKind kind, Pattern pattern, String description,
                          Map<Field, String> yields, double certainty, List<Example> examples) {
    static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern GROUP = Pattern.compile("\\{(\\d)}");

    /** A text the fingerprint must match, and the values it must yield from it. */
    public record Example(String text, Map<Field, String> expect) {
        public Example {
            expect = copy(expect);
        }
    }

    public Fingerprint {
        yields = copy(yields);
        examples = List.copyOf(examples);
    }

    public Optional<DeviceType> deviceType() {
        String t = yields.get(Field.DEVICE_TYPE);
        return t == null ? Optional.empty() : DeviceType.parse(t);
    }

    /** What this fingerprint says about {@code text}, or empty when it does not match. */
    public Optional<Map<Field, String>> match(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        Map<Field, String> out = new EnumMap<>(Field.class);
        yields.forEach((field, template) -> {
            String value = fill(template, m);
            if (value != null && !value.isBlank()) {
                out.put(field, value.strip());
            }
        });
        return Optional.of(out);
    }

    static Map<Field, String> copy(Map<Field, String> map) {
        Map<Field, String> out = new EnumMap<>(Field.class);
        out.putAll(map);
        return Collections.unmodifiableMap(out);
    }

    /** The highest capture group a template refers to (0 when none). */
    static int highestGroup(String template) {
        int max = 0;
        Matcher g = GROUP.matcher(template);
        while (g.find()) {
            max = Math.max(max, Integer.parseInt(g.group(1)));
        }
        return max;
    }

    private static String fill(String template, Matcher m) {
        Matcher g = GROUP.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (g.find()) {
            String captured = m.group(Integer.parseInt(g.group(1)));
            if (captured == null || captured.isBlank()) {
                return null;
            }
            g.appendReplacement(sb, Matcher.quoteReplacement(captured.strip()));
        }
        g.appendTail(sb);
        return sb.toString();
    }
}
