package io.bigr.discovery.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loading and validating rule files: the bundled set matches docs/DOMAIN.md §4.6–§4.9, and every bad field is named.
 */
class RuleFilesTest {
    private static final BigrCategory AG = BigrCategory.AG_VE_SISTEMLER;
    private static final BigrCategory UYG = BigrCategory.UYGULAMALAR;
    private static final BigrCategory IOT = BigrCategory.IOT;
    private static final BigrCategory TAS = BigrCategory.TASINABILIR;

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ the bundled rules are exactly the spec

    /** Start-up skips Bean Validation for the bundled files; this is where they get it. */
    @Test
    void bundledRulesPassEveryCheckAUsersRulesGet() {
        RuleSet checked = RuleFiles.bundled(true);
        RuleSet loaded = RuleFiles.bundled();
        assertThat(checked.portRules()).isNotEmpty();
        assertThat(loaded.portRules()).map(PortRule::name).containsExactlyElementsOf(
                checked.portRules().stream().map(PortRule::name).toList());
        assertThat(loaded.vendorRules()).isEqualTo(checked.vendorRules());
        assertThat(loaded.serviceRules()).isEqualTo(checked.serviceRules());
        assertThat(loaded.hostnameRules()).map(h -> h.name() + " " + h.pattern().pattern() + " " + h.weights())
                .containsExactlyElementsOf(checked.hostnameRules().stream()
                        .map(h -> h.name() + " " + h.pattern().pattern() + " " + h.weights()).toList());
    }

    @Test
    void bundledPortRulesAreSection46() {
        List<PortRule> rules = Classifier.load(null).rules().portRules();
        assertThat(rules).extracting(PortRule::name).containsExactly("Server multi-port", "Web-only (no SSH)",
                "Printer (JetDirect)", "RTSP Camera", "MQTT IoT", "RDP Desktop", "SNMP Network Equipment",
                "Database Server", "IPP/CUPS Printer", "UPnP Device", "mDNS/AirPlay", "Chromecast", "Apple iDevice",
                "DNS Router");
        assertThat(rules.get(0).includeAll()).containsExactlyInAnyOrder(22, 80, 443);
        assertThat(rules.get(1).includeAny()).containsExactlyInAnyOrder(80, 443, 8080, 8443);
        assertThat(rules.get(1).exclude()).containsExactly(22);
        assertThat(rules.get(7).includeAny()).containsExactlyInAnyOrder(3306, 5432, 1433, 27017);
        assertThat(rules.get(9).includeAny()).containsExactlyInAnyOrder(1900, 49152);
        assertThat(rules.get(13).includeAny()).containsExactly(53);
        assertThat(rules.get(13).exclude()).containsExactly(22);
        assertThat(rules).extracting(r -> r.weights().byCategory()).containsExactly(
                Map.of(AG, 0.4), Map.of(UYG, 0.4), Map.of(IOT, 0.5), Map.of(IOT, 0.5), Map.of(IOT, 0.4),
                Map.of(TAS, 0.3), Map.of(AG, 0.3), Map.of(AG, 0.2), Map.of(IOT, 0.4), Map.of(IOT, 0.3),
                Map.of(TAS, 0.2), Map.of(IOT, 0.4), Map.of(TAS, 0.5), Map.of(AG, 0.3));
        // only the two rules with an exclude list have one; only rule 1 has include_all
        assertThat(rules.stream().filter(r -> !r.exclude().isEmpty()).count()).isEqualTo(2);
        assertThat(rules.stream().filter(r -> !r.includeAll().isEmpty()).count()).isEqualTo(1);
    }

    @Test
    void bundledVendorRulesAreSection47() {
        List<VendorRule> rules = Classifier.load(null).rules().vendorRules();
        assertThat(rules).extracting(VendorRule::name).containsExactly("Cisco", "Juniper", "Aruba", "MikroTik",
                "SonicWall", "VMware", "Home Router Brands", "Hikvision Camera", "Dahua Camera", "Printer Vendors",
                "Consumer Devices");
        assertThat(rules.get(6).keywords()).containsExactly("zte", "huawei", "tp-link", "tp-link", "netgear", "asus",
                "asustek", "d-link", "ubiquiti", "synology");
        assertThat(rules.get(9).keywords()).containsExactly("epson", "brother", "canon", "hp printing", "xerox");
        assertThat(rules).extracting(r -> r.weights().byCategory()).containsExactly(
                Map.of(AG, 0.5), Map.of(AG, 0.5), Map.of(AG, 0.5), Map.of(AG, 0.5), Map.of(AG, 0.5),
                Map.of(AG, 0.5), Map.of(AG, 0.5), Map.of(IOT, 0.6), Map.of(IOT, 0.6), Map.of(IOT, 0.5),
                Map.of(TAS, 0.4));
    }

    @Test
    void bundledHostnameRulesAreSection48() {
        List<HostnameRule> rules = Classifier.load(null).rules().hostnameRules();
        assertThat(rules).extracting(HostnameRule::name).containsExactly("Network Switch", "Firewall",
                "Router/Gateway", "Access Point", "Camera", "Printer", "Sensor", "Laptop", "Desktop/Workstation",
                "Web Server", "Application Server");
        assertThat(rules).extracting(r -> r.pattern().pattern()).containsExactly("sw[\\-_]|switch",
                "fw[\\-_]|firewall", "router|gw[\\-_]|gateway", "ap[\\-_\\d]|access.?point", "cam[\\-_]|camera",
                "printer|prn[\\-_]", "sensor|thermostat", "laptop|nb[\\-_]|notebook", "desktop|pc[\\-_]|workstation",
                "web[\\-_]|www[\\-_]", "app[\\-_]|api[\\-_]|srv[\\-_]|server");
        assertThat(rules).extracting(r -> r.weights().byCategory()).containsExactly(
                Map.of(AG, 0.4), Map.of(AG, 0.4), Map.of(AG, 0.4), Map.of(AG, 0.4), Map.of(IOT, 0.4),
                Map.of(IOT, 0.4), Map.of(IOT, 0.4), Map.of(TAS, 0.4), Map.of(TAS, 0.4), Map.of(UYG, 0.4),
                Map.of(UYG, 0.4));
    }

    @Test
    void bundledServiceRulesAreSection49() {
        List<ServiceRule> rules = Classifier.load(null).rules().serviceRules();
        assertThat(rules).extracting(ServiceRule::name).containsExactly("Printer (IPP/mDNS)", "Apple AirPlay",
                "Chromecast", "File Sharing (SMB)", "Apple File Sharing", "SSH Server", "Web Server (HTTP)",
                "IP Camera (RTSP)", "HomeKit Device", "Apple Companion", "Spotify Connect", "Sonos Speaker");
        assertThat(rules).extracting(ServiceRule::contains).containsExactly(
                List.of("_ipp._tcp", "_printer._tcp"), List.of("_airplay._tcp", "_raop._tcp"),
                List.of("_googlecast._tcp"), List.of("_smb._tcp"), List.of("_afpovertcp._tcp"), List.of("_ssh._tcp"),
                List.of("_http._tcp"), List.of("_rtsp._tcp"), List.of("_hap._tcp", "_homekit._tcp"),
                List.of("_companion-link._tcp"), List.of("_spotify-connect._tcp"), List.of("_sonos._tcp"));
        assertThat(rules).extracting(r -> r.weights().byCategory()).containsExactly(
                Map.of(IOT, 0.6), Map.of(TAS, 0.3, IOT, 0.2), Map.of(IOT, 0.6), Map.of(AG, 0.2, TAS, 0.2),
                Map.of(TAS, 0.3, AG, 0.1), Map.of(AG, 0.3), Map.of(UYG, 0.2, AG, 0.1), Map.of(IOT, 0.6),
                Map.of(IOT, 0.6), Map.of(TAS, 0.5), Map.of(IOT, 0.4, TAS, 0.1), Map.of(IOT, 0.6));
    }

    @Test
    void bundledRulesAreLoadedOnce() {
        assertThat(Classifier.load(null)).isSameAs(Classifier.load(null));
    }

    // ------------------------------------------------------------------ --rules DIR

    private void copyBundled() throws IOException {
        for (String file : RuleFiles.ALL) {
            try (InputStream in = RuleFilesTest.class.getResourceAsStream("/rules/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
    }

    private void write(String file, String yaml) throws IOException {
        Files.writeString(dir.resolve(file), yaml, StandardCharsets.UTF_8);
    }

    @Test
    void aUsersRulesDirectoryReplacesTheBundledRules() throws IOException {
        copyBundled();
        write(RuleFiles.PORT, """
                rules:
                  - name: Smart TV
                    description: DIAL and web remote
                    include_all: [8008, 8443]
                    scores: {iot: 0.7, tasinabilir: 0.1}
                """);
        write(RuleFiles.SERVICE, "rules: []\n");
        Classifier custom = Classifier.load(dir);
        assertThat(custom.rules().portRules()).extracting(PortRule::name).containsExactly("Smart TV");
        assertThat(custom.rules().serviceRules()).isEmpty();
        assertThat(custom.rules().vendorRules()).hasSize(11);

        Asset tv = custom.classify(Asset.of(IpAddress.of("10.9.9.9")).withOpenPorts(List.of(8008, 8443)), null);
        assertThat(tv.bigrCategory()).isEqualTo(IOT);
        assertThat(tv.confidenceScore()).isEqualTo(0.875);
        assertThat(tv.rawEvidence().get("port_rules").get(0).asText()).isEqualTo("Smart TV: DIAL and web remote");
        // the bundled classifier still says what the spec says for the same ports
        Asset bundled = Classifier.load(null).classify(Asset.of(IpAddress.of("10.9.9.9")).withOpenPorts(List.of(8008, 8443)), null);
        assertThat(bundled.bigrCategory()).as("Chromecast iot 0.4 ties web-only uyg 0.4").isEqualTo(UYG);
        assertThat(bundled.confidenceScore()).isEqualTo(0.5);

        assertThat(Classifier.load(dir)).as("cached per directory").isSameAs(custom);
        assertThat(Classifier.load(dir.resolve(".").resolve("x").resolve(".."))).isSameAs(custom);
    }

    @Test
    void aFailedLoadIsNotCached() throws IOException {
        copyBundled();
        write(RuleFiles.VENDOR, "rules: 7\n");
        assertThatThrownBy(() -> Classifier.load(dir)).isInstanceOf(RuleException.class)
                .hasMessage("vendor_rules.yaml: rules: must be a list");
        write(RuleFiles.VENDOR, "rules: []\n");
        assertThat(Classifier.load(dir).rules().vendorRules()).isEmpty();
    }

    @Test
    void aMissingFileInTheDirectoryIsAConfigurationError() throws IOException {
        copyBundled();
        Files.delete(dir.resolve(RuleFiles.SERVICE));
        assertThatThrownBy(() -> Classifier.load(dir)).isInstanceOf(RuleException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("service_rules.yaml: missing from rules directory " + dir.toAbsolutePath())
                .hasMessageContaining("port_rules.yaml, vendor_rules.yaml, hostname_rules.yaml, service_rules.yaml");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path nowhere = dir.resolve("nope");
        assertThatThrownBy(() -> Classifier.load(nowhere)).isInstanceOf(RuleException.class)
                .hasMessage("rules directory not found: " + nowhere.toAbsolutePath());
    }

    // ------------------------------------------------------------------ validation messages

    static Stream<Arguments> badFiles() {
        String ok = "    scores: {iot: 0.5}\n";
        return Stream.of(
                // the example of the brief: the fourth rule's iot weight is not a number
                Arguments.of(RuleFiles.PORT, """
                        rules:
                          - {name: a, include_any: [1], scores: {iot: 0.1}}
                          - {name: b, include_any: [2], scores: {iot: 0.1}}
                          - {name: c, include_any: [3], scores: {iot: 0.1}}
                          - {name: d, include_any: [4], scores: {iot: high}}
                        """, "port_rules.yaml: rules[3].scores.iot: must be a number"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n    scores: {iot: '0.5'}\n",
                        "port_rules.yaml: rules[0].scores.iot: must be a number"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n    scores: {iot: -0.1}\n",
                        "port_rules.yaml: rules[0].scores.iot: must be a finite number >= 0, got -0.1"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n    scores: {iot: .inf}\n",
                        "port_rules.yaml: invalid YAML at line 4, column 23: Malformed numeric value '.inf'"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n    scores: {network: 0.5}\n",
                        "port_rules.yaml: rules[0].scores.network: unknown category (expected one of "
                                + "ag_ve_sistemler, uygulamalar, iot, tasinabilir)"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n    scores: {unclassified: 1}\n",
                        "port_rules.yaml: rules[0].scores.unclassified: unknown category (expected one of "
                                + "ag_ve_sistemler, uygulamalar, iot, tasinabilir)"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n",
                        "port_rules.yaml: rules[0].scores: is required"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n    scores: {}\n",
                        "port_rules.yaml: rules[0].scores: must map at least one category (ag_ve_sistemler, "
                                + "uygulamalar, iot, tasinabilir) to a weight"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - include_any: [1]\n" + ok,
                        "port_rules.yaml: rules[0].name: is required"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: 5\n    include_any: [1]\n" + ok,
                        "port_rules.yaml: rules[0].name: must be a string"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: '  '\n    include_any: [1]\n" + ok,
                        "port_rules.yaml: rules[0].name: must not be empty"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    exclude: [22]\n" + ok,
                        "port_rules.yaml: rules[0]: needs include_all or include_any"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: []\n" + ok,
                        "port_rules.yaml: rules[0].include_any: must be a non-empty list of ports"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_all: 22\n" + ok,
                        "port_rules.yaml: rules[0].include_all: must be a non-empty list of ports"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [22, 70000]\n" + ok,
                        "port_rules.yaml: rules[0].include_any[1]: must be a port number 0-65535, got 70000"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [http]\n" + ok,
                        "port_rules.yaml: rules[0].include_any[0]: must be a port number 0-65535, got \"http\""),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1.5]\n" + ok,
                        "port_rules.yaml: rules[0].include_any[0]: must be a port number 0-65535, got 1.5"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_any: [1]\n    scores: {iot: true}\n",
                        "port_rules.yaml: rules[0].scores.iot: must be a number"),
                Arguments.of(RuleFiles.SERVICE, "rules:\n  - name: a\n    description: 7\n    contains: [x]\n" + ok,
                        "service_rules.yaml: rules[0].description: must be a string"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - name: a\n    include_al: [1]\n" + ok,
                        "port_rules.yaml: rules[0].include_al: unknown field (allowed: description, exclude, "
                                + "include_all, include_any, name, scores)"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - {name: a, include_any: [1], scores: {iot: 1}}\n"
                                + "  - {name: a, include_any: [2], scores: {iot: 1}}\n",
                        "port_rules.yaml: rules[1].name: duplicate rule name 'a'"),
                Arguments.of(RuleFiles.PORT, "rules:\n  - just a string\n",
                        "port_rules.yaml: rules[0]: must be a mapping"),
                Arguments.of(RuleFiles.PORT, "", "port_rules.yaml: rules: is required (the file is empty)"),
                Arguments.of(RuleFiles.PORT, "# only a comment\n", "port_rules.yaml: rules: is required (the file is empty)"),
                Arguments.of(RuleFiles.PORT, "rule:\n  - name: a\n",
                        "port_rules.yaml: rule: unknown key (expected only 'rules')"),
                Arguments.of(RuleFiles.PORT, "rules:\n", "port_rules.yaml: rules: is required"),
                Arguments.of(RuleFiles.PORT, "- a\n- b\n", "port_rules.yaml: must be a mapping with a 'rules' list"),
                Arguments.of(RuleFiles.VENDOR, "rules:\n  - name: a\n    keywords: []\n" + ok,
                        "vendor_rules.yaml: rules[0].keywords: must be a non-empty list of strings"),
                Arguments.of(RuleFiles.VENDOR, "rules:\n  - name: a\n" + ok,
                        "vendor_rules.yaml: rules[0].keywords: is required"),
                Arguments.of(RuleFiles.VENDOR, "rules:\n  - name: a\n    keywords: [Cisco, '']\n" + ok,
                        "vendor_rules.yaml: rules[0].keywords[1]: must not be empty"),
                Arguments.of(RuleFiles.VENDOR, "rules:\n  - name: a\n    keywords: [Cisco, [x]]\n" + ok,
                        "vendor_rules.yaml: rules[0].keywords[1]: must be a string"),
                Arguments.of(RuleFiles.HOSTNAME, "rules:\n  - name: a\n    pattern: 'sw[\\-_'\n" + ok,
                        "hostname_rules.yaml: rules[0].pattern: invalid regex 'sw[\\-_': Unclosed character class "
                                + "near index 5"),
                Arguments.of(RuleFiles.HOSTNAME, "rules:\n  - name: a\n" + ok,
                        "hostname_rules.yaml: rules[0].pattern: is required"),
                Arguments.of(RuleFiles.HOSTNAME, "rules:\n  - name: a\n    pattern: x\n    keywords: [y]\n" + ok,
                        "hostname_rules.yaml: rules[0].keywords: unknown field (allowed: name, pattern, scores)"),
                Arguments.of(RuleFiles.SERVICE, "rules:\n  - name: a\n    contains: _ipp._tcp\n" + ok,
                        "service_rules.yaml: rules[0].contains: must be a non-empty list of strings"),
                Arguments.of(RuleFiles.SERVICE, "rules:\n  - name: a\n    contains: [_ipp._tcp]\n    scores: 0.5\n",
                        "service_rules.yaml: rules[0].scores: must map at least one category (ag_ve_sistemler, "
                                + "uygulamalar, iot, tasinabilir) to a weight"),
                Arguments.of(RuleFiles.SERVICE, "rules:\n  - name: a\n    name: b\n",
                        "service_rules.yaml: invalid YAML at line 3, column 9: Duplicate field 'name'"),
                Arguments.of(RuleFiles.SERVICE, "rules:\n  - name: [unclosed\n",
                        "service_rules.yaml: invalid YAML at line 3, column 1: expected ',' or ']', but got <stream end> "
                                + "(while parsing a flow sequence)"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void everyBadFieldIsNamed(String file, String yaml, String message) throws IOException {
        copyBundled();
        write(file, yaml);
        assertThatThrownBy(() -> Classifier.load(dir)).isInstanceOf(RuleException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void recordsRejectWhatTheLoaderRejects() {
        assertThatThrownBy(() -> new Weights(Map.of(BigrCategory.UNCLASSIFIED, 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Weights.of(IOT, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRule("x", null, Set.of(), Set.of(), Set.of(1), Weights.of(IOT, 1)))
                .hasMessage("port rule 'x' needs include_all or include_any");
        assertThatThrownBy(() -> new VendorRule("x", List.of(), Weights.of(IOT, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceRule("x", null, List.of(""), Weights.of(IOT, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
