package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bigr scan} end to end against a lab of network namespaces this test creates (never a real network):
 * the real command, run in the lab's scanner namespace as a child JVM, finds every host with its MAC, hostname,
 * open ports and banners, and nothing else, and stores what it found. Skipped only when not root outside CI.
 */
class ScanLabIT {
    static final List<NamespaceLab.Host> HOSTS = List.of(
            new NamespaceLab.Host(11, "00:50:56:0a:00:11", "esx-01.lab", List.of(22),
                    Map.of(22, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"), List.of(), null, null),
            new NamespaceLab.Host(12, "a4:14:37:0a:00:12", "lobby-cam-01.lab", List.of(80, 554), Map.of(),
                    List.of(80), "Hikvision-Webs", "Lobby Camera"),
            new NamespaceLab.Host(13, "3c:22:fb:0a:00:13", "okan-laptop.lab", List.of(62078), Map.of(), List.of(),
                    null, null),
            new NamespaceLab.Host(14, "00:1e:bd:0a:00:14", null, List.of(22, 80, 443, 161),
                    Map.of(22, "SSH-2.0-Cisco-1.25"), List.of(80), "cisco-IOS", "core switch"));

    /** What the bundled rules must make of each lab host: vendor (docs/DOMAIN.md §4.3 override table) and category. */
    static final Map<Integer, String[]> VERDICT = Map.of(
            11, new String[] {"VMware", "ag_ve_sistemler"},          // vendor rule VMware
            12, new String[] {"Hikvision", "iot"},                    // RTSP, camera vendor, "cam-" name, IP Camera banner
            13, new String[] {"Apple", "tasinabilir"},                // iDevice port, Apple, "laptop" name
            14, new String[] {"Cisco", "ag_ve_sistemler"});           // 22/80/443 server, SNMP, Cisco, Cisco banner

    @TempDir
    Path tmp;

    @Test
    void findsEveryLabHostAndNothingElse() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.isRoot() || "true".equals(System.getenv("CI")),
                "the namespace lab needs root (it always runs under CI=true)");
        try (TestDb db = TestDb.sqlite().migrate(); NamespaceLab lab = new NamespaceLab(77).start(HOSTS)) {
            Path out = tmp.resolve("assets.json");
            Path log = tmp.resolve("scan.log");
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), "io.bigr.discovery.BigrApplication",
                    "scan", lab.subnet, "--output", out.toString()));
            int exit = lab.inScanner(cmd, Map.of("BIGR_DB", db.url(), "HOME", tmp.toString()), log, 240);
            String printed = Files.readString(log);
            assertThat(exit).as(printed).isZero();
            JsonNode result = Json.MAPPER.readTree(out.toFile());

            Map<String, JsonNode> byIp = new TreeMap<>();
            result.get("assets").forEach(a -> byIp.put(a.get("ip").asText(), a));
            // The lab hosts, plus the scanner itself (the bridge address is a live host of that subnet too).
            assertThat(byIp).containsOnlyKeys(lab.prefix + "1", lab.prefix + "11", lab.prefix + "12",
                    lab.prefix + "13", lab.prefix + "14");
            JsonNode self = byIp.get(lab.prefix + "1");
            assertThat(self.get("mac").isNull()).isTrue();
            assertThat(self.get("open_ports")).isEmpty();
            for (NamespaceLab.Host h : HOSTS) {
                JsonNode a = byIp.get(lab.prefix + h.octet());
                assertThat(a.get("mac").asText()).as("mac of .%d", h.octet()).isEqualTo(h.mac());
                List<Integer> ports = new ArrayList<>();
                a.get("open_ports").forEach(p -> ports.add(p.asInt()));
                List<Integer> expected = h.ports().stream().filter(PortList.DEFAULTS::contains).sorted().toList();
                assertThat(ports).as("ports of .%d", h.octet()).isEqualTo(expected);
                if (h.hostname() == null) {
                    assertThat(a.get("hostname").isNull()).isTrue();
                } else {
                    assertThat(a.get("hostname").asText()).isEqualTo(h.hostname());
                }
                assertThat(a.get("scan_method").asText()).isIn("active", "hybrid");
                assertThat(a.get("vendor").asText()).as("vendor of .%d", h.octet()).isEqualTo(VERDICT.get(h.octet())[0]);
                assertThat(a.get("bigr_category").asText()).as("category of .%d: %s", h.octet(), a.get("raw_evidence"))
                        .isEqualTo(VERDICT.get(h.octet())[1]);
                assertThat(a.get("raw_evidence").has("vendor_rule")).isTrue();
            }
            assertThat(self.get("bigr_category").asText()).isEqualTo("unclassified");
            assertThat(byIp.get(lab.prefix + "12").get("os_hint").asText()).isEqualTo("IP Camera");
            assertThat(byIp.get(lab.prefix + "14").get("os_hint").asText()).isEqualTo("Network Equipment (Cisco)");
            assertThat(byIp.get(lab.prefix + "11").get("os_hint").asText()).isEqualTo("Linux");
            assertThat(byIp.get(lab.prefix + "11").get("raw_evidence").get("banners").get("22").get("banner").asText())
                    .isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
            JsonNode http = byIp.get(lab.prefix + "12").get("raw_evidence").get("banners").get("80");
            assertThat(http.get("server").asText()).isEqualTo("Hikvision-Webs");
            assertThat(http.get("title").asText()).isEqualTo("Lobby Camera");

            // What was printed and what was stored match the file.
            assertThat(printed).contains(lab.subnet + ": 5 host(s)").contains("saved as scan");
            ScanDetail stored = db.daos().scans().latestDetail(lab.subnet).orElseThrow();
            assertThat(stored.assets()).extracting(ScanAssetView::ip).containsExactlyInAnyOrderElementsOf(byIp.keySet());
            assertThat(stored.assets()).filteredOn(v -> v.ip().equals(lab.prefix + "12"))
                    .extracting(ScanAssetView::mac).containsExactly("a4:14:37:0a:00:12");
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
