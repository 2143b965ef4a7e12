package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.testing.TestData;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Jackson codec against the hand-written one it replaced ({@link HandWrittenScanResultJson}): the same bytes
 * out, the same results in, the same field and message on rejection.
 */
class ScanResultJsonTest {
    private static final Instant T = Instant.parse("2026-01-15T10:00:00Z");

    static Stream<ScanResult> results() {
        ObjectNode evidence = Json.object();
        evidence.putArray("port_rules").add("ssh");
        evidence.put("n", 1.5).put("t", "ğ \"q\"");
        Asset full = new Asset(IpAddress.of("10.0.0.1"), MacAddress.of("AA-BB-CC-DD-EE-01"), "gw", "Cisco, Inc", List.of(443, 22, 80),
                "Linux (Server)", BigrCategory.AG_VE_SISTEMLER, 0.123456, ScanMethod.HYBRID, T,
                T.plusMillis(5123), evidence, "sw1", "Gi0/1", 3);
        Asset placedNoPort = Asset.of(IpAddress.of("10.0.0.2")).withSwitch("sw1", null, null);
        Asset bare = new Asset(IpAddress.of("10.0.0.3"), null, null, null, List.of(), null, null, 0.0, null, T, T, null, null,
                null, null);
        Asset scores = new Asset(IpAddress.of("::1"), MacAddress.of("0:1:2:3:4:5"), "h", null, List.of(0, 65535), null, BigrCategory.IOT, 1.0,
                ScanMethod.ACTIVE, T, T, null, null, null, null);
        return Stream.of(
                new ScanResult("10.0.0.0/24", ScanMethod.HYBRID, T, T.plusSeconds(30), true,
                        List.of(full, placedNoPort, bare, scores), Json.object().put("mode", "hybrid")),
                new ScanResult("10.0.0.0/24", ScanMethod.PASSIVE, T, null, false, List.of(), null),
                new ScanResult("x", ScanMethod.ACTIVE, T, T.plusNanos(1_500_000), false, List.of(bare), Json.object()),
                TestData.scan("10.0.0.0/24", TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01"),
                        TestData.asset("10.0.0.9", null)));
    }

    @ParameterizedTest
    @MethodSource("results")
    void writesExactlyWhatTheHandWrittenCodecWrote(ScanResult r) throws Exception {
        ObjectNode expected = HandWrittenScanResultJson.toJson(r);
        ObjectNode actual = ScanResultJson.toJson(r);
        assertThat(actual).isEqualTo(expected);
        assertThat(Json.MAPPER.writeValueAsString(actual)).isEqualTo(Json.MAPPER.writeValueAsString(expected));
        assertThat(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual))
                .isEqualTo(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(expected));
        for (Asset a : r.assets()) {
            assertThat(Json.MAPPER.writeValueAsString(ScanResultJson.toJson(a)))
                    .isEqualTo(Json.MAPPER.writeValueAsString(HandWrittenScanResultJson.toJson(a)));
        }
    }

    @ParameterizedTest
    @MethodSource("results")
    void whatIsWrittenReadsBackAsTheSameResult(ScanResult r) {
        ScanResult back = ScanResultJson.fromJson(ScanResultJson.toJson(r));
        assertThat(ScanResultJson.toJson(back)).isEqualTo(ScanResultJson.toJson(r));
        assertThat(back).isEqualTo(HandWrittenScanResultJson.fromJson(HandWrittenScanResultJson.toJson(r)));
    }

    /** Documents both codecs accept; times the input lacks default to "now", so those are compared apart. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{'target': 'x'}",
            "{'target': ' x ', 'assets': null, 'details': null, 'scan_method': null, 'is_root': null}",
            "{'target': 'x', 'assets': [], 'is_root': 1, 'scan_method': 'ACTIVE', 'extra': {'a': [1]}}",
            "{'target': 'x', 'is_root': 0, 'started_at': '', 'completed_at': '2026-01-01 10:00:00'}",
            "{'target': 'x', 'is_root': 5, 'started_at': '2026-01-01T10:00:00Z', 'details': []}",
            "{'target': 'x', 'is_root': true, 'details': 'text', 'total_assets': 'ignored'}",
            "{'target': 'x', 'details': {'mode': 'passive', 'n': [1, 2]}}",
            "{'target': 'x', 'assets': [{'ip': ' 10.0.0.1 '}]}",
            "{'target': 'x', 'assets': [{'ip': '::1', 'mac': 'AA-BB-CC-DD-EE-FF', 'hostname': ' h ', 'vendor': '',"
                    + " 'open_ports': [80, 22, 22], 'os_hint': null, 'bigr_category': ' IOT ',"
                    + " 'bigr_category_tr': 5, 'confidence_score': 1, 'confidence_level': [],"
                    + " 'scan_method': 'Active', 'first_seen': '2026-01-01T10:00:00+03:00', 'last_seen': null,"
                    + " 'raw_evidence': {'a': {'b': null}}, 'switch_host': 'sw', 'switch_port': 'Gi0/1',"
                    + " 'switch_port_index': 3.7, 'unknown': true}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'switch_port_index': '3'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'switch_port_index': 10000000000}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'switch_port_index': true, 'open_ports': []}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'confidence_score': 0.0, 'raw_evidence': null}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'first_seen': ''}]}"})
    void acceptsWhatTheHandWrittenCodecAccepted(String document) throws Exception {
        JsonNode node = Json.MAPPER.readTree(document.replace('\'', '"'));
        ScanResult expected = HandWrittenScanResultJson.fromJson(node);
        ScanResult actual = ScanResultJson.fromJson(node);
        assertThat(withoutDefaultTimes(actual, node)).isEqualTo(withoutDefaultTimes(expected, node));
    }

    /** Documents both codecs reject, each with one problem: the same field and message. */
    @ParameterizedTest
    @ValueSource(strings = {
            "[1, 2]", "'text'", "null",
            "{}", "{'target': null}", "{'target': ''}", "{'target': '  '}", "{'target': 5}",
            "{'target': 'x', 'scan_method': 'bogus'}", "{'target': 'x', 'scan_method': 1}",
            "{'target': 'x', 'scan_method': {}}",
            "{'target': 'x', 'started_at': 'yesterday'}", "{'target': 'x', 'completed_at': 123}",
            "{'target': 'x', 'is_root': 'true'}", "{'target': 'x', 'is_root': 1.5}",
            "{'target': 'x', 'is_root': 10000000000}",
            "{'target': 'x', 'assets': {}}", "{'target': 'x', 'assets': 'a'}",
            "{'target': 'x', 'assets': [1]}", "{'target': 'x', 'assets': [null]}", "{'target': 'x', 'assets': [{}]}",
            "{'target': 'x', 'assets': [{'ip': 'nope'}]}", "{'target': 'x', 'assets': [{'ip': 5}]}",
            "{'target': 'x', 'assets': [{'ip': ''}]}", "{'target': 'x', 'assets': [{'ip': null}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.0/24'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1'}, {'ip': '10.0.0.2', 'open_ports': ['a']}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'open_ports': '22'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'open_ports': [22, 1.5]}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'open_ports': [70000]}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'open_ports': [-1]}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'open_ports': [null]}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'mac': 5}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'hostname': true}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'vendor': []}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'os_hint': {}}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'switch_host': 1}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'switch_port': 1}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'bigr_category': 'bogus'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'bigr_category': 5}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'confidence_score': '0.5'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'confidence_score': 1.5}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'confidence_score': -0.1}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'raw_evidence': []}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'raw_evidence': 'x'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'scan_method': 'nope'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'first_seen': 'bad'}]}",
            "{'target': 'x', 'assets': [{'ip': '10.0.0.1', 'last_seen': true}]}"})
    void rejectsWhatTheHandWrittenCodecRejectedNamingTheSameField(String document) throws Exception {
        JsonNode node = Json.MAPPER.readTree(document.replace('\'', '"'));
        Throwable expected = catchThrowable(() -> HandWrittenScanResultJson.fromJson(node));
        Throwable actual = catchThrowable(() -> ScanResultJson.fromJson(node));
        assertThat(expected).isInstanceOf(InvalidInputException.class);
        assertThat(actual).isInstanceOf(InvalidInputException.class).hasMessage(expected.getMessage());
        assertThat(((InvalidInputException) actual).field()).isEqualTo(((InvalidInputException) expected).field());
        assertThat(actual.getMessage()).doesNotContainIgnoringCase("jackson").doesNotContain("java.");
    }

    @Test
    void oneAssetIsReadWithThePathItIsGiven() throws Exception {
        JsonNode ok = Json.MAPPER.readTree("{\"ip\": \"10.0.0.1\", \"open_ports\": [22]}");
        assertThat(ScanResultJson.assetFromJson(ok, "a").openPorts()).containsExactly(22);
        JsonNode bad = Json.MAPPER.readTree("{\"ip\": \"10.0.0.1\", \"open_ports\": [22, \"x\"]}");
        assertThat(catchThrowable(() -> ScanResultJson.assetFromJson(bad, "assets[4]")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("assets[4].open_ports[1]: must be an integer 0-65535");
        assertThat(catchThrowable(() -> ScanResultJson.assetFromJson(Json.MAPPER.readTree("3"), "a")))
                .hasMessage("a: must be an object");
    }

    /** The result's JSON with the times the input left out (they default to "now") removed. */
    private static ObjectNode withoutDefaultTimes(ScanResult r, JsonNode input) {
        ObjectNode o = ScanResultJson.toJson(r);
        if (input.path("started_at").isNull() || input.path("started_at").asText().isEmpty()) {
            o.remove(List.of("started_at", "duration_seconds"));
        }
        for (int i = 0; i < o.withArray("assets").size(); i++) {
            ObjectNode a = (ObjectNode) o.withArray("assets").get(i);
            JsonNode in = input.get("assets").get(i);
            for (String key : List.of("first_seen", "last_seen")) {
                if (in.path(key).isNull() || in.path(key).asText().isEmpty()) {
                    a.remove(key);
                }
            }
        }
        return o;
    }
}
