package io.bigr.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/ci.yml, the CI a fork gets: JDK 17, a PostgreSQL service where the tests look for it, the
 * README's test command, and a migration check ({@code db migrate} then {@code db status}) on SQLite and on
 * PostgreSQL. The workflow is parsed, not grepped, so a step moved to the wrong job fails here.
 */
class CiWorkflowTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static JsonNode workflow() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve(".github/workflows/ci.yml").toFile());
    }

    /** Every run: line of a job, in order. */
    private static List<String> runs(JsonNode job) {
        List<String> out = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            if (step.has("run")) {
                out.add(step.path("run").asText());
            }
        }
        return out;
    }

    private static void assertJdk17(JsonNode job) {
        boolean found = false;
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText().startsWith("actions/setup-java@")) {
                assertThat(step.path("with").path("java-version").asText()).isEqualTo("17");
                found = true;
            }
        }
        assertThat(found).as("setup-java step").isTrue();
    }

    private static void assertPostgresOn5432(JsonNode job) {
        JsonNode pg = job.path("services").path("postgres");
        assertThat(pg.path("image").asText()).startsWith("postgres:");
        assertThat(pg.path("env").path("POSTGRES_HOST_AUTH_METHOD").asText()).isEqualTo("trust");
        assertThat(pg.path("ports").toString()).contains("5432:5432");
    }

    @Test
    void runsOnEveryPushAndPullRequest() throws IOException {
        JsonNode on = workflow().path("on");
        assertThat(on.has("push")).isTrue();
        assertThat(on.has("pull_request")).isTrue();
    }

    @Test
    void theTestJobRunsTheReadmesTestCommandOnJdk17AgainstPostgres() throws IOException {
        JsonNode test = workflow().path("jobs").path("test");
        assertJdk17(test);
        assertPostgresOn5432(test);
        // The tests' own database helper connects to database "test" as postgres (testing/TestDb).
        assertThat(test.path("services").path("postgres").path("env").path("POSTGRES_DB").asText()).isEqualTo("test");
        assertThat(test.path("env").path("CI").asText()).isEqualTo("true");
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("Test it.*?```sh\\n([^\\n]+)\\n```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README's test command").isTrue();
        String command = m.group(1).trim();
        assertThat(runs(test)).anySatisfy(r -> assertThat(r).endsWith(command));
        // The Debian packages the suite needs come from the same list .ci/run installs.
        assertThat(runs(test)).anySatisfy(r -> assertThat(r).contains("apt-get install").contains(".ci/apt-packages"));
    }

    @Test
    void theMigrationJobMigratesAndChecksStatusOnSqliteAndPostgres() throws IOException {
        JsonNode job = workflow().path("jobs").path("migrations");
        assertJdk17(job);
        assertPostgresOn5432(job);
        JsonNode sqlite = null;
        JsonNode postgres = null;
        for (JsonNode step : job.path("steps")) {
            if (step.path("env").has("BIGR_DB")) {
                sqlite = step;
            }
            if (step.path("env").has("DATABASE_URL")) {
                postgres = step;
            }
        }
        assertThat(sqlite).as("a step with BIGR_DB (config-local.yml's SQLite file)").isNotNull();
        assertThat(sqlite.path("env").path("BIGR_DB").asText()).startsWith("sqlite:///");
        assertMigrateThenStatus(sqlite.path("run").asText(), "");
        assertThat(postgres).as("a step with DATABASE_URL (config.yml)").isNotNull();
        assertThat(postgres.path("env").path("DATABASE_URL").asText()).startsWith("postgresql://").contains("127.0.0.1:5432");
        assertMigrateThenStatus(postgres.path("run").asText(), " config.yml");
        assertThat(runs(job).get(0)).contains("package");
    }

    private static void assertMigrateThenStatus(String script, String config) {
        int migrate = script.indexOf("bigr.jar db migrate" + config);
        int status = script.indexOf("bigr.jar db status" + config);
        assertThat(migrate).as(script).isNotNegative();
        assertThat(status).as(script).isGreaterThan(migrate);
        // A pending changeSet after the migration fails the step (db status itself exits 0 either way).
        assertThat(script.substring(status)).contains("grep -q \"is up to date\"");
    }
}
