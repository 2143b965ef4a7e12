package io.bigr.discovery.fingerprint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bigr.discovery.core.BeanValidation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads fingerprint files ({@code fingerprints: [...]}) and validates every entry before anything is matched, so a
 * mistake fails at start-up with a message naming file and field. Strict like the rule files: unknown keys,
 * unknown kinds and device types, a regex that does not compile, a template that names a missing capture group,
 * an entry with no example, and an example the pattern does not match or that yields other values are all errors.
 */
final class FingerprintFiles {
    /** The bundled files in {@code src/main/resources/fingerprints}, in load order. */
    static final List<String> BUNDLED = List.of("network.yaml", "servers.yaml", "endpoints.yaml", "printers.yaml",
            "cameras.yaml", "media.yaml", "smarthome.yaml", "voip_power_building.yaml");
    private static final String RESOURCE_DIR = "/fingerprints/";
    private static final String ROOT = "fingerprints";

    private static final ObjectMapper YAML = strict(new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)));
    private static final Pattern SNAKE = Pattern.compile("(?<=[a-z])([A-Z])");

    private FingerprintFiles() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The bundled files, parsed, bound and compiled without the Bean Validation pass and the example checks: the build
     * runs both on them ({@code FingerprintFilesTest}, {@code FingerprintExamplesTest}), and at start-up they were
     * about half of loading them (docs/STACK-NOTES.md Q6).
     */
    static List<Fingerprint> bundled() {
        return bundled(false);
    }

    /** The bundled files, with every check a user's files get when {@code checked}. */
    static List<Fingerprint> bundled(boolean checked) {
        List<Fingerprint> all = new ArrayList<>();
        for (String file : BUNDLED) {
            try (InputStream in = FingerprintFiles.class.getResourceAsStream(RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new FingerprintException(file + ": bundled fingerprint file is missing from the classpath");
                }
                all.addAll(read(file, in.readAllBytes(), checked));
            } catch (IOException e) {
                throw new FingerprintException(file + ": cannot read bundled fingerprint file: " + e.getMessage());
            }
        }
        return all;
    }

    /** Every {@code *.yaml}/{@code *.yml} file of a user's folder, in name order. */
    static List<Fingerprint> directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FingerprintException("fingerprints folder not found: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new FingerprintException("cannot list fingerprints folder " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new FingerprintException("fingerprints folder " + dir + " has no .yaml files");
        }
        List<Fingerprint> all = new ArrayList<>();
        for (Path p : files) {
            String file = p.getFileName().toString();
            try {
                all.addAll(read(file, Files.readAllBytes(p)));
            } catch (IOException e) {
                throw new FingerprintException(file + ": cannot read " + p + ": " + e.getMessage());
            }
        }
        return all;
    }

    /** One file: parsed, bound, validated, compiled, and every example checked. */
    static List<Fingerprint> read(String file, byte[] content) {
        return read(file, content, true);
    }

    /** One file: parsed, bound and compiled; validated and every example checked when {@code checked}. */
    static List<Fingerprint> read(String file, byte[] content, boolean checked) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            String msg = String.valueOf(e.getOriginalMessage());
            int nl = msg.indexOf('\n');
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new FingerprintException(file + ": invalid YAML" + where + ": " + (nl < 0 ? msg : msg.substring(0, nl)));
        } catch (IOException e) {
            throw new FingerprintException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw FingerprintException.field(file, ROOT, "is required (the file is empty)");
        }
        if (!root.isObject()) {
            throw new FingerprintException(file + ": must be a mapping with a '" + ROOT + "' list");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals(ROOT)) {
                throw FingerprintException.field(file, key, "unknown key (expected only '" + ROOT + "')");
            }
        }
        JsonNode list = root.get(ROOT);
        if (list == null || !list.isArray()) {
            throw FingerprintException.field(file, ROOT, "must be a list");
        }
        List<Fingerprint> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = ROOT + "[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw FingerprintException.field(file, at, "must be a mapping");
            }
            out.add(fingerprint(file, at, bind(file, at, node, checked), checked));
        }
        return out;
    }

    private static FingerprintSpecs.Entry bind(String file, String at, JsonNode node, boolean validate) {
        FingerprintSpecs.Entry spec;
        try {
            spec = YAML.treeToValue(node, FingerprintSpecs.Entry.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> allowed = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            throw FingerprintException.field(file, at + path(e.getPath()),
                    "unknown field (allowed: " + String.join(", ", allowed) + ")");
        } catch (MismatchedInputException e) {
            Class<?> t = e.getTargetType();
            String problem = t == String.class ? "must be a string" : t == Double.class ? "must be a number"
                    : List.class.isAssignableFrom(t) ? "must be a list" : "has the wrong type";
            throw FingerprintException.field(file, at + path(e.getPath()), problem);
        } catch (JsonProcessingException e) {
            throw FingerprintException.field(file, at + (e instanceof JsonMappingException m ? path(m.getPath()) : ""),
                    e.getOriginalMessage());
        }
        if (!validate) {
            return spec;
        }
        Set<ConstraintViolation<FingerprintSpecs.Entry>> violations = BeanValidation.validator().validate(spec);
        violations.stream().min(Comparator.comparing(FingerprintFiles::order)).ifPresent(v -> {
            throw FingerprintException.field(file, at + path(v.getPropertyPath()), v.getMessage());
        });
        return spec;
    }

    private static Fingerprint fingerprint(String file, String at, FingerprintSpecs.Entry spec, boolean checked) {
        EvidenceKind kind = EvidenceKind.parse(spec.kind().strip()).orElseThrow(() -> FingerprintException.field(file,
                at + ".kind", "unknown evidence kind '" + spec.kind() + "' (expected one of "
                        + EvidenceKind.allValues() + ")"));
        Pattern pattern;
        try {
            pattern = Pattern.compile(spec.pattern(), Fingerprint.FLAGS);
        } catch (PatternSyntaxException e) {
            throw FingerprintException.field(file, at + ".pattern", "invalid regex '" + spec.pattern() + "': "
                    + e.getDescription() + " near index " + e.getIndex());
        }
        if (spec.deviceType() != null && DeviceType.parse(spec.deviceType().strip()).isEmpty()) {
            throw FingerprintException.field(file, at + ".device_type", "unknown device type '" + spec.deviceType()
                    + "' (expected one of " + DeviceType.allValues() + ")");
        }
        Map<Field, String> yields = fields(spec.deviceType(), spec.vendor(), spec.product(), spec.version(),
                spec.os(), spec.osVersion());
        if (yields.isEmpty()) {
            throw FingerprintException.field(file, at, "yields nothing: give at least one of device_type, vendor, "
                    + "product, version, os, os_version");
        }
        int groups = pattern.matcher("").groupCount();
        for (Map.Entry<Field, String> y : yields.entrySet()) {
            int g = Fingerprint.highestGroup(y.getValue());
            if (g > groups) {
                throw FingerprintException.field(file, at + "." + y.getKey().value(), "refers to capture group {"
                        + g + "} but the pattern has " + groups);
            }
        }
        List<Fingerprint.Example> examples = new ArrayList<>();
        for (FingerprintSpecs.Example e : spec.examples()) {
            Map<Field, String> expect = fields(e.deviceType(), e.vendor(), e.product(), e.version(), e.os(),
                    e.osVersion());
            examples.add(new Fingerprint.Example(e.text(), expect));
        }
        Fingerprint fp = new Fingerprint(spec.id(), file, kind, pattern,
                spec.description() == null ? null : spec.description().strip(), yields, spec.certainty(), examples);
        for (int i = 0; checked && i < examples.size(); i++) {
            String problem = check(fp, examples.get(i));
            if (problem != null) {
                throw FingerprintException.field(file, at + ".examples[" + i + "]", problem);
            }
        }
        return fp;
    }

    /** Null when the example matches and yields what it expects; otherwise what is wrong. */
    static String check(Fingerprint fp, Fingerprint.Example example) {
        Map<Field, String> got = fp.match(example.text()).orElse(null);
        if (got == null) {
            return "text '" + example.text() + "' does not match pattern '" + fp.pattern().pattern() + "'";
        }
        for (Map.Entry<Field, String> e : example.expect().entrySet()) {
            if (!Objects.equals(e.getValue(), got.get(e.getKey()))) {
                return e.getKey().value() + ": expected '" + e.getValue() + "' but the pattern yields "
                        + (got.get(e.getKey()) == null ? "nothing" : "'" + got.get(e.getKey()) + "'");
            }
        }
        return null;
    }

    private static Map<Field, String> fields(String deviceType, String vendor, String product, String version,
                                             String os, String osVersion) {
        Map<Field, String> m = new EnumMap<>(Field.class);
        put(m, Field.DEVICE_TYPE, deviceType);
        put(m, Field.VENDOR, vendor);
        put(m, Field.PRODUCT, product);
        put(m, Field.VERSION, version);
        put(m, Field.OS, os);
        put(m, Field.OS_VERSION, osVersion);
        return m;
    }

    private static void put(Map<Field, String> m, Field f, String v) {
        if (v != null && !v.isBlank()) {
            m.put(f, v.strip());
        }
    }

    /** Declaration order first, so an entry with several problems reports the same one a reader would. */
    private static String order(ConstraintViolation<?> v) {
        String first = v.getPropertyPath().iterator().next().getName();
        RecordComponent[] components = FingerprintSpecs.Entry.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(first)) {
                return (char) ('a' + i) + v.getPropertyPath().toString();
            }
        }
        return "~" + v.getPropertyPath();
    }

    /** {@code examples[0].text} / {@code deviceType} as the YAML path: {@code .examples[0].text}, {@code .device_type}. */
    private static String path(jakarta.validation.Path property) {
        StringBuilder sb = new StringBuilder();
        for (jakarta.validation.Path.Node node : property) {
            if (node.isInIterable() && node.getIndex() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                }
            } else if (node.getName() != null) {
                sb.append('.').append(SNAKE.matcher(node.getName()).replaceAll("_$1").toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
