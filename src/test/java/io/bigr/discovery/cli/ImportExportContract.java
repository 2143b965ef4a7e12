package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.testing.ApiApp;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bigr import} and {@code bigr export} on the user's path, on one database per subclass: a real
 * {@code nmap -sT -sV -oX} of two loopback listeners this test owns (an SSH greeting and an HTTP server) plus the
 * committed lab report, imported, then read through the HTTP API; bad files refused whole; an earlier release's
 * {@code assets.json}; and export XML → import into a fresh database → the same inventory. nmap is pointed at
 * 127.0.0.1 and the two listener ports only, bounded by {@code --host-timeout}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ImportExportContract {
    static final String SSH_GREETING = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n";
    private TestDb db;
    private Path home;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws IOException {
        db = newDatabase();
        home = Files.createTempDirectory("bigr-home");
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private Cli.Result bigr(String... args) {
        return Cli.run(db, home, args);
    }

    static Path resource(String name) {
        return Path.of(System.getProperty("user.dir"), "src", "test", "resources", "import", name);
    }

    private long scans() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM scans").mapTo(Long.class).one());
    }

    /** The inventory as {@code GET /api/assets/export?format=jsonl} gives it, by IP. */
    static Map<String, JsonNode> exported(ApiApp app) {
        Map<String, JsonNode> byIp = new LinkedHashMap<>();
        try (var r = app.get("/api/assets/export?format=jsonl")) {
            assertThat(r.getStatus()).isEqualTo(200);
            r.readEntity(String.class).lines().map(Json::parseOrNull).forEach(n -> byIp.put(n.path("ip").asText(), n));
        }
        return byIp;
    }

    @Test
    @Order(1)
    void realNmapReportAndTheLabFixtureAreImportedLikeScans() throws Exception {
        assertThat(bigr("db", "migrate").exit()).isZero();
        Path report = home.resolve("nmap-loopback.xml");
        int sshPort;
        int httpPort;
        List<Thread> threads = new ArrayList<>();
        try (ServerSocket ssh = listener(); ServerSocket http = listener()) {
            sshPort = ssh.getLocalPort();
            httpPort = http.getLocalPort();
            threads.add(serve(ssh, SSH_GREETING, false));
            threads.add(serve(http, "HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Type: text/html\r\n"
                    + "Content-Length: 27\r\nConnection: close\r\n\r\n<html><title>x</title></html>", true));
            Process nmap = new ProcessBuilder("nmap", "-sT", "-sV", "-Pn", "-n", "--host-timeout", "90s",
                    "-p", sshPort + "," + httpPort, "-oX", report.toString(), "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(home.resolve("nmap.log").toFile()).start();
            assertThat(nmap.waitFor(120, TimeUnit.SECONDS)).as("nmap finished").isTrue();
            assertThat(nmap.exitValue()).as(Files.readString(home.resolve("nmap.log"))).isZero();
        } finally {
            threads.forEach(Thread::interrupt);
        }
        String xml = Files.readString(report);
        Map<Integer, String[]> nmapSaid = services(xml);
        assertThat(nmapSaid).containsKeys(sshPort, httpPort);
        assertThat(nmapSaid.get(sshPort)).containsExactly("ssh", "OpenSSH", "9.2p1 Debian 2+deb12u3");

        Cli.Result imported = bigr("import", report.toString(), resource("nmap-lab.xml").toString());
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("nmap-loopback.xml (nmap XML): 1 host(s), 2 open port(s)")
                .contains("nmap-lab.xml (nmap XML): 2 host(s), 4 open port(s)").contains("saved as scan");
        assertThat(scans()).isEqualTo(2);

        try (ApiApp app = ApiApp.start(db)) {
            Map<String, JsonNode> inventory = exported(app);
            assertThat(inventory.keySet()).containsExactlyInAnyOrder("127.0.0.1", "10.20.0.5", "10.20.0.7");

            JsonNode loopback = inventory.get("127.0.0.1");
            assertThat(ports(loopback)).containsExactlyInAnyOrder(sshPort, httpPort);
            for (JsonNode s : loopback.path("services")) {
                String[] said = nmapSaid.get(s.path("port").asInt());
                assertThat(s.path("service").asText()).isEqualTo(said[0]);
                assertThat(s.path("product").isNull() ? null : s.path("product").asText()).isEqualTo(said[1]);
                assertThat(s.path("version").isNull() ? null : s.path("version").asText()).isEqualTo(said[2]);
            }
            assertThat(loopback.path("services")).hasSize(2);

            JsonNode sw = inventory.get("10.20.0.5");
            assertThat(sw.path("mac").asText()).isEqualTo("00:1e:bd:11:22:33");
            assertThat(sw.path("vendor").asText()).isEqualTo("Cisco Systems");
            assertThat(sw.path("hostname").asText()).isEqualTo("core-sw.lab.example");
            assertThat(ports(sw)).containsExactly(22, 443);
            assertThat(sw.path("services").get(0).path("product").asText()).isEqualTo("OpenSSH");
            assertThat(sw.path("services").get(0).path("version").asText()).isEqualTo("8.9p1 Ubuntu 3ubuntu0.6");
            assertThat(sw.path("services").get(1).path("version").asText()).isEqualTo("1.24.0");
            assertThat(sw.path("bigr_category").asText()).as("classified like a scan").isEqualTo("ag_ve_sistemler");
            assertThat(inventory.get("10.20.0.7").path("bigr_category").asText()).isEqualTo("iot");

            JsonNode detail = app.getJson("/api/assets/10.20.0.5");
            assertThat(detail.path("asset").path("vendor").asText()).isEqualTo("Cisco Systems");
            assertThat(detail.path("history").get(0).path("raw_evidence").path("banners").path("22")
                    .path("product").asText()).isEqualTo("OpenSSH");

            try (var csv = app.get("/api/assets/export?format=csv")) {
                String body = csv.readEntity(String.class);
                assertThat(body.lines().findFirst().orElseThrow()).endsWith(",open_ports,services,cves")
                        .startsWith(String.join(",", io.bigr.discovery.api.InventoryExport.COLUMNS));
                assertThat(body).contains("22/ssh OpenSSH 8.9p1 Ubuntu 3ubuntu0.6; 443/http nginx 1.24.0");
            }
        }
    }

    @Test
    @Order(2)
    void badFilesAreOneLineAndStoreNothing() throws IOException {
        long before = scans();
        Path broken = home.resolve("broken.xml");
        Files.writeString(broken, "<nmaprun start=\"1767261600\"><host>");
        for (String[] c : List.of(new String[]{resource("nmap-lab.xml").toString(), broken.toString(), "broken.xml"},
                new String[]{resource("xxe.xml").toString(), "xxe.xml"},
                new String[]{resource("bad-ip.json").toString(), "bad-ip.json: assets[1].ip"},
                new String[]{home.resolve("missing.xml").toString(), "missing.xml: no such file"})) {
            List<String> args = new ArrayList<>(List.of("import"));
            args.addAll(List.of(c).subList(0, c.length - 1));
            Cli.Result r = bigr(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
            assertThat(r.err()).startsWith("Error: ").contains(c[c.length - 1]).contains("nothing imported")
                    .doesNotContain("root:").doesNotContain("Exception");
        }
        assertThat(scans()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void anEarlierReleasesAssetsJsonIsImported() {
        Cli.Result r = bigr("import", resource("assets-legacy.json").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("(scan JSON): 1 host(s), 2 open port(s)");
        try (ApiApp app = ApiApp.start(db)) {
            JsonNode asset = exported(app).get("10.30.0.20");
            assertThat(asset.path("hostname").asText()).isEqualTo("app-01");
            assertThat(asset.path("mac").asText()).isEqualTo("00:50:56:aa:bb:01");
            assertThat(ports(asset)).containsExactly(22, 8080);
            // Kept with the file's own times (an earlier scan than the nmap imports, so listed after them).
            JsonNode scans = app.getJson("/api/scans").path("scans");
            assertThat(scans.findValuesAsText("target")).contains("10.30.0.0/24");
            assertThat(scans.findValuesAsText("started_at")).anyMatch(t -> t.startsWith("2025-06-01T09:00:00.123"));
        }
    }

    @Test
    @Order(4)
    void exportXmlImportedIntoAFreshDatabaseIsTheSameInventory() throws Exception {
        Path xml = home.resolve("inventory.xml");
        Cli.Result export = bigr("export", "--format", "xml", "--output", xml.toString());
        assertThat(export.exit()).as(export.toString()).isZero();
        assertThat(Files.readString(xml)).startsWith("<?xml").contains("<nmaprun scanner=\"bigr\"");
        Map<String, JsonNode> original;
        try (ApiApp app = ApiApp.start(db)) {
            original = exported(app);
        }
        try (TestDb fresh = newDatabase().migrate()) {
            Cli.Result imported = Cli.run(fresh, home, "import", xml.toString());
            assertThat(imported.exit()).as(imported.toString()).isZero();
            try (ApiApp app = ApiApp.start(fresh)) {
                Map<String, JsonNode> copy = exported(app);
                assertThat(copy.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
                for (String ip : original.keySet()) {
                    for (String key : List.of("mac", "hostname", "vendor", "open_ports", "services",
                            "bigr_category")) {
                        assertThat(copy.get(ip).path(key)).as(ip + " " + key).isEqualTo(original.get(ip).path(key));
                    }
                }
            }
        }
    }

    @Test
    @Order(5)
    void importWithServerPostsToTheServerInstead() throws Exception {
        long localScans = scans();
        try (TestDb central = newDatabase().migrate(); ApiApp app = ApiApp.start(central)) {
            Cli.Result r = bigr("import", resource("nmap-lab.xml").toString(), "--server", app.url(""), "--token",
                    ApiApp.TOKEN);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("sent to " + app.url(""));
            assertThat(exported(app).keySet()).containsExactlyInAnyOrder("10.20.0.5", "10.20.0.7");
            assertThat(exported(app).get("10.20.0.5").path("services").get(0).path("version").asText())
                    .isEqualTo("8.9p1 Ubuntu 3ubuntu0.6");
        }
        assertThat(scans()).as("nothing stored locally").isEqualTo(localScans);
    }

    private static List<Integer> ports(JsonNode asset) {
        List<Integer> out = new ArrayList<>();
        asset.path("open_ports").forEach(p -> out.add(p.asInt()));
        return out;
    }

    /** Port → {name, product, version} of every open port in an nmap report (read here with a plain pattern). */
    static Map<Integer, String[]> services(String xml) {
        Map<Integer, String[]> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<port protocol=\"tcp\" portid=\"(\\d+)\"><state state=\"open\"[^>]*/>"
                + "(?:<service ([^>]*?)/?>)?").matcher(xml);
        while (m.find()) {
            String attrs = m.group(2) == null ? "" : m.group(2);
            out.put(Integer.parseInt(m.group(1)), new String[]{attr(attrs, "name"), attr(attrs, "product"),
                    attr(attrs, "version")});
        }
        return out;
    }

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attrs);
        return m.find() ? m.group(1) : null;
    }

    private static ServerSocket listener() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        s.setSoTimeout(1000);
        return s;
    }

    /** Answers every connection with {@code reply} (after the request line for HTTP), for at most 150 s. */
    private static Thread serve(ServerSocket server, String reply, boolean waitForRequest) {
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < end && !server.isClosed()) {
                try (Socket c = server.accept()) {
                    c.setSoTimeout(2000);
                    InputStream in = c.getInputStream();
                    if (waitForRequest) {
                        byte[] buf = new byte[4096];
                        in.read(buf);
                    }
                    OutputStream out = c.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (!waitForRequest) {
                        in.read(new byte[256]);
                    }
                } catch (IOException e) {
                    // a probe that hung up, or the accept timeout: keep serving until the end
                }
            }
        }, "import-listener");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
