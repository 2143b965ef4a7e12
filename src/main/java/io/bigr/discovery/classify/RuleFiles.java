package io.bigr.discovery.classify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.bigr.discovery.core.BeanValidation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
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

    private static final ObjectMapper YAML = strict(new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)));
    private static final Set<String> PORT_LISTS = Set.of("include_all", "include_any", "exclude");
    private static final java.util.regex.Pattern SNAKE = java.util.regex.Pattern.compile("(?<=[a-z])([A-Z])");

    /** No coercion: a name of 5, a weight of '0.5' or a port of 1.5 is an error, not a guess. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private RuleFiles() {
    }

    /**
     * The rules shipped in the jar ({@code src/main/resources/rules}), parsed and bound without the Bean Validation
     * pass: the build checks them with it ({@code RuleFilesTest}), and at start-up it was about half of loading them
     * (docs/STACK-NOTES.md Q6). Everything else (types, unknown keys, names, patterns) is checked as for a user's files.
     */
    static RuleSet bundled() {
        return bundled(false);
    }

    /** The bundled rules, with every check a user's files get when {@code validate}. */
    static RuleSet bundled(boolean validate) {
        return load(validate, file -> {
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
        return load(true, file -> {
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
    private static RuleSet load(boolean validate, Function<String, byte[]> source) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        ALL.forEach(file -> content.put(file, source.apply(file)));
        return new RuleSet(
                rules(PORT, content.get(PORT), RuleSpecs.Port.class, RuleFiles::portRule, PortRule::name, validate),
                rules(VENDOR, content.get(VENDOR), RuleSpecs.Vendor.class, RuleFiles::vendorRule, VendorRule::name,
                        validate),
                rules(HOSTNAME, content.get(HOSTNAME), RuleSpecs.Hostname.class, RuleFiles::hostnameRule,
                        HostnameRule::name, validate),
                rules(SERVICE, content.get(SERVICE), RuleSpecs.Service.class, RuleFiles::serviceRule,
                        ServiceRule::name, validate));
    }

    /** Where a rule came from, for messages: {@code port_rules.yaml: rules[2]}. */
    private record At(String file, String path, JsonNode node) {
        RuleException error(String problem) {
            return RuleException.field(file, path, problem);
        }

        At child(String key) {
            return new At(file, path + "." + key, node == null ? null : node.get(key));
        }
    }

    @FunctionalInterface
    private interface RuleReader<S, T> {
        T read(S spec, At rule);
    }

    static <S, T> List<T> rules(String file, byte[] in, Class<S> spec, RuleReader<S, T> reader,
                                Function<T, String> ruleName, boolean validate) {
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
            At rule = new At(file, "rules[" + i + "]", list.get(i));
            if (!rule.node().isObject()) {
                throw rule.error("must be a mapping");
            }
            S bound = bind(rule, spec, validate);
            T read = reader.read(bound, rule);
            String name = ruleName.apply(read);
            if (!names.add(name)) {
                throw rule.child("name").error("duplicate rule name '" + name + "'");
            }
            out.add(read);
        }
        return List.copyOf(out);
    }

    /**
     * Jackson binds (type errors, unknown keys), then Bean Validation checks (when {@code validate}); the first
     * problem is thrown.
     */
    private static <S> S bind(At rule, Class<S> type, boolean validate) {
        S spec;
        try {
            spec = YAML.treeToValue(rule.node(), type);
        } catch (UnrecognizedPropertyException e) {
            List<String> allowed = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            throw at(rule, e.getPath()).error("unknown field (allowed: " + String.join(", ", allowed) + ")");
        } catch (MismatchedInputException e) {
            At field = at(rule, e.getPath());
            throw field.error(typeProblem(field, e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw at(rule, e instanceof JsonMappingException m ? m.getPath() : List.of())
                    .error(e.getOriginalMessage());
        }
        if (!validate) {
            return spec;
        }
        Set<ConstraintViolation<S>> violations = BeanValidation.validator().validate(spec);
        violations.stream().min(Comparator.comparing(v -> order(type, v))).ifPresent(v -> {
            throw new At(rule.file(), rule.path() + path(v.getPropertyPath()), null)
                    .error(v.getMessage().replace("{categories}", BigrCategory.taggableValues()));
        });
        return spec;
    }

    /** Field declaration order first, so a rule with several problems reports the same one as a reader would. */
    private static String order(Class<?> type, ConstraintViolation<?> v) {
        String first = v.getPropertyPath().iterator().next().getName();
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(first)) {
                return (char) ('a' + i) + v.getPropertyPath().toString();
            }
        }
        return "~" + v.getPropertyPath();
    }

    /** {@code includeAny[1]} / {@code scores[iot]} as the YAML path: {@code .include_any[1]} / {@code .scores.iot}. */
    private static String path(jakarta.validation.Path property) {
        StringBuilder sb = new StringBuilder();
        for (jakarta.validation.Path.Node node : property) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    sb.append('.').append(node.getKey());
                }
            } else if (node.getName() != null) {
                sb.append('.').append(SNAKE.matcher(node.getName()).replaceAll("_$1").toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    private static At at(At rule, List<JsonMappingException.Reference> refs) {
        At at = rule;
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                at = at.child(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                JsonNode n = at.node() == null ? null : at.node().get(ref.getIndex());
                at = new At(at.file(), at.path() + "[" + ref.getIndex() + "]", n);
            }
        }
        return at;
    }

    /** What a value of the wrong YAML type is told, by the type the field expects. */
    private static String typeProblem(At field, Class<?> target) {
        String key = field.path().substring(field.path().lastIndexOf('.') + 1);
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Double.class || target == double.class) {
            return RuleSpecs.NUMBER;
        }
        if (target == Integer.class || target == int.class) {
            return "must be a port number 0-65535, got " + field.node();
        }
        if (Map.class.isAssignableFrom(target)) {
            return RuleSpecs.SCORES.replace("{categories}", BigrCategory.taggableValues());
        }
        if (Collection.class.isAssignableFrom(target)) {
            return PORT_LISTS.contains(key) ? RuleSpecs.PORTS : RuleSpecs.STRINGS;
        }
        return "has the wrong type";
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

    private static PortRule portRule(RuleSpecs.Port spec, At rule) {
        if (spec.includeAll() == null && spec.includeAny() == null) {
            throw rule.error("needs include_all or include_any");
        }
        return new PortRule(spec.name().trim(), trim(spec.description()), ports(spec.includeAll()),
                ports(spec.includeAny()), ports(spec.exclude()), weights(spec.scores(), rule.child("scores")));
    }

    private static VendorRule vendorRule(RuleSpecs.Vendor spec, At rule) {
        return new VendorRule(spec.name().trim(), spec.keywords(), weights(spec.scores(), rule.child("scores")));
    }

    private static HostnameRule hostnameRule(RuleSpecs.Hostname spec, At rule) {
        String regex = spec.pattern();
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, HostnameRule.FLAGS);
        } catch (PatternSyntaxException e) {
            throw rule.child("pattern").error("invalid regex '" + regex + "': " + e.getDescription() + " near index "
                    + e.getIndex());
        }
        return new HostnameRule(spec.name().trim(), pattern, weights(spec.scores(), rule.child("scores")));
    }

    private static ServiceRule serviceRule(RuleSpecs.Service spec, At rule) {
        return new ServiceRule(spec.name().trim(), trim(spec.description()), spec.contains(),
                weights(spec.scores(), rule.child("scores")));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static Set<Integer> ports(List<Integer> ports) {
        return ports == null ? Set.of() : new LinkedHashSet<>(ports);
    }

    private static Weights weights(Map<String, Double> scores, At field) {
        Map<BigrCategory, Double> out = new EnumMap<>(BigrCategory.class);
        scores.forEach((key, weight) -> {
            BigrCategory category = BigrCategory.TAGGABLE.stream().filter(c -> c.value().equals(key)).findFirst()
                    .orElseThrow(() -> field.child(key).error("unknown category (expected one of "
                            + BigrCategory.taggableValues() + ")"));
            if (!Double.isFinite(weight)) {
                throw field.child(key).error("must be a finite number >= 0, got " + weight);
            }
            out.put(category, weight);
        });
        return new Weights(out);
    }
}
