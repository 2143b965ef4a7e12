package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end (docs/DOMAIN.md §4.15): a real {@code bigr scan} subprocess against a loopback listener this test owns
 * that answers HTTP as a Hikvision camera does ({@code Server: Hikvision-Webs}); the stored asset carries the
 * identity, the vendor filled from the fingerprint (no MAC on loopback) and the category that follows. Also
 * {@code bigr fingerprints} and a user's {@code --fingerprints} folder. One database per subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FingerprintScanContract {
    private static final String HOST = "127.0.0.37";
    /** Ports the banner reader asks over HTTP; the first one free on HOST is used. */
    private static final int[] HTTP_PORTS = {8000, 8080, 8081, 8888, 9000, 5000, 8008, 80};
    private TestDb db;
    private ServerSocket listener;
    private Thread server;
    private Path home;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws IOException {
        db = newDatabase();
        listener = bindFirstFree();
        server = new Thread(this::serve, "fake-hikvision");
        server.setDaemon(true);
        server.start();
        home = Files.createTempDirectory("bigr-home");
    }

    @AfterAll
    void close() throws Exception {
        listener.close();
        server.join(2000);
        db.close();
    }

    private static ServerSocket bindFirstFree() throws IOException {
        for (int port : HTTP_PORTS) {
            ServerSocket s = new ServerSocket();
            try {
                s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 50);
                return s;
            } catch (IOException taken) {
                s.close();
            }
        }
        throw new IllegalStateException("none of the HTTP banner ports is free on " + HOST);
    }

    /** Answers every request as the camera's web server does; port-scan connects just close. */
    private void serve() {
        while (!listener.isClosed()) {
            try (Socket c = listener.accept()) {
                c.setSoTimeout(2000);
                InputStream in = c.getInputStream();
                byte[] buf = new byte[2048];
                int n = 0;
                while (n < buf.length) {
                    int r = in.read(buf, n, buf.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                    if (new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        break;
                    }
                }
                if (n == 0) {
                    continue;
                }
                OutputStream out = c.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\nContent-Type: text/html\r\n"
                        + "Connection: close\r\n\r\n<!DOCTYPE html><html><head><title></title></head><body></body>"
                        + "</html>").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // a probe that closed early, or the listener closing
            }
        }
    }

    private Cli.Result bigr(String... args) {
        return Cli.run(db, home, args);
    }

    /** {@code bigr fingerprints} needs no database and takes no configuration file. */
    private Cli.Result bigrNoConfig(String... args) {
        Map<String, String> env = new HashMap<>(Cli.env(db));
        env.put("HOME", home.toString());
        return Cli.run(env, args);
    }

    @Test
    @Order(1)
    void migrate() {
        assertThat(bigr("db", "migrate").exit()).isZero();
    }

    @Test
    @Order(2)
    void aScanStoresTheIdentityAndTheCategoryFollows() {
        int port = listener.getLocalPort();
        Cli.Result r = bigr("scan", HOST, "--ports", Integer.toString(port), "--no-diff");
        assertThat(r.exit()).as(r.toString()).isZero();
        ScanAssetView a = db.daos().scans().latestDetail(HOST).orElseThrow().assets().get(0);
        assertThat(a.openPorts()).containsExactly(port);
        JsonNode ev = a.rawEvidence();
        assertThat(ev.get("banners").get(Integer.toString(port)).get("server").asText()).isEqualTo("Hikvision-Webs");
        JsonNode identity = ev.get("identity");
        assertThat(identity).as(ev.toString()).isNotNull();
        assertThat(identity.get("device_type").get("value").asText()).isEqualTo("camera");
        assertThat(identity.get("device_type").get("fingerprint").asText()).isEqualTo("hikvision-webs");
        assertThat(identity.get("vendor").get("value").asText()).isEqualTo("Hikvision");
        assertThat(identity.get("vendor").get("source").asText()).isEqualTo("banners." + port + ".server");
        assertThat(a.vendor()).isEqualTo("Hikvision");
        // no MAC on loopback: the Server header's maker names the vendor (§4.3), and the identity agrees
        assertThat(ev.get("vendor_source").asText()).isEqualTo("http_server");
        assertThat(a.bigrCategory()).isEqualTo(BigrCategory.IOT);
        assertThat(ev.get("evidence_weights").toString()).contains("fingerprint:hikvision-webs");
    }

    @Test
    @Order(3)
    void aUsersFingerprintFolderIsUsedAndABadOneIsRefusedBeforeScanning() throws IOException {
        Path mine = Files.createDirectory(home.resolve("fingerprints"));
        Files.writeString(mine.resolve("lab.yaml"), """
                fingerprints:
                  - id: hikvision-webs
                    kind: http_server
                    pattern: '^Hikvision-Webs$'
                    vendor: Hikvision
                    device_type: nvr
                    certainty: 0.9
                    examples:
                      - text: 'Hikvision-Webs'
                """, StandardCharsets.UTF_8);
        int port = listener.getLocalPort();
        Cli.Result r = bigr("scan", HOST, "--ports", Integer.toString(port), "--no-diff", "--fingerprints",
                mine.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode identity = db.daos().scans().latestDetail(HOST).orElseThrow().assets().get(0).rawEvidence()
                .get("identity");
        assertThat(identity.get("device_type").get("value").asText()).isEqualTo("nvr");

        Files.writeString(mine.resolve("lab.yaml"), Files.readString(mine.resolve("lab.yaml"))
                .replace("device_type: nvr", "device_type: recorder"), StandardCharsets.UTF_8);
        Cli.Result bad = bigr("scan", HOST, "--ports", Integer.toString(port), "--fingerprints", mine.toString());
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("lab.yaml: fingerprints[0].device_type: unknown device type 'recorder'")
                .doesNotContain("\tat ");
    }

    @Test
    @Order(4)
    void theFingerprintsCommandPrintsCoverage() throws IOException {
        Cli.Result text = bigrNoConfig("fingerprints");
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).startsWith("Fingerprints: ").contains("ssh_banner", "port_set", "Hikvision");
        Cli.Result json = bigrNoConfig("fingerprints", "--json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode c = Json.MAPPER.readTree(json.out());
        assertThat(c.get("fingerprints").asInt()).isGreaterThanOrEqualTo(150);
        assertThat(c.get("examples").asInt()).isGreaterThanOrEqualTo(c.get("fingerprints").asInt());
        assertThat(c.get("by_kind").get("http_server").get("fingerprints").asInt()).isPositive();

        Path extra = Files.createDirectory(home.resolve("extra"));
        Files.writeString(extra.resolve("x.yaml"), "fingerprints:\n  - id: x\n    kind: http_server\n"
                + "    pattern: '(unclosed'\n    device_type: camera\n    certainty: 0.5\n    examples:\n"
                + "      - text: 'x'\n", StandardCharsets.UTF_8);
        Cli.Result bad = bigrNoConfig("fingerprints", "--fingerprints", extra.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("x.yaml: fingerprints[0].pattern: invalid regex '(unclosed'")
                .doesNotContain("\tat ");
    }
}
