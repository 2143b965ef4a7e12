package io.bigr.discovery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the Jersey resources (swagger-core's JAX-RS reader:
 * every route, path and query parameter, typed request and response bodies), then completed from
 * {@code openapi/shapes.yaml} with the shapes the Java types cannot state (pages, maps, streams), the one error
 * shape on every operation (docs/DOMAIN.md §6.2) and the bearer-token scheme. Paths are relative to the server URL
 * {@code /api}. Operation ids are {@code method + path} in camel case ({@code getScansById}), stable for generated
 * clients.
 */
public final class OpenApiDocs {
    public static final String SHAPES = "openapi/shapes.yaml";
    /** Swagger UI's webjar version (pom.xml {@code swagger-ui.version}); OpenApiDocsTest checks the files exist. */
    public static final String SWAGGER_UI_VERSION = "5.34.1";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static boolean resolverInstalled;

    private OpenApiDocs() {
    }

    /** The document for these resource classes, as a JSON tree. */
    public static ObjectNode build(Collection<Class<?>> resources, ObjectMapper appMapper, String version) {
        installResolver(appMapper);
        OpenAPI base = new OpenAPI(SpecVersion.V31).openapi("3.1.0")
                .info(new Info().title("BİGR Discovery API").version(version).description(
                        "Network asset inventory: scans, assets, changes, subnets, switches, certificates and reports."
                                + " JSON keys are snake_case; errors are {\"error\", \"code\"} (plus \"field\" or"
                                + " \"log_id\"). Writes always need a bearer token; reads too when the server says so."))
                .servers(List.of(new Server().url("/api")))
                .components(new Components().addSecuritySchemes("bearerAuth", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token; the server keeps only its SHA-256 digest (bigr token new).")))
                .addSecurityItem(new SecurityRequirement().addList("bearerAuth"));
        Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).openAPI31(true).readAllResources(true));
        OpenAPI api = reader.read(new LinkedHashSet<>(resources));
        ObjectNode doc = Json31.mapper().valueToTree(api);
        nullables(doc, resources, appMapper);
        complete(doc, shapes());
        return doc;
    }

    /**
     * Swagger writes a Java reference type as a plain type; the API writes null for it when absent. Every generated
     * schema of a class reachable from the resources gets {@code [type, "null"]} on its properties of a non-primitive
     * Java type, named as the API's mapper names them.
     */
    private static void nullables(ObjectNode doc, Collection<Class<?>> resources, ObjectMapper mapper) {
        Map<String, Class<?>> classes = new java.util.HashMap<>();
        java.util.Deque<java.lang.reflect.Type> todo = new java.util.ArrayDeque<>();
        for (Class<?> r : resources) {
            for (java.lang.reflect.Method m : r.getMethods()) {
                todo.add(m.getGenericReturnType());
                todo.addAll(List.of(m.getGenericParameterTypes()));
                todo.addAll(documentedBodies(m));
            }
        }
        while (!todo.isEmpty() && classes.size() < 500) {
            com.fasterxml.jackson.databind.JavaType t = mapper.getTypeFactory().constructType(todo.pop());
            for (int i = 0; i < t.containedTypeCount(); i++) {
                todo.add(t.containedType(i));
            }
            if (t.getContentType() != null) {
                todo.add(t.getContentType());
            }
            Class<?> raw = t.getRawClass();
            if (raw.isPrimitive() || raw.getName().startsWith("java.") || raw.getPackageName().startsWith("jakarta")
                    || classes.putIfAbsent(raw.getSimpleName(), raw) != null) {
                continue;
            }
            for (var p : mapper.getSerializationConfig().introspect(t).findProperties()) {
                todo.add(p.getPrimaryType());
            }
        }
        ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
        if (schemas.isMissingNode()) {
            return;
        }
        for (Map.Entry<String, Class<?>> e : classes.entrySet()) {
            JsonNode props = schemas.path(e.getKey()).path("properties");
            if (!(props instanceof ObjectNode properties)) {
                continue;
            }
            var type = mapper.getTypeFactory().constructType(e.getValue());
            for (var p : mapper.getSerializationConfig().introspect(type).findProperties()) {
                if (!p.getRawPrimaryType().isPrimitive() && properties.get(p.getName()) instanceof ObjectNode prop) {
                    nullable(prop);
                }
            }
        }
    }

    /** The classes a streamed route names as its body's schema ({@code @Operation} responses' {@code @Schema}). */
    private static List<Class<?>> documentedBodies(java.lang.reflect.Method m) {
        io.swagger.v3.oas.annotations.Operation op = m.getAnnotation(io.swagger.v3.oas.annotations.Operation.class);
        if (op == null) {
            return List.of();
        }
        List<Class<?>> bodies = new java.util.ArrayList<>();
        for (var response : op.responses()) {
            for (var content : response.content()) {
                if (content.schema().implementation() != Void.class) {
                    bodies.add(content.schema().implementation());
                }
            }
        }
        return bodies;
    }

    private static void nullable(ObjectNode prop) {
        JsonNode type = prop.get("type");
        if (type != null && type.isTextual()) {
            prop.set("type", prop.arrayNode().add(type.asText()).add("null"));
        } else if (type != null && type.isArray()) {
            ArrayNode types = (ArrayNode) type;
            boolean has = false;
            for (JsonNode t : types) {
                has |= t.asText().equals("null");
            }
            if (!has) {
                types.add("null");
            }
        } else if (prop.has("$ref")) {
            ObjectNode ref = prop.objectNode().put("$ref", prop.get("$ref").asText());
            prop.remove("$ref");
            prop.set("anyOf", prop.arrayNode().add(ref).add(prop.objectNode().put("type", "null")));
        }
    }

    public static String yaml(JsonNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Schemas resolve snake_case and key order exactly as the API's own mapper writes them. */
    private static synchronized void installResolver(ObjectMapper appMapper) {
        if (!resolverInstalled) {
            ModelConverters.getInstance(true).addConverter(new ModelResolver(appMapper.copy()).openapi31(true));
            resolverInstalled = true;
        }
    }

    static JsonNode shapes() {
        try (InputStream in = OpenApiDocs.class.getClassLoader().getResourceAsStream(SHAPES)) {
            if (in == null) {
                throw new IllegalStateException(SHAPES + " is missing from the classpath");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void complete(ObjectNode doc, JsonNode shapes) {
        ObjectNode schemas = doc.with("components").with("schemas");
        shapes.path("schemas").properties().forEach(e -> schemas.set(e.getKey(), e.getValue()));
        Set<String> operationIds = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                ObjectNode operation = (ObjectNode) op.getValue();
                String key = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                operation.put("operationId", unique(operationIds, operationId(op.getKey(), path.getKey())));
                String segment = path.getKey().split("/")[1];
                operation.set("tags", doc.arrayNode().add(segment));
                describe(operation, key, shapes.path("operations").path(key), path.getKey().contains("{"));
                if (key.equals("GET /health")) {
                    operation.set("security", doc.arrayNode()); // open for load balancers
                }
            }
        }
    }

    private static void describe(ObjectNode operation, String key, JsonNode shape, boolean hasPathParameter) {
        ObjectNode responses = operation.with("responses");
        JsonNode generated = responses.remove("default");
        if (!shape.isMissingNode()) {
            String status = shape.path("status").asText("200");
            responses.set(status, response(operation, "Success", shape.path("schema").asText(null),
                    shape.path("media")));
            shape.path("also").properties().forEach(e -> responses.set(e.getKey(),
                    response(operation, "See the body's status", e.getValue().asText(), null)));
            if (shape.has("request")) {
                ObjectNode body = operation.objectNode().put("required", true);
                body.with("content").with("application/json").set("schema", ref(operation, shape.path("request").asText()));
                operation.set("requestBody", body);
            }
        } else if (generated != null) {
            responses.set("200", ((ObjectNode) generated).put("description", "Success"));
        }
        error(responses, "400", "Malformed query, path value or JSON (names the field)");
        error(responses, "401", "No or invalid bearer token (WWW-Authenticate: Bearer)");
        if (hasPathParameter) {
            error(responses, "404", "No such thing");
        }
        if (operation.has("requestBody")) {
            error(responses, "422", "A body that parses but has a bad field (names it, e.g. assets[3].open_ports[0])");
        }
        error(responses, "500", "Unexpected failure; the body's log_id finds the stack trace in the server log");
        error(responses, "503", "Database unreachable (Retry-After)");
        if (key.equals("GET /health")) {
            responses.remove("401");
        }
    }

    private static ObjectNode response(ObjectNode factory, String description, String schema, JsonNode media) {
        ObjectNode r = factory.objectNode().put("description", description);
        if (media != null && media.isArray() && !media.isEmpty()) {
            for (JsonNode type : media) {
                r.with("content").with(type.asText()).set("schema", factory.objectNode().put("type", "string"));
            }
        } else if (schema != null) {
            r.with("content").with("application/json").set("schema", ref(factory, schema));
        }
        return r;
    }

    private static void error(ObjectNode responses, String status, String description) {
        if (!responses.has(status)) {
            ObjectNode r = responses.objectNode().put("description", description);
            r.with("content").with("application/json").set("schema", ref(responses, "Error"));
            responses.set(status, r);
        }
    }

    private static ObjectNode ref(ObjectNode factory, String schema) {
        return factory.objectNode().put("$ref", "#/components/schemas/" + schema);
    }

    /** {@code get /assets/{ip}/tag} → {@code getAssetsByIpTag}. */
    static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            boolean param = part.startsWith("{");
            String word = param ? "By" + capital(part.substring(1, part.length() - 1)) : capital(part);
            id.append(word.replaceAll("[^A-Za-z0-9]", ""));
        }
        return id.toString();
    }

    private static String capital(String s) {
        StringBuilder out = new StringBuilder();
        for (String w : s.split("[_\\-.]")) {
            if (!w.isEmpty()) {
                out.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
            }
        }
        return out.toString();
    }

    private static String unique(Set<String> used, String id) {
        String candidate = id;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = id + i;
        }
        return candidate;
    }

    /** Every "METHOD /path" of a document, for tests and checks. */
    public static List<String> operations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            });
        }
        return out;
    }
}
