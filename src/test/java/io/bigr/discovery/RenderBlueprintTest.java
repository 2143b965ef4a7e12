package io.bigr.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bigr.discovery.resources.HealthResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * render.yaml, the Procfile, the Dockerfile and .env.example agree with what the service really uses: the health
 * route exists, the port comes from {@code PORT}, every environment variable the configuration or the code reads is
 * documented, and every variable the blueprint sets is one of them. (DeploySmokeIT runs the commands themselves.)
 */
class RenderBlueprintTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** Read by the JVM itself, not by the application. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

    private static JsonNode service() throws IOException {
        JsonNode render = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("render.yaml").toFile());
        assertThat(render.path("services")).hasSize(1);
        return render.path("services").path(0);
    }

    @Test
    void theBlueprintIsADockerWebServiceInFrankfurtCheckedOnTheRealHealthRoute() throws IOException {
        JsonNode s = service();
        assertThat(s.path("type").asText()).isEqualTo("web");
        assertThat(s.path("name").asText()).isEqualTo("bigr-discovery-api");
        assertThat(s.path("runtime").asText()).isEqualTo("docker");
        assertThat(s.path("region").asText()).isEqualTo("frankfurt");
        assertThat(s.path("plan").asText()).isEqualTo("starter");
        assertThat(ROOT.resolve(s.path("dockerfilePath").asText())).isRegularFile();
        // Jersey serves the API under /api/* (BigrApplication); DeploySmokeIT requests this very path on a running
        // server and needs a 200.
        assertThat(s.path("healthCheckPath").asText())
                .isEqualTo("/api" + HealthResource.class.getAnnotation(jakarta.ws.rs.Path.class).value());
    }

    @Test
    void secretsAreNotSyncedAndTheJvmFitsTheStarterPlan() throws IOException {
        List<String> secrets = new ArrayList<>();
        String jvm = null;
        for (JsonNode e : service().path("envVars")) {
            if (e.has("sync")) {
                assertThat(e.path("sync").asBoolean(true)).as(e.path("key").asText()).isFalse();
                assertThat(e.has("value")).as("a secret has no value in the blueprint").isFalse();
                secrets.add(e.path("key").asText());
            }
            if (e.path("key").asText().equals("JAVA_TOOL_OPTIONS")) {
                jvm = e.path("value").asText();
            }
        }
        assertThat(secrets).contains("DATABASE_URL", "BIGR_API_TOKEN_SHA256");
        assertThat(jvm).contains("-Xmx256m", "-XX:MaxMetaspaceSize=128m", "-Xss512k", "-XX:+UseSerialGC");
    }

    @Test
    void everyVariableTheServiceReadsIsDocumentedAndTheBlueprintSetsNoOtherVariable() throws IOException {
        Set<String> documented = envExample();
        Set<String> read = new LinkedHashSet<>();
        for (String config : List.of("config.yml", "config-local.yml")) {
            Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(ROOT.resolve(config)));
            while (m.find()) {
                read.add(m.group(1));
            }
        }
        try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main/java"))) {
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = Pattern.compile("getenv\\(\"([A-Z0-9_]+)\"").matcher(Files.readString(p));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        read.remove("HOME");
        assertThat(read).contains("PORT", "DATABASE_URL");
        assertThat(documented).containsAll(read);
        String serverConfig = Files.readString(ROOT.resolve("config.yml"));
        for (JsonNode e : service().path("envVars")) {
            String key = e.path("key").asText();
            assertThat(documented).contains(key);
            if (!JVM_VARIABLES.contains(key)) {
                assertThat(serverConfig).as("render.yaml sets %s; config.yml must read it", key).contains("${" + key);
            }
        }
        assertThat(documented).containsAll(JVM_VARIABLES);
    }

    @Test
    void theProcfileMigratesAsTheReleaseStepAndServesConfigYmlOnPort() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Procfile"));
        assertThat(lines).containsExactly("release: java -jar target/bigr.jar db migrate config.yml",
                "web: java -jar target/bigr.jar server config.yml");
        assertThat(Files.readString(ROOT.resolve("config.yml"))).contains("port: ${PORT:-8080}");
    }

    @Test
    void renderMigratesOncePerDeployAndTheContainerOnlyServes() throws IOException {
        JsonNode s = service();
        String preDeploy = s.path("preDeployCommand").asText();
        assertThat(preDeploy).isEqualTo("/app/bin/docker-entrypoint.sh migrate");
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY bin/docker-entrypoint.sh /app/bin/docker-entrypoint.sh",
                "ENTRYPOINT [\"/app/bin/docker-entrypoint.sh\"]", "CMD [\"serve\"]");
        String entrypoint = Files.readString(ROOT.resolve("bin/docker-entrypoint.sh"));
        String serve = entrypoint.substring(entrypoint.indexOf("  serve)"));
        serve = serve.substring(0, serve.indexOf(";;"));
        assertThat(serve).contains("exec $LAUNCH server config.yml").doesNotContain("migrate");
        assertThat(entrypoint).contains("exec $LAUNCH db migrate config.yml");
        // The serving container must not migrate on its own either.
        assertThat(Files.readString(ROOT.resolve("config.yml")))
                .contains("migrateOnStart: ${BIGR_MIGRATE_ON_START:-false}");
        for (JsonNode e : s.path("envVars")) {
            if (e.path("key").asText().equals("BIGR_MIGRATE_ON_START")) {
                assertThat(e.path("value").asText()).isEqualTo("false");
            }
        }
    }

    @Test
    void theImageCachesDependenciesInALayerThatOnlyThePomInvalidates() throws IOException {
        List<String> steps = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY ") || l.startsWith("RUN ") || l.startsWith("FROM ")).toList();
        assertThat(steps.get(0)).isEqualTo("FROM maven:3.9-eclipse-temurin-17 AS build");
        assertThat(steps.get(1)).isEqualTo("COPY pom.xml ./");
        assertThat(steps.get(2)).startsWith("RUN mvn -B").contains("dependency:go-offline");
        int sources = steps.indexOf("COPY src ./src");
        assertThat(sources).isGreaterThan(2);
        assertThat(steps.get(sources + 1)).isEqualTo("RUN mvn -B -DskipTests package");
        assertThat(steps).contains("FROM eclipse-temurin:17-jre");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("USER bigr");
    }

    @Test
    void theServerConfigTakesItsListenAddressFromBigrBindHost() throws IOException {
        JsonNode server = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("config.yml").toFile())
                .path("server");
        assertThat(server.path("applicationConnectors").path(0).path("bindHost").asText())
                .isEqualTo("${BIGR_BIND_HOST:-0.0.0.0}");
        assertThat(server.path("adminConnectors").path(0).path("bindHost").asText()).isEqualTo("127.0.0.1");
    }

    /** Variable names in .env.example, each of which must have a comment line right above it (or above a sibling). */
    private static Set<String> envExample() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(ROOT.resolve(".env.example"));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = Pattern.compile("^([A-Z0-9_]+)=").matcher(lines.get(i));
            if (m.find()) {
                int j = i - 1;
                while (j >= 0 && lines.get(j).matches("^#\\s*[A-Z0-9_]+=.*")) {
                    j--; // commented alternative values of the same variable
                }
                assertThat(j >= 0 && lines.get(j).startsWith("#")).as("comment above " + m.group(1)).isTrue();
                keys.add(m.group(1));
            }
        }
        return keys;
    }
}
