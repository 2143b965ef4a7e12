package io.bigr.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bigr.discovery.testing.TestDb;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deploy path, run for real: the Procfile's {@code release:} and {@code web:} lines, and the Docker image's
 * entrypoint script, each started as a subprocess with {@code PORT} and a libpq-style {@code DATABASE_URL} pointing
 * at a fresh database on the local PostgreSQL, and with the JVM options render.yaml gives the 512 MB plan.
 *
 * <p>The commands are read from the files themselves. The only substitution: the shaded jar
 * ({@code -jar target/bigr.jar}, built by {@code mvn package}, after the tests) is replaced by the same main
 * class on the test classpath; the entrypoint script takes that launch prefix from {@code BIGR_LAUNCH}.
 */
class DeploySmokeIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAR = "-jar target/bigr.jar ";
    /** Bounds for a JVM start on a loaded 2-core machine; a readiness limit, not a speed assertion. */
    private static final Duration START_LIMIT = Duration.ofSeconds(180);

    private final List<TestDb> databases = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path logDir;

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (TestDb db : databases) {
            db.close();
        }
    }

    @Test
    void procfileReleaseMigratesAndWebServesHealthyOnPort() throws Exception {
        Map<String, String> procfile = procfile();
        assertThat(procfile.get("release")).startsWith("java ").contains(JAR).endsWith("db migrate config.yml");
        assertThat(procfile.get("web")).startsWith("java ").contains(JAR).endsWith("server config.yml");
        TestDb db = fresh();
        Map<String, String> env = environment(db);

        Process release = start("release", List.of("sh", "-c", onClasspath(procfile.get("release"))), env);
        assertThat(release.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)).as(log("release")).isTrue();
        assertThat(release.exitValue()).as(log("release")).isZero();
        assertThat(tables(db)).contains("scans", "assets", "scan_assets", "asset_changes", "subnets", "switches",
                "certificates", "databasechangelog");

        Process web = start("web", List.of("sh", "-c", onClasspath(procfile.get("web"))), env);
        JsonNode health = awaitHealthy(web, "web", Integer.parseInt(env.get("PORT")));
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("database").path("type").asText()).isEqualTo("postgresql");
        assertThat(health.path("pending_migrations").asInt(-1)).isZero();
        printMemory(web);
    }

    /**
     * The image's deploy: the container only serves (an unmigrated database answers 503 with the pending
     * migrations, and the server does not apply them), then render.yaml's preDeployCommand migrates once and the
     * same running server turns healthy without a restart.
     */
    @Test
    void dockerServesWithoutMigratingAndThePreDeployCommandMigratesOnce() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ENTRYPOINT [\"/app/bin/docker-entrypoint.sh\"]")
                .contains("CMD [\"serve\"]")
                .contains("COPY bin/docker-entrypoint.sh /app/bin/docker-entrypoint.sh")
                .contains("COPY config.yml /app/config.yml")
                .contains("COPY --from=build /src/target/bigr.jar /app/bigr.jar");
        assertThat(Files.isExecutable(ROOT.resolve("bin/docker-entrypoint.sh"))).isTrue();
        // The image's /app layout: the script in bin/, config.yml beside it, no source tree around.
        Path app = Files.createTempDirectory("bigr-app-");
        Files.createDirectories(app.resolve("bin"));
        Path script = Files.copy(ROOT.resolve("bin/docker-entrypoint.sh"), app.resolve("bin/docker-entrypoint.sh"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(ROOT.resolve("config.yml"), app.resolve("config.yml"));
        TestDb db = fresh();
        Map<String, String> env = environment(db);
        env.put("BIGR_LAUNCH", "java -cp " + System.getProperty("java.class.path") + " " + BigrApplication.class.getName());

        Process serve = start("serve", List.of(script.toString(), "serve"), env, app);
        JsonNode behind = awaitHealth(serve, "serve", Integer.parseInt(env.get("PORT")), 503);
        // Degraded, and the serving container created no table: it did not migrate. (The pending count itself may
        // be null while other start-up work holds the schema, so it is not asserted here.)
        assertThat(behind.path("status").asText()).as(behind.toString()).isEqualTo("degraded");
        assertThat(tables(db)).doesNotContain("scans", "assets", "asset_changes");

        String preDeploy = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("render.yaml").toFile())
                .path("services").path(0).path("preDeployCommand").asText();
        assertThat(preDeploy).startsWith("/app/bin/docker-entrypoint.sh ");
        List<String> migrate = new ArrayList<>(List.of(script.toString()));
        migrate.addAll(List.of(preDeploy.substring("/app/bin/docker-entrypoint.sh ".length()).split(" ")));
        Process release = start("predeploy", migrate, env, app);
        assertThat(release.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)).as(log("predeploy")).isTrue();
        assertThat(release.exitValue()).as(log("predeploy")).isZero();

        JsonNode health = awaitHealth(serve, "serve", Integer.parseInt(env.get("PORT")), 200);
        assertThat(health.path("database").path("type").asText()).isEqualTo("postgresql");
        assertThat(health.path("pending_migrations").asInt(-1)).isZero();
        assertThat(tables(db)).contains("scans", "certificates", "databasechangelog");

        Process usage = start("usage", List.of(script.toString(), "nonsense"), env, app);
        assertThat(usage.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(usage.exitValue()).isEqualTo(2);
        assertThat(log("usage")).contains("usage: docker-entrypoint.sh [serve|migrate]");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private TestDb fresh() {
        TestDb db = TestDb.postgres();
        databases.add(db);
        return db;
    }

    /** PORT and ADMIN_PORT free, libpq-style DATABASE_URL, render.yaml's JVM options. */
    private Map<String, String> environment(TestDb db) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(freePort()));
        env.put("ADMIN_PORT", String.valueOf(freePort()));
        env.put("DATABASE_URL", db.url().replace("jdbc:postgresql://", "postgresql://" + TestDb.PG_USER + "@")
                + "?sslmode=disable");
        env.put("JAVA_TOOL_OPTIONS", renderEnv("JAVA_TOOL_OPTIONS"));
        return env;
    }

    static Map<String, String> procfile() throws IOException {
        Map<String, String> lines = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("Procfile"))) {
            int colon = line.indexOf(':');
            if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                lines.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return lines;
    }

    static String renderEnv(String key) throws IOException {
        JsonNode render = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("render.yaml").toFile());
        for (JsonNode e : render.path("services").path(0).path("envVars")) {
            if (key.equals(e.path("key").asText())) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("render.yaml has no value for " + key);
    }

    /** The Procfile command with the jar swapped for the same main class on the test classpath. */
    private static String onClasspath(String command) {
        return command.replace(JAR, "-cp " + System.getProperty("java.class.path") + " "
                + BigrApplication.class.getName() + " ");
    }

    private Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        return start(name, command, env, ROOT);
    }

    private Process start(String name, List<String> command, Map<String, String> env, Path dir) throws IOException {
        if (logDir == null) {
            logDir = Files.createTempDirectory("bigr-deploy-");
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().remove("BIGR_DB");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private String log(String name) {
        try {
            List<String> lines = Files.readAllLines(logDir.resolve(name + ".log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private JsonNode awaitHealthy(Process p, String name, int port) throws Exception {
        return awaitHealth(p, name, port, 200);
    }

    /** Polls render.yaml's healthCheckPath until it answers {@code status}, the process dies, or the limit passes. */
    private JsonNode awaitHealth(Process p, String name, int port, int status) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String path = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("render.yaml").toFile())
                .path("services").path(0).path("healthCheckPath").asText();
        assertThat(path).startsWith("/");
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("%s exited early:%n%s", name, log(name)).isTrue();
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == status) {
                    return new ObjectMapper().readTree(r.body());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " did not answer " + path + " with " + status + " within " + START_LIMIT + ":\n"
                + log(name));
    }

    private static List<String> tables(TestDb db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public'").mapTo(String.class).list());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Prints the serving JVM's resident memory under render.yaml's options (a number to read, not an assertion). */
    private static void printMemory(Process p) throws IOException {
        List<ProcessHandle> javas = new ArrayList<>(p.descendants().toList());
        javas.add(p.toHandle());
        for (ProcessHandle h : javas) {
            File status = new File("/proc/" + h.pid() + "/status");
            if (status.exists() && h.info().command().orElse("").endsWith("java")) {
                Files.readAllLines(status.toPath()).stream().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                        .forEach(l -> System.out.println("deploy smoke: web JVM " + l.replaceAll("\\s+", " ")));
            }
        }
    }
}
