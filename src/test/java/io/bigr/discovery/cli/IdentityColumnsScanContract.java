package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.scan.Listeners;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End to end (docs/DOMAIN.md §4.15): a real {@code bigr scan} subprocess against a loopback SSH listener on a port the
 * kernel chose; the fingerprint identity it yields is stored as the {@code device_type}, {@code product}, {@code os}
 * and {@code os_version} columns, so {@code /api/assets?device_type=server} lists the host, and the
 * {@code --output} file (JSON and CSV) carries the same four values. One database per subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdentityColumnsScanContract {
    private static final String GREETING = "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13";
    private TestDb db;
    private Path home;
    private String host;
    private Listeners.Listener ssh;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws Exception {
        db = newDatabase();
        home = Files.createTempDirectory("bigr-home");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        host = "127." + r.nextInt(100, 250) + "." + r.nextInt(1, 250) + "." + r.nextInt(2, 250);
        ssh = Listeners.listen(host, 0, Listeners.greets(GREETING + "\r\n"));
    }

    @AfterAll
    void close() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
        db.close();
    }

    private Cli.Result bigr(String... args) {
        Cli.Result r = Cli.run(db, home, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /** {@code identity.<field>.value} of the evidence, or null when the fingerprints gave no such field. */
    private static String identity(JsonNode evidence, String field) {
        JsonNode v = evidence.path("identity").path(field).path("value");
        return v.isTextual() ? v.asText() : null;
    }

    private static String text(JsonNode row, String key) {
        JsonNode v = row.get(key);
        assertThat(v).as(key + " in " + row).isNotNull();
        return v.isNull() ? null : v.asText();
    }

    @Test
    void anSshServerIsListedByDeviceTypeWithItsProductAndOs() throws Exception {
        bigr("db", "migrate");
        String port = Integer.toString(ssh.port());
        Path json = home.resolve("scan.json");
        Path csv = home.resolve("scan.csv");
        bigr("scan", host, "--ports", port, "--no-mdns", "--output", json.toString());
        bigr("scan", host, "--ports", port, "--no-mdns", "--output", csv.toString(), "--format", "csv");

        try (ApiApp app = ApiApp.start(db)) {
            JsonNode servers = app.getJson("/api/assets?device_type=server");
            assertThat(servers.get("total").asLong()).as(servers.toString()).isEqualTo(1);
            JsonNode row = servers.get("assets").get(0);
            assertThat(text(row, "ip")).isEqualTo(host);
            assertThat(text(row, "device_type")).isEqualTo("server");
            assertThat(text(row, "product")).isEqualTo("OpenSSH");
            assertThat(text(row, "os")).isEqualTo("Ubuntu Linux");

            JsonNode data = app.getJson("/api/data").get("assets").get(0);
            JsonNode evidence = data.get("raw_evidence");
            assertThat(evidence.path("banners").path(port).path("banner").asText()).isEqualTo(GREETING);
            assertThat(text(row, "os_version")).as("as the fingerprint yields")
                    .isEqualTo(identity(evidence, "os_version"));
            for (String field : List.of("device_type", "product", "os", "os_version")) {
                assertThat(text(data, field)).as("/api/data " + field).isEqualTo(identity(evidence, field));
                assertThat(text(app.getJson("/api/assets/" + host).get("asset"), field)).as("/api/assets/{ip} " + field)
                        .isEqualTo(identity(evidence, field));
            }
            assertThat(app.getJson("/api/assets?device_type=camera").get("total").asLong()).isZero();
        }

        JsonNode file = Json.MAPPER.readTree(Files.readString(json, StandardCharsets.UTF_8)).get("assets").get(0);
        assertThat(text(file, "device_type")).isEqualTo("server");
        assertThat(text(file, "product")).isEqualTo("OpenSSH");
        assertThat(text(file, "os")).isEqualTo("Ubuntu Linux");
        assertThat(text(file, "os_version")).isEqualTo(identity(file.get("raw_evidence"), "os_version"));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).endsWith(",device_type,product,os,os_version");
        String osVersion = identity(file.get("raw_evidence"), "os_version");
        assertThat(lines.get(1)).startsWith(host + ",")
                .endsWith(",server,OpenSSH,Ubuntu Linux," + (osVersion == null ? "" : osVersion));
    }
}
