package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a real {@code bigr scan} of two loopback listeners leaves behind, read through the API, one database per
 * subclass: an OpenSSH 9.6p1 greeting plus an imported NVD record for OpenSSH before 9.8 gives a
 * {@code version_confirmed} match; a camera that says {@code Server: Hikvision-Webs} (no MAC on loopback) gets its
 * vendor, the vendor's CVEs and a UTF-8 page title read right; after a tag, the banners, vendor and OS hint stay in
 * the evidence beside the tag, whose category wins.
 *
 * <p>The listeners use ports 2222 (SSH greeting) and 8080 (HTTP), two ports the scan first read banners on (it now asks
 * every open port, docs/DOMAIN.md §5.12); each run binds them on its own random 127.x.y.z pair, so parallel runs never
 * meet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FingerprintSeamsContract {
    private static final int SSH_PORT = 2222;
    private static final int HTTP_PORT = 8080;
    private static final String TITLE = "BİGR Discovery";
    private static final String FEED = Path.of("src/test/resources/nvd/openssh-before-9.8.json").toAbsolutePath()
            .toString();
    private TestDb db;
    private Path home;
    private String prefix;
    private String ssh;
    private String camera;
    private final List<ServerSocket> listeners = new ArrayList<>();

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws IOException {
        db = newDatabase();
        home = Files.createTempDirectory("bigr-home");
        for (int attempt = 0; ; attempt++) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            prefix = "127." + r.nextInt(100, 250) + "." + r.nextInt(1, 250) + ".";
            try {
                listeners.add(listen(prefix + "10", SSH_PORT, false,
                        "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n".getBytes(StandardCharsets.US_ASCII)));
                listeners.add(listen(prefix + "11", HTTP_PORT, true, ("HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\n"
                        + "Content-Type: text/html\r\nConnection: close\r\n\r\n<html><head><title>" + TITLE
                        + "</title></head><body>login</body></html>").getBytes(StandardCharsets.UTF_8)));
                break;
            } catch (BindException e) {
                closeListeners();
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        ssh = prefix + "10";
        camera = prefix + "11";
    }

    /** Answers every connection (discovery probes included) until closed; each connection bounded to 2 s. */
    private static ServerSocket listen(String ip, int port, boolean waitForRequest, byte[] reply) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 50);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.setSoTimeout(2000);
                    if (waitForRequest) {
                        c.getInputStream().read(new byte[1024]);
                    }
                    OutputStream out = c.getOutputStream();
                    out.write(reply);
                    out.flush();
                } catch (IOException e) {
                    // a probe that went away, or the listener closing
                }
            }
        }, "seams-listener-" + port);
        t.setDaemon(true);
        t.start();
        return s;
    }

    private void closeListeners() throws IOException {
        for (ServerSocket s : listeners) {
            s.close();
        }
        listeners.clear();
    }

    @AfterAll
    void close() throws Exception {
        closeListeners();
        db.close();
    }

    private Cli.Result bigr(String... args) {
        Cli.Result r = Cli.run(db, home, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private Cli.Result scan() {
        return bigr("scan", prefix + "10-11", "--ports", SSH_PORT + "," + HTTP_PORT);
    }

    private static JsonNode asset(JsonNode data, String ip) {
        for (JsonNode a : data.get("assets")) {
            if (a.get("ip").asText().equals(ip)) {
                return a;
            }
        }
        throw new AssertionError(ip + " not in " + data);
    }

    private static JsonNode match(JsonNode vulns, String ip, String cveId) {
        for (JsonNode s : vulns.get("summaries")) {
            if (s.get("ip").asText().equals(ip)) {
                for (JsonNode m : s.get("matches")) {
                    if (m.get("cve").get("cve_id").asText().equals(cveId)) {
                        return m;
                    }
                }
            }
        }
        throw new AssertionError(cveId + " not matched on " + ip + ": " + vulns);
    }

    private void assertSshVersionConfirmed(JsonNode vulns) {
        JsonNode m = match(vulns, ssh, "CVE-2024-6387");
        assertThat(m.get("match_type").asText()).isEqualTo("version_confirmed");
        assertThat(m.get("confidence_label").asText()).isEqualTo("high");
        JsonNode ev = m.get("evidence");
        assertThat(ev.get("source").asText()).isEqualTo("banner");
        assertThat(ev.get("port").asInt()).isEqualTo(SSH_PORT);
        assertThat(ev.get("text").asText()).isEqualTo("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13");
        assertThat(ev.get("product").asText()).isEqualTo("OpenSSH");
        assertThat(ev.get("version").asText()).isEqualTo("9.6p1");
        assertThat(ev.get("version_range").asText()).isEqualTo(">= 8.5, < 9.8");
    }

    @Test
    @Order(1)
    void aScanOfTheListenersGivesVersionConfirmedCvesVendorAndUtf8Title() {
        bigr("db", "migrate");
        assertThat(bigr("vuln", "import", FEED).out()).contains("1");
        bigr("vuln", "seed");
        Cli.Result first = scan();
        assertThat(first.out()).contains("2 host(s), 2 open port(s)");

        try (ApiApp app = ApiApp.start(db)) {
            JsonNode vulns = app.getJson("/api/vulnerabilities");
            assertSshVersionConfirmed(vulns);
            JsonNode hik = match(vulns, camera, "CVE-2021-36260");
            assertThat(hik.get("match_type").asText()).isEqualTo("vendor_only");
            assertThat(hik.get("asset_vendor").asText()).isEqualTo("Hikvision");

            JsonNode data = app.getJson("/api/data");
            JsonNode cam = asset(data, camera);
            assertThat(cam.get("mac").isNull()).isTrue();
            assertThat(cam.get("vendor").asText()).isEqualTo("Hikvision");
            assertThat(cam.get("bigr_category").asText()).isEqualTo("iot");
            JsonNode ev = cam.get("raw_evidence");
            assertThat(ev.get("vendor_source").asText()).isEqualTo("http_server");
            assertThat(ev.get("vendor_match").asText()).isEqualTo("port 8080 Server: Hikvision-Webs → Hikvision");
            assertThat(ev.get("banners").get("8080").get("title").asText()).isEqualTo(TITLE);
            assertThat(ev.get("banners").get("8080").get("server").asText()).isEqualTo("Hikvision-Webs");
            assertThat(asset(data, ssh).get("vendor").isNull()).as("OpenSSH names no maker").isTrue();
        }
    }

    @Test
    @Order(2)
    void taggedAssetsKeepTheirObservedEvidenceBesideTheTag() {
        String osHintBefore;
        try (ApiApp app = ApiApp.start(db)) {
            osHintBefore = asset(app.getJson("/api/data"), camera).get("os_hint").asText(null);
            try (Response r = app.put("/api/assets/" + camera + "/tag",
                    Map.of("category", "tasinabilir", "note", "lobby camera"))) {
                assertThat(r.getStatus()).isEqualTo(200);
            }
        }
        assertThat(osHintBefore).isEqualTo("IP Camera");
        bigr("tag", ssh, "--category", "uygulamalar", "--note", "jump host");
        scan();

        try (ApiApp app = ApiApp.start(db)) {
            JsonNode data = app.getJson("/api/data");
            JsonNode cam = asset(data, camera);
            assertThat(cam.get("bigr_category").asText()).isEqualTo("tasinabilir");
            assertThat(cam.get("confidence_score").asDouble()).isEqualTo(1.0);
            assertThat(cam.get("manual_override").asBoolean()).isTrue();
            assertThat(cam.get("vendor").asText()).isEqualTo("Hikvision");
            assertThat(cam.get("os_hint").asText()).isEqualTo(osHintBefore);
            JsonNode camEv = cam.get("raw_evidence");
            assertThat(camEv.get("manual_override").asText()).isEqualTo("lobby camera");
            assertThat(camEv.get("banners").get("8080").get("title").asText()).isEqualTo(TITLE);
            assertThat(camEv.get("vendor_source").asText()).isEqualTo("http_server");
            assertThat(camEv.has("evidence_weights")).isFalse();

            JsonNode host = asset(data, ssh);
            assertThat(host.get("bigr_category").asText()).isEqualTo("uygulamalar");
            JsonNode hostEv = host.get("raw_evidence");
            assertThat(hostEv.get("manual_override").asText()).isEqualTo("jump host");
            assertThat(hostEv.get("banners").get(Integer.toString(SSH_PORT)).get("banner").asText())
                    .isEqualTo("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13");
            assertSshVersionConfirmed(app.getJson("/api/vulnerabilities"));
        }
    }
}
