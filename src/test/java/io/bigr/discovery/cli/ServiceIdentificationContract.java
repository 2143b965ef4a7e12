package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.scan.Listeners;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real {@code bigr scan} of loopback listeners on ports no service usually has (free ports the kernel chose), one
 * database per subclass: an SSH server, nginx, an HTTPS server with a self-signed certificate and a MySQL server
 * are each identified, and their evidence is stored under {@code raw_evidence.banners} (docs/DOMAIN.md §5.12), read
 * back through {@code /api/data}. The SSH banner on its unusual port gives the OS hint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceIdentificationContract {
    private TestDb db;
    private Path home;
    private String prefix;
    private final List<Listeners.Listener> listeners = new ArrayList<>();

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws Exception {
        db = newDatabase();
        home = Files.createTempDirectory("bigr-home");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        prefix = "127." + r.nextInt(100, 250) + "." + r.nextInt(1, 250) + ".";
        listeners.add(Listeners.listen(prefix + "20", 0,
                Listeners.greets("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n")));
        listeners.add(Listeners.listen(prefix + "21", 0, Listeners.answers("HTTP/1.1 200 OK\r\nServer: nginx/1.24.0"
                + "\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<title>Welcome to nginx!</title>")));
        listeners.add(Listeners.https(prefix + "22", "O=BİGR Lab,CN=gw.lab.example", List.of("gw.lab.example"),
                "HTTP/1.1 302 Found\r\nServer: Apache/2.4.58 (Debian)\r\nLocation: /cgi-bin/login\r\n"
                        + "Connection: close\r\n\r\n"));
        byte[] mysql = io.bigr.discovery.scan.ServiceRepliesFixture.mysqlHandshake("8.0.36");
        listeners.add(Listeners.listen(prefix + "23", 0, Listeners.greets(mysql)));
    }

    @AfterAll
    void close() throws Exception {
        for (Listeners.Listener l : listeners) {
            l.close();
        }
        db.close();
    }

    private Cli.Result bigr(String... args) {
        Cli.Result r = Cli.run(db, home, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static JsonNode asset(JsonNode data, String ip) {
        for (JsonNode a : data.get("assets")) {
            if (a.get("ip").asText().equals(ip)) {
                return a;
            }
        }
        throw new AssertionError(ip + " not in " + data);
    }

    @Test
    void servicesOnUnusualPortsAreIdentifiedAndStored() {
        bigr("db", "migrate");
        String ports = listeners.stream().map(l -> Integer.toString(l.port())).collect(Collectors.joining(","));
        Cli.Result scan = bigr("scan", prefix + "20-23", "--ports", ports, "--no-mdns");
        assertThat(scan.out()).contains("4 host(s), 4 open port(s)");

        try (ApiApp app = ApiApp.start(db)) {
            JsonNode data = app.getJson("/api/data");
            JsonNode ssh = asset(data, prefix + "20");
            JsonNode sshBanner = ssh.get("raw_evidence").get("banners").get(port(0));
            assertThat(sshBanner.get("service").asText()).isEqualTo("ssh");
            assertThat(sshBanner.get("banner").asText()).isEqualTo("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13");
            assertThat(sshBanner.get("protocol").asText()).isEqualTo("SSH-2.0");
            assertThat(ssh.get("os_hint").asText()).as("SSH banner on port %s", port(0)).isEqualTo("Linux");

            JsonNode web = asset(data, prefix + "21").get("raw_evidence").get("banners").get(port(1));
            assertThat(web.toString()).isEqualTo("{\"service\":\"http\",\"server\":\"nginx/1.24.0\","
                    + "\"title\":\"Welcome to nginx!\",\"protocol\":\"HTTP/1.1\"}");

            JsonNode tls = asset(data, prefix + "22").get("raw_evidence").get("banners").get(port(2));
            assertThat(tls.get("service").asText()).isEqualTo("https");
            assertThat(tls.get("server").asText()).isEqualTo("Apache/2.4.58 (Debian)");
            assertThat(tls.get("location").asText()).isEqualTo("/cgi-bin/login");
            assertThat(tls.get("tls").get("subject").asText()).isEqualTo("CN=gw.lab.example,O=BİGR Lab");
            assertThat(tls.get("tls").get("san").toString()).isEqualTo("[\"gw.lab.example\"]");
            assertThat(tls.get("tls").get("not_after").asText()).endsWith("Z");

            JsonNode db = asset(data, prefix + "23").get("raw_evidence").get("banners").get(port(3));
            assertThat(db.toString()).isEqualTo("{\"service\":\"mysql\",\"banner\":\"8.0.36\","
                    + "\"protocol\":\"mysql 10\"}");
        }
    }

    private String port(int i) {
        return Integer.toString(listeners.get(i).port());
    }
}
