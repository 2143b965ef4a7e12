package io.bigr.discovery.classify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bigr.discovery.core.BigrCategory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the four rule files (docs/DOMAIN.md §4.6–§4.9) from the bundled resources or a user's directory and validates
 * every field before anything is scored, so a mistake fails at start-up with a message naming file and field
 * ({@code hostname_rules.yaml: rules[2].pattern: invalid regex ...}). Strict on purpose: unknown keys are errors
 * (a typo such as {@code include_al} would otherwise silently change what a rule matches), and a missing file in a
 * user's directory is a configuration error rather than the §4.13 built-in fallback.
 */
final class RuleFiles {
    static final String PORT = "port_rules.yaml";
    static final String VENDOR = "vendor_rules.yaml";
    static final String HOSTNAME = "hostname_rules.yaml";
    static final String SERVICE = "service_rules.yaml";
    static final List<String> ALL = List.of(PORT, VENDOR, HOSTNAME, SERVICE);
    private static final String RESOURCE_DIR = "/rules/";

    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private RuleFiles() {
    }

    /** The rules shipped in the jar ({@code src/main/resources/rules}). */
    static RuleSet bundled() {
        return load(file -> {
            try (InputStream in = RuleFiles.class.getResourceAsStream(RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new RuleException(file + ": bundled rule file is missing from the classpath");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new RuleException(file + ": cannot read bundled rule file: " + e.getMessage());
            }
        });
    }

    /** A user's rules directory; it must contain all four files. */
    static RuleSet directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleException("rules directory not found: " + dir);
        }
        return load(file -> {
            Path path = dir.resolve(file);
            try {
                return Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new RuleException(file + ": missing from rules directory " + dir
                        + " (a rules directory must contain " + String.join(", ", ALL) + ")");
            } catch (IOException e) {
                throw new RuleException(file + ": cannot read " + path + ": " + e.getMessage());
            }
        });
    }

    /** All four files are read before any is validated, so a missing file is reported before a bad field. */
    private static RuleSet load(Function<String, byte[]> source) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        ALL.forEach(file -> content.put(file, source.apply(file)));
        return new RuleSet(
                rules(PORT, content.get(PORT), Set.of("name", "description", "include_all", "include_any",
                        "exclude", "scores"), RuleFiles::portRule),
                rules(VENDOR, content.get(VENDOR), Set.of("name", "keywords", "scores"), RuleFiles::vendorRule),
                rules(HOSTNAME, content.get(HOSTNAME), Set.of("name", "pattern", "scores"), RuleFiles::hostnameRule),
                rules(SERVICE, content.get(SERVICE), Set.of("name", "description", "contains", "scores"),
                        RuleFiles::serviceRule));
    }

    /** One rule node with its location, for messages. */
    private record Field(String file, String path, JsonNode node) {
        RuleException error(String problem) {
            return RuleException.field(file, path, problem);
        }

        Field child(String key) {
            return new Field(file, path + "." + key, node.get(key));
        }

        boolean has(String key) {
            JsonNode v = node.get(key);
            return v != null && !v.isNull();
        }
    }

    @FunctionalInterface
    private interface RuleReader<T> {
        T read(Field rule);
    }

    static <T> List<T> rules(String file, byte[] in, Set<String> allowedKeys, RuleReader<T> reader) {
        JsonNode root = parse(file, in);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw RuleException.field(file, "rules", "is required (the file is empty)");
        }
        if (!root.isObject()) {
            throw new RuleException(file + ": must be a mapping with a 'rules' list");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("rules")) {
                throw RuleException.field(file, key, "unknown key (expected only 'rules')");
            }
        }
        JsonNode list = root.get("rules");
        if (list == null || list.isNull()) {
            throw RuleException.field(file, "rules", "is required");
        }
        if (!list.isArray()) {
            throw RuleException.field(file, "rules", "must be a list");
        }
        List<T> out = new ArrayList<>(list.size());
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Field rule = new Field(file, "rules[" + i + "]", list.get(i));
            if (!rule.node().isObject()) {
                throw rule.error("must be a mapping");
            }
            for (Iterator<String> keys = rule.node().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!allowedKeys.contains(key)) {
                    throw rule.child(key).error("unknown field (allowed: " + String.join(", ", sorted(allowedKeys))
                            + ")");
                }
            }
            String name = text(rule.child("name"), true);
            if (!names.add(name)) {
                throw rule.child("name").error("duplicate rule name '" + name + "'");
            }
            out.add(reader.read(rule));
        }
        return List.copyOf(out);
    }

    private static JsonNode parse(String file, byte[] in) {
        try {
            return YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new RuleException(file + ": invalid YAML" + yamlProblem(e));
        } catch (IOException e) {
            throw new RuleException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** " at line L, column C: problem" on one line (SnakeYAML's own messages span several lines with excerpts). */
    private static String yamlProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
                return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                        + m.getProblem() + context;
            }
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int nl = problem.indexOf('\n');
        return where + ": " + (nl < 0 ? problem : problem.substring(0, nl));
    }

    private static PortRule portRule(Field rule) {
        Set<Integer> all = ports(rule, "include_all");
        Set<Integer> any = ports(rule, "include_any");
        if (all.isEmpty() && any.isEmpty()) {
            throw rule.error("needs include_all or include_any");
        }
        return new PortRule(text(rule.child("name"), true), optionalText(rule, "description"), all, any,
                ports(rule, "exclude"), weights(rule));
    }

    private static VendorRule vendorRule(Field rule) {
        return new VendorRule(text(rule.child("name"), true), strings(rule, "keywords"), weights(rule));
    }

    private static HostnameRule hostnameRule(Field rule) {
        Field field = rule.child("pattern");
        String regex = text(field, false);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, HostnameRule.FLAGS);
        } catch (PatternSyntaxException e) {
            throw field.error("invalid regex '" + regex + "': " + e.getDescription() + " near index " + e.getIndex());
        }
        return new HostnameRule(text(rule.child("name"), true), pattern, weights(rule));
    }

    private static ServiceRule serviceRule(Field rule) {
        return new ServiceRule(text(rule.child("name"), true), optionalText(rule, "description"),
                strings(rule, "contains"), weights(rule));
    }

    private static String text(Field field, boolean trim) {
        JsonNode n = field.node();
        if (n == null || n.isNull()) {
            throw field.error("is required");
        }
        if (!n.isTextual()) {
            throw field.error("must be a string");
        }
        String s = trim ? n.asText().trim() : n.asText();
        if (s.isBlank()) {
            throw field.error("must not be empty");
        }
        return s;
    }

    private static String optionalText(Field rule, String key) {
        return rule.has(key) ? text(rule.child(key), true) : null;
    }

    private static List<String> strings(Field rule, String key) {
        Field field = rule.child(key);
        JsonNode n = field.node();
        if (n == null || n.isNull()) {
            throw field.error("is required");
        }
        if (!n.isArray() || n.isEmpty()) {
            throw field.error("must be a non-empty list of strings");
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(text(new Field(field.file(), field.path() + "[" + i + "]", n.get(i)), false));
        }
        return out;
    }

    /** An optional port list: absent means "condition not given"; present must be a non-empty list of ports. */
    private static Set<Integer> ports(Field rule, String key) {
        if (!rule.has(key)) {
            return Set.of();
        }
        Field field = rule.child(key);
        JsonNode n = field.node();
        if (!n.isArray() || n.isEmpty()) {
            throw field.error("must be a non-empty list of ports");
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode p = n.get(i);
            if (!p.isIntegralNumber() || !p.canConvertToInt() || p.intValue() < 0 || p.intValue() > 65535) {
                throw RuleException.field(field.file(), field.path() + "[" + i + "]",
                        "must be a port number 0-65535, got " + p);
            }
            out.add(p.intValue());
        }
        return out;
    }

    private static Weights weights(Field rule) {
        Field field = rule.child("scores");
        JsonNode n = field.node();
        if (n == null || n.isNull()) {
            throw field.error("is required");
        }
        if (!n.isObject() || n.isEmpty()) {
            throw field.error("must map at least one category (" + BigrCategory.taggableValues() + ") to a weight");
        }
        Map<BigrCategory, Double> out = new EnumMap<>(BigrCategory.class);
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            Field weight = field.child(e.getKey());
            BigrCategory category = BigrCategory.TAGGABLE.stream().filter(c -> c.value().equals(e.getKey()))
                    .findFirst()
                    .orElseThrow(() -> weight.error("unknown category (expected one of "
                            + BigrCategory.taggableValues() + ")"));
            JsonNode w = e.getValue();
            if (!w.isNumber()) {
                throw weight.error("must be a number");
            }
            double v = w.doubleValue();
            if (!Double.isFinite(v) || v < 0) {
                throw weight.error("must be a finite number >= 0, got " + w);
            }
            out.put(category, v);
        }
        return new Weights(out);
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
