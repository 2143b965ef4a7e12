package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.bigr.discovery.api.OpenApiDocs;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document of the running application: every route Jersey serves is in it (read from Jersey's own
 * resource model, not from a list), every operation states the error shape and the bearer scheme, the YAML is the
 * same document, and real answers validate against it: the responses of a seeded server and the recorded response
 * fixtures of the API tests (src/test/resources/fixtures), with the request bodies the tests send. Swagger UI is
 * served from the webjar at /api/docs/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenApiContract {
    TestDb db;
    ApiApp app;
    JsonNode doc;

    abstract Dialect dialect();

    @BeforeAll
    void start() {
        db = TestDb.create(dialect()).migrate();
        app = ApiApp.start(db);
        try (Response r = app.get("/api/openapi.json")) {
            assertThat(r.getStatus()).isEqualTo(200);
            doc = ApiApp.body(r);
        }
        var later = TestData.T0.plus(Duration.ofHours(1));
        for (var scan : List.of(
                TestData.scan("10.0.0.0/24", TestData.T0,
                        TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01", "gw", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22, 443),
                        TestData.asset("10.0.0.7", null, null, null, BigrCategory.UNCLASSIFIED, 0.0)),
                TestData.scan("10.0.0.0/24", later,
                        TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01", "gw", "Cisco", BigrCategory.AG_VE_SISTEMLER, 0.9, 22, 80)))) {
            ObjectNode body = ScanResultJson.toJson(scan);
            assertValid("POST /scans request", request("POST /scans"), body);
            try (Response r = app.post("/api/scans", body)) {
                JsonNode answer = ApiApp.body(r);
                assertThat(r.getStatus()).as("POST /scans " + answer).isEqualTo(201);
                assertValid("POST /scans", response("POST /scans", "201"), answer);
            }
        }
        ObjectNode tag = Json.object().put("category", "iot").put("note", "lobby");
        assertValid("PUT tag request", request("PUT /assets/{ip}/tag"), tag);
        try (Response r = app.put("/api/assets/10.0.0.7/tag", tag)) {
            assertValid("PUT /assets/{ip}/tag", response("PUT /assets/{ip}/tag", "200"), ApiApp.body(r));
        }
        try (Response r = app.post("/api/subnets", Map.of("cidr", "10.0.0.0/24", "label", "Office", "vlan_id", 10))) {
            assertValid("POST /subnets", response("POST /subnets", "201"), ApiApp.body(r));
        }
        // POST /api/certificates is covered by the recorded fixture certificate-created (recordedFixturesValidate):
        // since main's robust-input merge a posted certificate is refused with 422 "ip: IP address is required"
        // (main 269b951, not yet understood), which is not this contract's subject.
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyRouteJerseyServesIsInTheDocument() {
        Set<String> served = new TreeSet<>();
        for (Class<?> c : OpenApiResource.resourceClasses(app.environment().jersey().getResourceConfig())) {
            collect(Resource.from(c), "", served);
        }
        assertThat(served).hasSizeGreaterThan(20).contains("GET /scans", "POST /scans", "GET /metrics",
                "DELETE /subnets/{cidr}", "GET /topology/subnet/{cidr}");
        assertThat(new TreeSet<>(OpenApiDocs.operations(doc))).isEqualTo(served);
    }

    private static void collect(Resource r, String prefix, Set<String> out) {
        String path = join(prefix, r.getPath());
        for (ResourceMethod m : r.getResourceMethods()) {
            out.add(m.getHttpMethod() + " " + path);
        }
        for (Resource child : r.getChildResources()) {
            collect(child, path, out);
        }
    }

    /** Jersey's template ({@code /{cidr: .+}}) as OpenAPI writes it ({@code /{cidr}}). */
    private static String join(String prefix, String path) {
        String p = (prefix + "/" + (path == null ? "" : path)).replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Test
    void everyOperationStatesTheErrorShapeAndTheBearerScheme() {
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("servers").path(0).path("url").asText()).isEqualTo("/api");
        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearerAuth");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("security").path(0).has("bearerAuth")).isTrue();
        Set<String> ids = new TreeSet<>();
        for (String op : OpenApiDocs.operations(doc)) {
            JsonNode o = operation(op);
            assertThat(ids.add(o.path("operationId").asText())).as("unique operationId of " + op).isTrue();
            JsonNode responses = o.path("responses");
            assertThat(responses.has("default")).as(op).isFalse();
            assertThat(responses.fieldNames()).toIterable().as(op).anyMatch(s -> s.startsWith("2"));
            for (String status : List.of("400", "500", "503")) {
                if (op.equals("GET /health") && status.equals("503")) {
                    continue; // the health body itself, status "degraded"
                }
                assertThat(responses.path(status).path("content").path("application/json").path("schema")
                        .path("$ref").asText()).as(op + " " + status).isEqualTo("#/components/schemas/Error");
            }
            if (op.equals("GET /health")) {
                assertThat(o.path("security").isArray() && o.path("security").isEmpty()).isTrue();
            } else {
                assertThat(responses.has("401")).as(op).isTrue();
            }
            if (op.contains("{")) {
                assertThat(responses.has("404")).as(op).isTrue();
                assertThat(o.path("parameters").toString()).as(op).contains("\"in\":\"path\"");
            }
        }
        assertThat(operation("GET /assets").path("parameters").toString()).contains("\"name\":\"q\"",
                "\"name\":\"cursor\"", "\"name\":\"seen_since\"");
        assertThat(operation("GET /assets/export").path("responses").path("200").path("content").has("text/csv"))
                .isTrue();
        // A typed record's schema is generated in the API's own snake_case.
        assertThat(doc.path("components").path("schemas").path("ComplianceReport").path("properties").fieldNames())
                .toIterable().isNotEmpty().allMatch(k -> k.equals(k.toLowerCase(Locale.ROOT)));
    }

    @Test
    void theYamlIsTheSameDocumentAndNeitherNeedsAToken() throws IOException {
        try (Response r = app.get("/api/openapi.yaml")) {
            assertThat(r.getStatus()).isEqualTo(200);
            JsonNode yaml = new YAMLMapper().readTree(r.readEntity(String.class));
            assertThat(yaml).isEqualTo(doc);
        }
    }

    @Test
    void liveAnswersValidate() {
        Map<String, String> routes = Map.ofEntries(
                Map.entry("GET /health", "/api/health"), Map.entry("GET /data", "/api/data"),
                Map.entry("GET /assets", "/api/assets"), Map.entry("GET /assets/{ip}", "/api/assets/10.0.0.1"),
                Map.entry("GET /scans", "/api/scans"), Map.entry("GET /changes", "/api/changes"),
                Map.entry("GET /subnets", "/api/subnets"), Map.entry("GET /switches", "/api/switches"),
                Map.entry("GET /certificates", "/api/certificates"), Map.entry("GET /topology", "/api/topology"),
                Map.entry("GET /compliance", "/api/compliance"), Map.entry("GET /analytics", "/api/analytics"),
                Map.entry("GET /risk", "/api/risk"), Map.entry("GET /vulnerabilities", "/api/vulnerabilities"));
        for (var e : routes.entrySet()) {
            JsonNode body = app.getJson(e.getValue());
            assertValid(e.getKey(), response(e.getKey(), "200"), body);
        }
        JsonNode scanId = app.getJson("/api/scans").path("scans").path(0).path("id");
        assertValid("GET /scans/{id}", response("GET /scans/{id}", "200"),
                app.getJson("/api/scans/" + scanId.asText()));
        try (Response r = app.get("/api/assets/10.9.9.9")) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertValid("404", response("GET /assets/{ip}", "404"), ApiApp.body(r));
        }
        try (Response r = app.get("/api/scans?limit=0")) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertValid("400", response("GET /scans", "400"), ApiApp.body(r));
        }
        // A wrong answer must fail: the schemas are not vacuous.
        ObjectNode broken = (ObjectNode) app.getJson("/api/scans");
        broken.remove("total");
        assertThat(errors(response("GET /scans", "200"), broken)).isNotEmpty();
        ObjectNode wrongType = (ObjectNode) app.getJson("/api/health");
        wrongType.put("pending_migrations", "none");
        assertThat(errors(response("GET /health", "200"), wrongType)).isNotEmpty();
    }

    /** The recorded fixtures of the API tests, each against its route's schema (placeholders made concrete). */
    @Test
    void recordedFixturesValidate() throws IOException {
        Map<String, String> fixtures = Map.ofEntries(
                Map.entry("asset", "GET /assets/{ip}"), Map.entry("certificates", "GET /certificates"),
                Map.entry("empty-certificates", "GET /certificates"), Map.entry("changes", "GET /changes"),
                Map.entry("empty-changes", "GET /changes"), Map.entry("compliance", "GET /compliance"),
                Map.entry("empty-compliance", "GET /compliance"), Map.entry("data", "GET /data"),
                Map.entry("empty-data", "GET /data"), Map.entry("health-sqlite", "GET /health"),
                Map.entry("health-postgresql", "GET /health"), Map.entry("scan-detail", "GET /scans/{id}"),
                Map.entry("scans", "GET /scans"), Map.entry("empty-scans", "GET /scans"),
                Map.entry("scan-ingested-first", "POST /scans"), Map.entry("scan-ingested-second", "POST /scans"),
                Map.entry("subnets", "GET /subnets"), Map.entry("empty-subnets", "GET /subnets"),
                Map.entry("subnet-created", "POST /subnets"), Map.entry("switches", "GET /switches"),
                Map.entry("empty-switches", "GET /switches"), Map.entry("tagged", "PUT /assets/{ip}/tag"),
                Map.entry("topology", "GET /topology"), Map.entry("empty-topology", "GET /topology"),
                Map.entry("topology-subnet", "GET /topology/subnet/{cidr}"),
                Map.entry("vulnerabilities", "GET /vulnerabilities"),
                Map.entry("empty-vulnerabilities", "GET /vulnerabilities"),
                Map.entry("certificate-created", "POST /certificates"));
        List<String> checked = new ArrayList<>();
        for (var e : fixtures.entrySet()) {
            String status = e.getValue().startsWith("POST") ? "201" : "200";
            String text;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("fixtures/" + e.getKey() + ".json")) {
                assertThat(in).as(e.getKey()).isNotNull();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // Fixtures.normalise writes placeholders; give the numeric ones a number again.
            text = text.replace("\"<latency_ms>\"", "1");
            assertValid("fixture " + e.getKey(), response(e.getValue(), status), Json.parseOrNull(text));
            checked.add(e.getKey());
        }
        // Every response fixture of the API tests is covered (the *-shape ones record types, not values).
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures"))) {
            List<String> all = files.map(p -> p.getFileName().toString().replace(".json", ""))
                    .filter(n -> !n.endsWith("-shape")).toList();
            assertThat(checked).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void swaggerUiIsServedFromTheWebjar() {
        try (Response r = app.get("/api/docs/")) {
            assertThat(r.getStatus()).isEqualTo(200);
            String html = r.readEntity(String.class);
            assertThat(html).contains("ui/swagger-ui-bundle.js", "ui/swagger-ui.css").doesNotContain("https://");
        }
        try (Response r = app.get("/api/docs/ui/swagger-ui-bundle.js")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.readEntity(String.class).length()).isGreaterThan(100_000);
        }
        try (Response r = app.get("/api/docs/init.js")) {
            assertThat(r.readEntity(String.class)).contains("url: \"../openapi.json\"");
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private JsonNode operation(String op) {
        String[] parts = op.split(" ", 2);
        return doc.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
    }

    private String response(String op, String status) {
        JsonNode r = operation(op).path("responses").path(status);
        assertThat(r.isMissingNode()).as(op + " has no " + status + " response").isFalse();
        JsonNode schema = r.path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as(op + " " + status + " has no JSON schema").isFalse();
        return schema.toString();
    }

    private String request(String op) {
        JsonNode schema = operation(op).path("requestBody").path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as(op + " has no request schema").isFalse();
        return schema.toString();
    }

    private void assertValid(String what, String schema, JsonNode instance) {
        assertThat(errors(schema, instance)).as(what + ": " + instance).isEmpty();
    }

    /** Validates against {@code schema}, its $refs resolved inside the whole document (JSON Schema 2020-12). */
    private List<String> errors(String schema, JsonNode instance) {
        ObjectNode root = ((ObjectNode) doc).deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("allOf", Json.array().add(Json.parseOrNull(schema)));
        var validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root.toString(), InputFormat.JSON);
        return validator.validate(instance.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
    }

}
