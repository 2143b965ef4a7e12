package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code bigr scan} end to end against the suite's namespace lab ({@link LabDevices}: 54 imitated devices of 40+
 * kinds from 30+ vendors, never a real network): the real command, run in the lab's scanner namespace as a child JVM
 * with SNMP credentials registered for the lab's agents, must find every host with its MAC and exactly its open
 * ports, read what the devices volunteer (SSDP and UPnP descriptions, identity endpoints, mDNS records, NetBIOS name
 * tables, SNMP system groups) and identify them: the category of at least 95 % of the devices and the device type of
 * at least 90 %, both printed. The lab is built and scanned once for all the tests here. Skipped only when not root
 * outside CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanLabIT {
    static final int THIRD_OCTET = 77;

    private TestDb db;
    private NamespaceLab lab;
    private List<LabDevices.Device> devices;
    private JsonNode result;
    private String printed;
    private final Map<String, JsonNode> byIp = new TreeMap<>();
    private Path tmp;

    @BeforeAll
    void scanTheLab() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.isRoot() || "true".equals(System.getenv("CI")),
                "the namespace lab needs root (it always runs under CI=true)");
        tmp = Files.createTempDirectory("bigr-lab-it");
        db = TestDb.sqlite().migrate();
        lab = new NamespaceLab(THIRD_OCTET);
        devices = LabDevices.all(lab.prefix);
        lab.start(devices.stream().map(LabDevices.Device::host).toList());
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of("BIGR_DB", db.url(), "HOME", tmp.toString(),
                "BIGR_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        // The SNMP agents' credentials, as a user registers them; the scan asks only these hosts.
        for (LabDevices.Device d : devices) {
            if (d.snmp != null) {
                Path log = tmp.resolve("snmp-add-" + d.octet + ".log");
                int exit = lab.inScanner(bigr("snmp", "add", d.ip, "--community", LabDevices.COMMUNITY), env, log, 120);
                assertThat(exit).as(Files.readString(log)).isZero();
            }
        }
        TreeSet<Integer> ports = new TreeSet<>(PortList.DEFAULTS);
        devices.forEach(d -> ports.addAll(d.ports()));
        Path out = tmp.resolve("assets.json");
        Path log = tmp.resolve("scan.log");
        int exit = lab.inScanner(bigr("scan", lab.subnet, "--ports",
                ports.stream().map(String::valueOf).collect(Collectors.joining(",")), "--output", out.toString(), "--verbose"),
                env, log, 240);
        printed = Files.readString(log);
        assertThat(exit).as(printed).isZero();
        result = Json.MAPPER.readTree(out.toFile());
        result.get("assets").forEach(a -> byIp.put(a.get("ip").asText(), a));
    }

    private static List<String> bigr(String... args) {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.bigr.discovery.BigrApplication"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @AfterAll
    void close() throws Exception {
        if (lab != null) {
            lab.close();
        }
        if (db != null) {
            db.close();
        }
        if (tmp != null) {
            try (var files = Files.walk(tmp)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    @Test
    void findsEveryHostWithItsMacAndExactlyItsPorts() {
        Set<String> expected = new HashSet<>();
        expected.add(lab.prefix + "1"); // the scanner's own bridge address is a live host of the subnet too
        devices.forEach(d -> expected.add(d.ip));
        assertThat(byIp.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode self = byIp.get(lab.prefix + "1");
        assertThat(self.get("mac").isNull()).isTrue();
        assertThat(self.get("open_ports")).isEmpty();
        for (LabDevices.Device d : devices) {
            JsonNode a = byIp.get(d.ip);
            assertThat(a.get("mac").asText()).as("mac of %s", d.kind).isEqualTo(d.mac);
            List<Integer> ports = new ArrayList<>();
            a.get("open_ports").forEach(p -> ports.add(p.asInt()));
            assertThat(ports).as("ports of %s", d.kind).isEqualTo(d.ports());
            if (d.hostname != null) {
                assertThat(a.get("hostname").asText()).as("hostname of %s", d.kind).isEqualTo(d.hostname);
            }
            assertThat(a.get("scan_method").asText()).isIn("active", "hybrid");
        }
    }

    @Test
    void identifiesTheDevices() {
        int category = 0;
        int type = 0;
        int vendor = 0;
        int withVendor = 0;
        Set<String> vendors = new TreeSet<>();
        List<String> misses = new ArrayList<>();
        for (LabDevices.Device d : devices) {
            JsonNode a = byIp.get(d.ip);
            String gotCategory = a.get("bigr_category").asText();
            String gotType = a.get("device_type").isNull() ? null : a.get("device_type").asText();
            String gotVendor = a.get("vendor").isNull() ? null : a.get("vendor").asText();
            boolean c = gotCategory.equals(d.type.category().value());
            boolean t = d.type.value().equals(gotType);
            category += c ? 1 : 0;
            type += t ? 1 : 0;
            if (d.vendor != null) {
                withVendor++;
                vendors.add(d.vendor);
                boolean v = gotVendor != null && gotVendor.toLowerCase(Locale.ROOT)
                        .contains(d.vendor.toLowerCase(Locale.ROOT).split(" ")[0]);
                vendor += v ? 1 : 0;
                if (!v) {
                    misses.add(String.format(Locale.ROOT, "  vendor   %-40s expected %s, got %s", d.kind, d.vendor,
                            gotVendor));
                }
            }
            if (!c || !t) {
                misses.add(String.format(Locale.ROOT, "  %-8s %-40s expected %s/%s, got %s/%s  evidence %s",
                        c ? "type" : "category", d.kind, d.type.category().value(), d.type.value(), gotCategory,
                        gotType, a.get("raw_evidence")));
            }
        }
        int n = devices.size();
        System.out.println();
        System.out.printf(Locale.ROOT, "=== namespace lab: %d devices, %d kinds, %d vendors ===%n", n,
                devices.stream().map(x -> x.kind).distinct().count(), vendors.size());
        System.out.printf(Locale.ROOT, "category right:    %d/%d (%.1f %%)%n", category, n, 100.0 * category / n);
        System.out.printf(Locale.ROOT, "device type right: %d/%d (%.1f %%)%n", type, n, 100.0 * type / n);
        System.out.printf(Locale.ROOT, "vendor right:      %d/%d (%.1f %%)%n", vendor, withVendor,
                100.0 * vendor / withVendor);
        misses.forEach(System.out::println);
        printed.lines().filter(l -> l.contains("details:")).forEach(l -> System.out.println("bigr " + l.trim()));
        assertThat(devices.stream().map(x -> x.kind).distinct().count()).isGreaterThanOrEqualTo(40);
        assertThat(vendors.size()).isGreaterThanOrEqualTo(25);
        assertThat(category).as("category right for >= 95 %%:%n%s", String.join("\n", misses))
                .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * n));
        assertThat(type).as("device type right for >= 90 %%:%n%s", String.join("\n", misses))
                .isGreaterThanOrEqualTo((int) Math.ceil(0.90 * n));
    }

    @Test
    void readsWhatDevicesVolunteer() {
        // SSDP → UPnP description on a scanned host, with the SSDP SERVER line
        JsonNode tv = evidence(53).get("upnp");
        assertThat(tv).isNotNull();
        assertThat(tv.findValuesAsText("model_name")).contains("QE55Q80TATXXU");
        assertThat(tv.findValuesAsText("source")).contains("ssdp", "samsung_api");
        assertThat(tv.findValuesAsText("server")).contains("SHP, UPnP/1.0, Samsung UPnP SDK/1.0");
        // identity endpoints asked on ports that answered HTTP
        assertThat(evidence(48).get("upnp").findValuesAsText("source")).containsExactly("eureka_info");
        assertThat(evidence(51).get("upnp").findValuesAsText("model_name")).containsExactly("Roku Ultra");
        // NetBIOS node status of SMB hosts
        assertThat(evidence(24).get("netbios").get("names").toString()).contains("CORP<1C> (group)");
        assertThat(byIp.get(lab.prefix + "33").get("hostname").asText()).isEqualTo("laptop-4f2k9q1b");
        // SNMP system group of the hosts with a credential
        assertThat(evidence(10).get("snmp_sys_descr").asText()).startsWith("Cisco IOS Software, C2960X Software");
        assertThat(evidence(10).get("snmp_sys_object_id").asText()).isEqualTo("1.3.6.1.4.1.9.1.1208");
        assertThat(evidence(62).get("snmp_sys_descr").asText()).contains("MN:AP9631");
        assertThat(evidence(20).has("snmp_sys_descr")).isFalse();
        // mDNS TXT model keys reach the identity
        assertThat(evidence(37).get("identity").get("product").get("value").asText()).isEqualTo("MacBookPro18,3");
        assertThat(evidence(40).get("identity").get("product").get("value").asText()).contains("LaserJet Pro M404dn");
        // services on unusual ports are identified like any other
        assertThat(evidence(20).get("banners").get("18081").get("server").asText()).isEqualTo("nginx/1.24.0 (Ubuntu)");
        assertThat(evidence(59).get("banners").get("12222").get("banner").asText())
                .isEqualTo("SSH-2.0-OpenSSH_9.2p1 Raspbian-2+deb12u3");
        assertThat(evidence(21).get("identity").get("product").get("value").asText()).isEqualTo("MariaDB");
    }

    @Test
    void storesWhatItPrinted() {
        assertThat(printed).contains(lab.subnet + ": " + (devices.size() + 1) + " host(s)").contains("saved as scan");
        ScanDetail stored = db.daos().scans().latestDetail(lab.subnet).orElseThrow();
        assertThat(stored.assets()).extracting(ScanAssetView::ip).containsExactlyInAnyOrderElementsOf(byIp.keySet());
        assertThat(stored.assets()).filteredOn(v -> v.ip().equals(lab.prefix + "44"))
                .extracting(ScanAssetView::mac).containsExactly("a4:14:37:4a:44:21");
    }

    private JsonNode evidence(int octet) {
        return byIp.get(lab.prefix + octet).get("raw_evidence");
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
