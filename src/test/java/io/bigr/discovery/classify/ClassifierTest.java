package io.bigr.discovery.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.MacAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The docs/DOMAIN.md §4.1 pipeline with the bundled rules: worked examples (§4.14), every rule firing and not,
 * evidence, tags.
 */
class ClassifierTest {
    private static final Classifier CLASSIFIER = Classifier.load(null);

    // ------------------------------------------------------------------ helpers

    private static Asset asset(String ip, String mac, String hostname, String vendor, String osHint, Integer... ports) {
        return Asset.of(IpAddress.of(ip)).withMac(MacAddress.ofNullable(mac)).withHostname(hostname).withVendor(vendor)
                .withOsHint(osHint).withOpenPorts(List.of(ports));
    }

    private static Asset ports(Integer... ports) {
        return asset("10.1.1.1", null, null, null, null, ports);
    }

    private static Asset withMdns(Asset a, String... serviceTypes) {
        ObjectNode evidence = Json.object();
        var list = evidence.putArray("mdns_services");
        for (String type : serviceTypes) {
            ObjectNode s = list.addObject();
            s.put("name", "svc " + type);
            s.put("service_type", type);
            s.put("port", 0);
            s.put("hostname", "dev.local.");
            s.putObject("properties");
        }
        return a.withEvidence(evidence);
    }

    /** Names of the rules from one source that fired, in order, read from evidence_weights. */
    private static List<String> fired(Asset classified, String source) {
        List<String> names = new ArrayList<>();
        JsonNode rules = classified.rawEvidence().path(Classifier.EVIDENCE_WEIGHTS).path("rules");
        rules.forEach(r -> {
            if (r.get("source").asText().equals(source)) {
                names.add(r.get("rule").asText());
            }
        });
        return names;
    }

    private static Asset classify(Asset a) {
        return CLASSIFIER.classify(a, null);
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    // ------------------------------------------------------------------ §4.14 worked examples

    static Stream<Arguments> workedExamples() {
        return Stream.of(
                Arguments.of(asset("10.0.0.1", "00:1e:bd:aa:bb:cc", "core-sw-01", null, null, 22, 80, 443, 161),
                        "Cisco", BigrCategory.AG_VE_SISTEMLER, 1.0),
                Arguments.of(asset("10.0.0.50", "a4:14:37:00:11:22", "lobby-cam-01", null, null, 80, 554),
                        "Hikvision", BigrCategory.IOT, 0.7895),
                Arguments.of(asset("10.0.0.100", "00:21:cc:aa:bb:cc", "okan-laptop", null, null, 3389),
                        "Lenovo", BigrCategory.TASINABILIR, 1.0),
                Arguments.of(asset("192.168.1.1", null, null, "zte corporation", null, 53, 80, 443),
                        "zte corporation", BigrCategory.AG_VE_SISTEMLER, 0.6667),
                Arguments.of(asset("10.0.0.200", null, null, null, null),
                        null, BigrCategory.UNCLASSIFIED, 0.0),
                Arguments.of(asset("10.0.0.201", "3e:aa:bb:cc:dd:ee", null, null, null),
                        null, BigrCategory.TASINABILIR, 1.0),
                Arguments.of(ports(22, 53), null, BigrCategory.UNCLASSIFIED, 0.0),
                Arguments.of(ports(80, 443), null, BigrCategory.UYGULAMALAR, 1.0),
                Arguments.of(withMdns(ports(), "_googlecast._tcp.local."), null, BigrCategory.IOT, 1.0),
                Arguments.of(asset("10.0.0.202", null, null, null, "Windows", 445),
                        null, BigrCategory.TASINABILIR, 1.0),
                Arguments.of(asset("10.0.0.203", "00:50:56:aa:bb:cc", null, null, null, 22),
                        "VMware", BigrCategory.AG_VE_SISTEMLER, 1.0));
    }

    @ParameterizedTest
    @MethodSource("workedExamples")
    void workedExamplesOfSection414(Asset input, String vendor, BigrCategory category, double confidence) {
        Asset out = classify(input);
        assertThat(out.vendor()).isEqualTo(vendor);
        assertThat(out.bigrCategory()).isEqualTo(category);
        assertThat(out.confidenceScore()).isEqualTo(confidence);
        assertThat(out.ip()).isEqualTo(input.ip());
        assertThat(out.openPorts()).isEqualTo(input.openPorts());
        assertThat(out.osHint()).isEqualTo(input.osHint());
    }

    @Test
    void camExampleExplainsItsWeights() {
        Asset out = classify(asset("10.0.0.50", "a4:14:37:00:11:22", "lobby-cam-01", null, null, 80, 554));
        JsonNode ev = out.rawEvidence();
        assertThat(keys(ev)).containsExactly("port_rules", "vendor_rule", "hostname_rules",
                Classifier.EVIDENCE_WEIGHTS);
        assertThat(ev.get("port_rules")).extracting(JsonNode::asText).containsExactly(
                "Web-only (no SSH): web ports without SSH suggest a web application or appliance",
                "RTSP Camera: RTSP streaming port 554");
        assertThat(ev.get("vendor_rule").asText()).isEqualTo("Hikvision → Hikvision Camera");
        assertThat(ev.get("hostname_rules")).extracting(JsonNode::asText)
                .containsExactly("hostname 'lobby-cam-01' → Camera");
        JsonNode weights = ev.get(Classifier.EVIDENCE_WEIGHTS);
        assertThat(weights.get("rules").toString()).isEqualTo("["
                + "{\"source\":\"port_rules\",\"rule\":\"Web-only (no SSH)\",\"weights\":{\"uygulamalar\":0.4}},"
                + "{\"source\":\"port_rules\",\"rule\":\"RTSP Camera\",\"weights\":{\"iot\":0.5}},"
                + "{\"source\":\"vendor_rule\",\"rule\":\"Hikvision Camera\",\"weights\":{\"iot\":0.6}},"
                + "{\"source\":\"hostname_rules\",\"rule\":\"Camera\",\"weights\":{\"iot\":0.4}}]");
        assertThat(weights.get("totals").toString()).isEqualTo(
                "{\"ag_ve_sistemler\":0.0,\"uygulamalar\":0.4,\"iot\":1.5,\"tasinabilir\":0.0}");
    }

    @Test
    void noSignalLeavesAnEmptyEvidenceObjectAndDropsScannerProvenance() {
        ObjectNode provenance = Json.object().put("source", "arp_table");
        Asset out = classify(Asset.of(IpAddress.of("10.0.0.200")).withEvidence(provenance));
        assertThat(out.rawEvidence().isEmpty()).isTrue();
        assertThat(provenance.get("source").asText()).as("input not mutated").isEqualTo("arp_table");
    }

    // ------------------------------------------------------------------ §4.5 scoring

    @Test
    void tiesGoToTheEarlierCategoryAndAllEqualIsBelowThreshold() {
        // ag 0.3 (SNMP) vs tas 0.3 (RDP): confidence 0.5, tie resolved to ag_ve_sistemler
        Asset tie = classify(ports(161, 3389));
        assertThat(tie.bigrCategory()).isEqualTo(BigrCategory.AG_VE_SISTEMLER);
        assertThat(tie.confidenceScore()).isEqualTo(0.5);
        // uyg 0.4 (web-only), iot 0.4 (MQTT): tie → uygulamalar (order ag, uyg, iot, tas)
        Asset tie2 = classify(ports(1883, 8080));
        assertThat(tie2.bigrCategory()).isEqualTo(BigrCategory.UYGULAMALAR);
        // four equal categories: 0.25 < 0.3 → unclassified, but the score is kept
        Asset flat = classify(asset("10.1.1.2", null, "okan-laptop", "Cisco", null, 8080, 1883));
        // ag 0.5 (Cisco), uyg 0.4, iot 0.4, tas 0.4 → 0.5/1.7
        assertThat(flat.confidenceScore()).isEqualTo(0.2941);
        assertThat(flat.bigrCategory()).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(flat.rawEvidence().get("vendor_rule")).isNotNull();
    }

    @Test
    void allFourEqualGivesAQuarter() {
        // ag 0.4 (switch host), uyg 0.4 (web-only), iot 0.4 (MQTT), tas 0.4 (randomised MAC, ports open)
        Asset out = classify(asset("10.1.1.3", "02:00:00:00:00:01", "switch-9", null, null, 8080, 1883));
        assertThat(out.confidenceScore()).isEqualTo(0.25);
        assertThat(out.bigrCategory()).isEqualTo(BigrCategory.UNCLASSIFIED);
    }

    @Test
    void thresholdIsInclusive() {
        Classifier.Scorecard atThreshold = new Classifier.Scorecard();
        atThreshold.add("t", "a", Weights.of(BigrCategory.AG_VE_SISTEMLER, 0.3, BigrCategory.UYGULAMALAR, 0.3));
        atThreshold.add("t", "b", Weights.of(BigrCategory.IOT, 0.3, BigrCategory.TASINABILIR, 0.1));
        assertThat(atThreshold.confidence()).isEqualTo(0.3);
        assertThat(atThreshold.winner()).isEqualTo(BigrCategory.AG_VE_SISTEMLER);

        Classifier.Scorecard below = new Classifier.Scorecard();
        below.add("t", "a", Weights.of(BigrCategory.IOT, 0.29, BigrCategory.UYGULAMALAR, 0.29));
        below.add("t", "b", Weights.of(BigrCategory.AG_VE_SISTEMLER, 0.29, BigrCategory.TASINABILIR, 0.13));
        assertThat(below.confidence()).isEqualTo(0.29);
        assertThat(below.winner()).isEqualTo(BigrCategory.UNCLASSIFIED);

        Classifier.Scorecard empty = new Classifier.Scorecard();
        assertThat(empty.confidence()).isEqualTo(0.0);
        assertThat(empty.winner()).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(empty.finish().isEmpty()).isTrue();
    }

    @Test
    void zeroWeightRulesCountAsEvidenceButNotAsScore() {
        Classifier.Scorecard zero = new Classifier.Scorecard();
        zero.add("t", "z", Weights.of(BigrCategory.IOT, 0.0));
        assertThat(zero.confidence()).isEqualTo(0.0);
        assertThat(zero.winner()).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(zero.finish().get(Classifier.EVIDENCE_WEIGHTS).get("rules")).hasSize(1);
    }

    // ------------------------------------------------------------------ §4.6 port rules

    static Stream<Arguments> portRules() {
        return Stream.of(
                Arguments.of("Server multi-port", List.of(22, 80, 443), List.of(22, 80)),
                Arguments.of("Web-only (no SSH)", List.of(8443), List.of(22, 8443)),
                Arguments.of("Printer (JetDirect)", List.of(9100), List.of(9101)),
                Arguments.of("RTSP Camera", List.of(554), List.of(555)),
                Arguments.of("MQTT IoT", List.of(1883), List.of(8883)),
                Arguments.of("RDP Desktop", List.of(3389), List.of(3390)),
                Arguments.of("SNMP Network Equipment", List.of(161), List.of(162)),
                Arguments.of("Database Server", List.of(27017), List.of(6379)),
                Arguments.of("IPP/CUPS Printer", List.of(631), List.of(632)),
                Arguments.of("UPnP Device", List.of(49152), List.of(49153)),
                Arguments.of("mDNS/AirPlay", List.of(5353), List.of(5354)),
                Arguments.of("Chromecast", List.of(8008), List.of(8009)),
                Arguments.of("Apple iDevice", List.of(62078), List.of(62077)),
                Arguments.of("DNS Router", List.of(53), List.of(22, 53)));
    }

    @ParameterizedTest
    @MethodSource("portRules")
    void everyPortRuleFiresAndDoesNot(String rule, List<Integer> firing, List<Integer> notFiring) {
        Asset hit = classify(ports(firing.toArray(Integer[]::new)));
        assertThat(fired(hit, "port_rules")).containsExactly(rule);
        assertThat(hit.rawEvidence().get("port_rules").get(0).asText()).startsWith(rule + ": ");
        Asset miss = classify(ports(notFiring.toArray(Integer[]::new)));
        assertThat(fired(miss, "port_rules")).doesNotContain(rule);
        if (fired(miss, "port_rules").isEmpty()) {
            assertThat(miss.rawEvidence().has("port_rules")).as("key only when a rule matched").isFalse();
        }
    }

    @Test
    void portRulesAccumulate() {
        Asset out = classify(ports(22, 80, 443, 161, 3306, 5432));
        assertThat(fired(out, "port_rules"))
                .containsExactly("Server multi-port", "SNMP Network Equipment", "Database Server");
        // Database Server fires once although two of its ports are open
        assertThat(out.rawEvidence().get(Classifier.EVIDENCE_WEIGHTS).get("totals").get("ag_ve_sistemler")
                .asDouble()).isEqualTo(0.9);
    }

    @Test
    void includeAllIncludeAnyAndExcludeSemantics() {
        PortRule rule = new PortRule("t", null, java.util.Set.of(1, 2), java.util.Set.of(3, 4),
                java.util.Set.of(5), Weights.of(BigrCategory.IOT, 1));
        assertThat(rule.matches(List.of(1, 2, 3))).isTrue();
        assertThat(rule.matches(List.of(1, 2, 4, 9))).isTrue();
        assertThat(rule.matches(List.of(1, 3))).as("include_all needs every port").isFalse();
        assertThat(rule.matches(List.of(1, 2))).as("include_any needs one").isFalse();
        assertThat(rule.matches(List.of(1, 2, 3, 5))).as("exclude vetoes").isFalse();
        PortRule anyOnly = new PortRule("a", null, null, java.util.Set.of(7), null, Weights.of(BigrCategory.IOT, 1));
        assertThat(anyOnly.matches(List.of(7, 8))).isTrue();
        assertThat(anyOnly.matches(List.of())).isFalse();
        PortRule allOnly = new PortRule("b", null, java.util.Set.of(7, 8), null, null, Weights.of(BigrCategory.IOT, 1));
        assertThat(allOnly.matches(List.of(7, 8, 9))).isTrue();
        assertThat(allOnly.matches(List.of(8))).isFalse();
        assertThat(anyOnly.evidence()).isEqualTo("a");
    }

    // ------------------------------------------------------------------ §4.7 vendor rules

    static Stream<Arguments> vendorRules() {
        return Stream.of(
                Arguments.of("Cisco Systems, Inc", "Cisco"),
                Arguments.of("Cisco Meraki", "Cisco"),
                Arguments.of("Juniper Networks", "Juniper"),
                Arguments.of("Aruba, a Hewlett Packard Enterprise Company", "Aruba"),
                Arguments.of("Routerboard.com (MIKROTIK)", "MikroTik"),
                Arguments.of("SonicWall", "SonicWall"),
                Arguments.of("VMware, Inc.", "VMware"),
                Arguments.of("zte corporation", "Home Router Brands"),
                Arguments.of("HUAWEI TECHNOLOGIES CO.,LTD", "Home Router Brands"),
                Arguments.of("TP-LINK TECHNOLOGIES CO.,LTD.", "Home Router Brands"),
                Arguments.of("ASUSTek COMPUTER INC.", "Home Router Brands"),
                Arguments.of("D-Link International", "Home Router Brands"),
                Arguments.of("Ubiquiti Inc", "Home Router Brands"),
                Arguments.of("Synology Incorporated", "Home Router Brands"),
                Arguments.of("Netgear", "Home Router Brands"),
                Arguments.of("Hikvision Digital", "Hikvision Camera"),
                Arguments.of("Zhejiang Dahua Technology Co., Ltd.", "Dahua Camera"),
                Arguments.of("Seiko Epson Corporation", "Printer Vendors"),
                Arguments.of("Brother industries, LTD.", "Printer Vendors"),
                Arguments.of("Canon Inc.", "Printer Vendors"),
                Arguments.of("HP Printing", "Printer Vendors"),
                Arguments.of("Xerox Corporation", "Printer Vendors"),
                Arguments.of("Apple Inc", "Consumer Devices"),
                Arguments.of("Dell Inc.", "Consumer Devices"),
                Arguments.of("LENOVO", "Consumer Devices"),
                Arguments.of("Samsung Electronics Co.,Ltd", "Consumer Devices"));
    }

    @ParameterizedTest
    @MethodSource("vendorRules")
    void everyVendorRuleFires(String vendor, String rule) {
        Asset out = classify(asset("10.2.2.2", null, null, vendor, null));
        assertThat(fired(out, "vendor_rule")).containsExactly(rule);
        assertThat(out.rawEvidence().get("vendor_rule").asText()).isEqualTo(vendor + " → " + rule);
        assertThat(out.confidenceScore()).isEqualTo(1.0);
    }

    @Test
    void vendorRulesFirstMatchWinsAndUnknownVendorsScoreNothing() {
        Asset both = classify(asset("10.2.2.3", null, null, "Dell Cisco Reseller", null));
        assertThat(fired(both, "vendor_rule")).containsExactly("Cisco");
        assertThat(both.bigrCategory()).isEqualTo(BigrCategory.AG_VE_SISTEMLER);
        for (String v : new String[] {"Unknown Corp", "Hewlett Packard", "Private"}) {
            Asset out = classify(asset("10.2.2.4", null, null, v, null));
            assertThat(out.rawEvidence().has("vendor_rule")).as(v).isFalse();
            assertThat(out.bigrCategory()).isEqualTo(BigrCategory.UNCLASSIFIED);
        }
        assertThat(classify(asset("10.2.2.5", "00:00:00:00:00:01", null, null, null)).vendor())
                .as("vendor from the snapshot, no rule").isEqualTo("XEROX CORPORATION");
    }

    @Test
    void aGivenVendorIsNotReplacedByTheLookup() {
        Asset out = classify(asset("10.2.2.6", "00:1e:bd:00:00:01", null, "Acme Routers", null));
        assertThat(out.vendor()).isEqualTo("Acme Routers");
        assertThat(out.rawEvidence().has("vendor_rule")).isFalse();
    }

    // ------------------------------------------------------------------ §4.8 hostname rules

    static Stream<Arguments> hostnameRules() {
        return Stream.of(
                Arguments.of("Network Switch", "core-sw-01", "swarm-node"),
                Arguments.of("Network Switch", "switch-main", "swiss-clock"),
                Arguments.of("Firewall", "edge-fw_2", "fwd-box"),
                Arguments.of("Router/Gateway", "GATEWAY-1", "route-42"),
                Arguments.of("Access Point", "ap3-lobby", "apple-tv"),
                Arguments.of("Access Point", "floor2-accesspoint", "access-list"),
                Arguments.of("Camera", "lobby-cam-01", "camel"),
                Arguments.of("Printer", "prn_3", "prince"),
                Arguments.of("Sensor", "thermostat-hall", "sense"),
                Arguments.of("Laptop", "okan-laptop", "lap"),
                Arguments.of("Laptop", "nb-42", "nbx"),
                Arguments.of("Desktop/Workstation", "pc_12", "pcb"),
                Arguments.of("Web Server", "web-prod-01", "webcam"),
                Arguments.of("Application Server", "db-server", "serve"));
    }

    @ParameterizedTest
    @MethodSource("hostnameRules")
    void everyHostnameRuleFiresAndDoesNot(String rule, String firing, String notFiring) {
        Asset hit = classify(asset("10.3.3.3", null, firing, null, null));
        assertThat(fired(hit, "hostname_rules")).containsExactly(rule);
        assertThat(hit.rawEvidence().get("hostname_rules")).extracting(JsonNode::asText)
                .containsExactly("hostname '" + firing + "' → " + rule);
        Asset miss = classify(asset("10.3.3.3", null, notFiring, null, null));
        assertThat(fired(miss, "hostname_rules")).isEmpty();
        assertThat(miss.rawEvidence().has("hostname_rules")).isFalse();
    }

    @Test
    void hostnameRulesFirstMatchWins() {
        // "switch" (rule 1) and "server" (rule 11) both occur: only the first applies
        Asset out = classify(asset("10.3.3.4", null, "switch-server", null, null));
        assertThat(fired(out, "hostname_rules")).containsExactly("Network Switch");
        assertThat(classify(asset("10.3.3.5", null, "unknown-device", null, null)).rawEvidence().isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ §4.9 service rules

    static Stream<Arguments> serviceRules() {
        return Stream.of(
                Arguments.of("Printer (IPP/mDNS)", "_ipp._tcp.local."),
                Arguments.of("Printer (IPP/mDNS)", "_printer._tcp.local."),
                Arguments.of("Apple AirPlay", "_airplay._tcp.local."),
                Arguments.of("Apple AirPlay", "_raop._tcp.local."),
                Arguments.of("Chromecast", "_googlecast._tcp.local."),
                Arguments.of("File Sharing (SMB)", "_smb._tcp.local."),
                Arguments.of("Apple File Sharing", "_afpovertcp._tcp.local."),
                Arguments.of("SSH Server", "_ssh._tcp.local."),
                Arguments.of("Web Server (HTTP)", "_http._tcp.local."),
                Arguments.of("IP Camera (RTSP)", "_rtsp._tcp.local."),
                Arguments.of("HomeKit Device", "_hap._tcp.local."),
                Arguments.of("HomeKit Device", "_homekit._tcp.local."),
                Arguments.of("Apple Companion", "_companion-link._tcp.local."),
                Arguments.of("Spotify Connect", "_spotify-connect._tcp.local."),
                Arguments.of("Sonos Speaker", "_sonos._tcp.local."));
    }

    @ParameterizedTest
    @MethodSource("serviceRules")
    void everyServiceRuleFires(String rule, String type) {
        Asset out = classify(withMdns(ports(), type));
        assertThat(fired(out, "service_rules")).containsExactly(rule);
        assertThat(out.rawEvidence().get("service_rules").get(0).asText()).startsWith("mDNS service → " + rule + ": ");
        assertThat(out.rawEvidence().get("mdns_services").get(0).get("service_type").asText()).isEqualTo(type);
    }

    @Test
    void serviceRulesAreCaseSensitiveSubstringsAndAccumulate() {
        Asset none = classify(withMdns(ports(), "_IPP._TCP.local.", "_ipps._tcp.local.", ""));
        assertThat(fired(none, "service_rules")).isEmpty();
        assertThat(keys(none.rawEvidence())).containsExactly("mdns_services");
        assertThat(none.rawEvidence().get("mdns_services")).hasSize(3);

        Asset both = classify(withMdns(ports(), "_airplay._tcp.local.", "_raop._tcp.local.", "_smb._tcp.local."));
        assertThat(fired(both, "service_rules")).containsExactly("Apple AirPlay", "File Sharing (SMB)");
        // tas 0.3 + 0.2, iot 0.2, ag 0.2 → 0.5 / 0.9
        assertThat(both.bigrCategory()).isEqualTo(BigrCategory.TASINABILIR);
        assertThat(both.confidenceScore()).isEqualTo(0.5556);
    }

    @Test
    void mdnsServicesAreCopiedBackAfterTheScoringKeys() {
        Asset out = classify(withMdns(ports(80, 443), "_googlecast._tcp.local."));
        assertThat(keys(out.rawEvidence())).containsExactly("port_rules", "service_rules",
                Classifier.EVIDENCE_WEIGHTS, "mdns_services");
        assertThat(out.rawEvidence().get("mdns_services").get(0).get("hostname").asText()).isEqualTo("dev.local.");
    }

    // ------------------------------------------------------------------ §4.10 OS-hint rule

    static Stream<Arguments> osRules() {
        return Stream.of(
                Arguments.of("Network Equipment", "Network Equipment", BigrCategory.AG_VE_SISTEMLER),
                Arguments.of("Network Equipment (Cisco)", "Network Equipment", BigrCategory.AG_VE_SISTEMLER),
                Arguments.of("MikroTik RouterOS", "Network Equipment", BigrCategory.AG_VE_SISTEMLER),
                Arguments.of("Linux (Server)", "Server", BigrCategory.AG_VE_SISTEMLER),
                Arguments.of("Linux (Web Server)", "Server", BigrCategory.AG_VE_SISTEMLER),
                Arguments.of("Web Server", "Server", BigrCategory.AG_VE_SISTEMLER),
                Arguments.of("Windows", "Windows", BigrCategory.TASINABILIR),
                Arguments.of("IP Camera", "IP Camera", BigrCategory.IOT),
                Arguments.of("Printer", "Printer", BigrCategory.IOT),
                Arguments.of("IoT Device", "IoT", BigrCategory.IOT));
    }

    @ParameterizedTest
    @MethodSource("osRules")
    void everyOsRuleLineFires(String osHint, String line, BigrCategory category) {
        Asset out = classify(asset("10.4.4.4", null, null, null, osHint));
        assertThat(fired(out, "os_rule")).containsExactly(line);
        assertThat(out.rawEvidence().get("os_rule").asText()).isEqualTo("os_hint '" + osHint + "' → " + line);
        assertThat(out.bigrCategory()).isEqualTo(category);
    }

    @Test
    void serverLineSplitsItsWeightAndPlainLinuxAddsNothing() {
        Asset server = classify(asset("10.4.4.5", null, null, null, "Linux (Server)"));
        assertThat(server.rawEvidence().get(Classifier.EVIDENCE_WEIGHTS).get("totals").toString())
                .isEqualTo("{\"ag_ve_sistemler\":0.2,\"uygulamalar\":0.2,\"iot\":0.0,\"tasinabilir\":0.0}");
        assertThat(server.confidenceScore()).isEqualTo(0.5);
        Asset linux = classify(asset("10.4.4.6", null, null, null, "Linux"));
        assertThat(linux.rawEvidence().isEmpty()).isTrue();
        assertThat(linux.bigrCategory()).isEqualTo(BigrCategory.UNCLASSIFIED);
    }

    // ------------------------------------------------------------------ §4.11 randomised MAC

    @Test
    void randomisedMacAddsPointFourAndPointTwoMoreWithoutPorts() {
        Asset quiet = classify(asset("10.5.5.5", "3e:aa:bb:cc:dd:ee", null, null, null));
        assertThat(quiet.rawEvidence().get("mac_heuristic")).hasSize(2);
        assertThat(quiet.rawEvidence().get(Classifier.EVIDENCE_WEIGHTS).get("totals").get("tasinabilir").asDouble())
                .isEqualTo(0.6);
        assertThat(quiet.vendor()).isNull();

        // with an open port: only +0.4; web-only gives uyg 0.4 → tie → uygulamalar, 0.5
        Asset busy = classify(asset("10.5.5.6", "6:11:e5:ea:68:5c", null, null, null, 8080));
        assertThat(busy.rawEvidence().get("mac_heuristic")).hasSize(1);
        assertThat(fired(busy, "mac_heuristic")).containsExactly("Randomized MAC");
        assertThat(busy.bigrCategory()).isEqualTo(BigrCategory.UYGULAMALAR);
        assertThat(busy.confidenceScore()).isEqualTo(0.5);

        Asset global = classify(asset("10.5.5.7", "00:1a:2b:3c:4d:5e", null, null, null));
        assertThat(global.rawEvidence().has("mac_heuristic")).isFalse();
    }

    // ------------------------------------------------------------------ §4.2 manual override

    @Test
    void aValidManualTagWinsWithConfidenceOneAndKeepsTheObservedEvidenceBesideIt() {
        Asset input = withMdns(asset("10.0.0.1", "00:1e:bd:aa:bb:cc", "core-sw-01", null, null, 22, 80, 443),
                "_ssh._tcp.local.");
        Asset out = CLASSIFIER.classify(input, new ManualTag("iot", "lab camera"));
        assertThat(out.bigrCategory()).isEqualTo(BigrCategory.IOT);
        assertThat(out.confidenceScore()).isEqualTo(1.0);
        assertThat(keys(out.rawEvidence())).containsExactly("manual_override", "mdns_services");
        assertThat(out.rawEvidence().get("manual_override").asText()).isEqualTo("lab camera");
        assertThat(out.rawEvidence().get("mdns_services")).isEqualTo(input.rawEvidence().get("mdns_services"));
        assertThat(out.rawEvidence().has(Classifier.EVIDENCE_WEIGHTS)).as("no rule verdicts under a tag").isFalse();
        assertThat(out.vendor()).as("the MAC vendor is observed, tag or not").isEqualTo("Cisco");

        Asset bare = asset("10.0.0.1", "00:1e:bd:aa:bb:cc", "core-sw-01", null, null, 22, 80, 443);
        assertThat(CLASSIFIER.classify(bare, new ManualTag("tasinabilir", null)).rawEvidence().toString())
                .isEqualTo("{\"manual_override\":\"User override\"}");
        assertThat(CLASSIFIER.classify(input, new ManualTag("uygulamalar", "")).rawEvidence()
                .get("manual_override").asText()).isEqualTo("User override");
    }

    @Test
    void anInvalidStoredCategoryIsIgnored() {
        Asset input = asset("10.0.0.1", "00:1e:bd:aa:bb:cc", "core-sw-01", null, null, 22, 80, 443, 161);
        for (String bad : Arrays.asList("unclassified", "bogus", "", null)) {
            Asset out = CLASSIFIER.classify(input, new ManualTag(bad, "note"));
            assertThat(out.bigrCategory()).as(String.valueOf(bad)).isEqualTo(BigrCategory.AG_VE_SISTEMLER);
            assertThat(out.vendor()).isEqualTo("Cisco");
            assertThat(out.rawEvidence().has("manual_override")).isFalse();
        }
    }

    @Test
    void tagsAreKeyedByIpFromTheStoreRows() {
        java.time.Instant t = java.time.Instant.parse("2026-01-15T10:00:00Z");
        var rows = List.of(
                new io.bigr.discovery.core.InventoryAsset("1", "10.0.0.1", "00:00:00:00:00:01", null, null, null,
                        io.bigr.discovery.core.BigrCategory.UNCLASSIFIED, 0, "passive", t, t, "iot", "cam", 0, null, null, null, "online", null, null, null, null),
                new io.bigr.discovery.core.InventoryAsset("2", "10.0.0.1", "00:00:00:00:00:02", null, null, null,
                        io.bigr.discovery.core.BigrCategory.UNCLASSIFIED, 0, "passive", t, t, "iot", "other", 0, null, null, null, "online", null, null, null, null),
                new io.bigr.discovery.core.InventoryAsset("3", "10.0.0.2", null, null, null, null,
                        io.bigr.discovery.core.BigrCategory.UNCLASSIFIED, 0, "passive", t, t, null, null, 0, null, null, null, "online", null, null, null, null));
        assertThat(ManualTag.byIp(rows)).containsExactly(java.util.Map.entry("10.0.0.1", new ManualTag("iot", "cam")));
    }

    // ------------------------------------------------------------------ §4.3 vendor from a banner's maker

    private static Asset withBanners(Asset a, String bannersJson) {
        ObjectNode evidence = Json.object();
        evidence.set("banners", Json.parseObject(bannersJson));
        return a.withEvidence(evidence);
    }

    @Test
    void withoutAMacVendorTheServerHeadersMakerIsTheVendorAndSaysWhereItCameFrom() {
        Asset camera = withBanners(asset("10.20.0.5", null, null, null, null, 80, 554),
                "{\"80\": {\"service\": \"http\", \"server\": \"Hikvision-Webs\", \"title\": \"index\"}}");
        Asset out = classify(camera);
        assertThat(out.vendor()).isEqualTo("Hikvision");
        assertThat(out.rawEvidence().get("vendor_source").asText()).isEqualTo("http_server");
        assertThat(out.rawEvidence().get("vendor_match").asText())
                .isEqualTo("port 80 Server: Hikvision-Webs → Hikvision");
        assertThat(out.rawEvidence().get("vendor_rule").asText()).isEqualTo("Hikvision → Hikvision Camera");
        assertThat(out.bigrCategory()).isEqualTo(BigrCategory.IOT);

        Asset router = withBanners(asset("10.20.0.1", null, null, null, null, 22),
                "{\"22\": {\"service\": \"ssh\", \"banner\": \"SSH-2.0-ROSSSH\"}}");
        Asset r = CLASSIFIER.classify(router, new ManualTag("iot", "kept"));
        assertThat(r.vendor()).isEqualTo("MikroTik");
        assertThat(r.rawEvidence().get("vendor_source").asText()).isEqualTo("banner");
        assertThat(r.rawEvidence().get("manual_override").asText()).isEqualTo("kept");
    }

    @Test
    void theMacVendorIsKeptAndSoftwareServersNameNoMaker() {
        String hik = "{\"80\": {\"service\": \"http\", \"server\": \"Hikvision-Webs\"}}";
        Asset withMac = classify(withBanners(asset("10.20.0.5", "00:1e:bd:aa:bb:cc", null, null, null, 80), hik));
        assertThat(withMac.vendor()).isEqualTo("Cisco");
        assertThat(withMac.rawEvidence().has("vendor_source")).isFalse();
        Asset given = classify(withBanners(asset("10.20.0.5", null, null, "Axis", null, 80), hik));
        assertThat(given.vendor()).isEqualTo("Axis");
        Asset nginx = classify(withBanners(asset("10.20.0.6", null, null, null, null, 22, 80),
                "{\"22\": \"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\", \"80\": {\"service\": \"http\","
                        + " \"server\": \"nginx/1.24.0\"}}"));
        assertThat(nginx.vendor()).isNull();
        assertThat(nginx.rawEvidence().has("vendor_source")).isFalse();
    }
}
