package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.core.Timestamps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanOutputTest {
    private static ScanResult result() {
        Asset router = new Asset(IpAddress.of("192.168.1.1"), MacAddress.of("00:1E:BD:AA:BB:CC"), "router-01", "Cisco, Inc", List.of(443, 22, 80),
                "Linux (Server)", BigrCategory.AG_VE_SISTEMLER, 0.123456, ScanMethod.HYBRID,
                Timestamps.parse("2026-01-01T12:00:00+00:00"), Timestamps.parse("2026-01-01T12:00:05.123+00:00"),
                null, null, null, null);
        Asset bare = new Asset(IpAddress.of("192.168.1.7"), null, "say \"hi\"", null, List.of(), null, null, 0.0, null,
                null, null, null, null, null, null);
        var details = Json.object().put("mode", "hybrid");
        return new ScanResult("192.168.1.0/24", ScanMethod.HYBRID, Timestamps.parse("2026-01-01T12:00:00+00:00"),
                Timestamps.parse("2026-01-01T12:00:30+00:00"), true, List.of(router, bare), details);
    }

    @Test
    void csvHasExactlyTheSpecColumnsAndQuoting() {
        String[] lines = ScanOutput.csv(result().assets()).split("\r\n");
        assertThat(lines[0]).isEqualTo("ip,mac,hostname,vendor,open_ports,os_hint,bigr_category,bigr_category_tr,"
                + "confidence_score,confidence_level,scan_method,device_type,product,os,os_version");
        assertThat(lines[1]).isEqualTo("192.168.1.1,00:1e:bd:aa:bb:cc,router-01,\"Cisco, Inc\",\"22,80,443\","
                + "Linux (Server),ag_ve_sistemler,Ağ ve Sistemler,0.1235,unclassified,hybrid,,,,");
        assertThat(lines[2]).isEqualTo("192.168.1.7,,\"say \"\"hi\"\"\",,,,unclassified,Sınıflandırılmamış,0.0,"
                + "unclassified,passive,,,,");
        assertThat(lines).hasSize(3);
    }

    @Test
    void theJsonFileKeepsTheScansCoverageAndNoOtherDetail() throws Exception {
        ScanResult r = result();
        ObjectNode details = r.details().deepCopy();
        details.putObject("coverage").put("complete", true).put("ports", "22,80").putArray("addresses")
                .add("192.168.1.0-192.168.1.255");
        details.putArray("phases").addObject().put("name", "port_scan");
        JsonNode n = Json.MAPPER.readTree(ScanOutput.json(new ScanResult(r.target(), r.scanMethod(), r.startedAt(),
                r.completedAt(), r.isRoot(), r.assets(), details)));
        assertThat(n.get("details").toString()).isEqualTo("{\"coverage\":{\"complete\":true,\"ports\":\"22,80\","
                + "\"addresses\":[\"192.168.1.0-192.168.1.255\"]}}");
        // read back as an imported file: the coverage the save marks misses with
        ScanResult back = io.bigr.discovery.core.ScanResultJson.fromJson(n);
        assertThat(io.bigr.discovery.core.ScanCoverage.fromDetails(back.details()).complete()).isTrue();
    }

    @Test
    void jsonFileIsTheSpecShapePrettyUtf8WithoutDetails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/assets.json");
        ScanOutput.write(result(), ScanOutput.Format.JSON, file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"target\": \"192.168.1.0/24\",\n  \"scan_method\": \"hybrid\",");
        assertThat(text).contains("\"bigr_category_tr\": \"Ağ ve Sistemler\"").doesNotContain("\\u");
        assertThat(text).doesNotContain("details");
        JsonNode n = Json.MAPPER.readTree(text);
        assertThat(Json.MAPPER.readTree(text).fieldNames()).toIterable().containsExactly("target", "scan_method",
                "started_at", "completed_at", "duration_seconds", "is_root", "total_assets", "category_summary",
                "assets");
        assertThat(n.get("duration_seconds").asDouble()).isEqualTo(30.0);
        assertThat(n.get("category_summary").toString()).isEqualTo("{\"ag_ve_sistemler\":1,\"unclassified\":1}");
        assertThat(n.get("assets").get(0).get("confidence_score").asDouble()).isEqualTo(0.1235);
        assertThat(n.get("assets").get(0).get("confidence_level").asText()).isEqualTo("unclassified");
        assertThat(n.get("assets").get(0).get("last_seen").asText()).isEqualTo("2026-01-01T12:00:05.123000+00:00");
        // What is written reads back as the same result.
        ScanResult back = ScanResultJson.fromJson(n);
        assertThat(back.assets()).extracting(a -> a.ip().value()).containsExactly("192.168.1.1", "192.168.1.7");
    }

    @Test
    void csvFileDefusesSpreadsheetFormulas(@TempDir Path dir) throws Exception {
        Asset evil = new Asset(IpAddress.of("192.168.1.9"), null, "=cmd|'/C calc'!A0", "@SUM(1)", List.of(), "-x", null, 0.0, null,
                null, null, null, null, null, null);
        ScanResult r = result();
        Path file = dir.resolve("x.csv");
        ScanOutput.write(new ScanResult(r.target(), r.scanMethod(), r.startedAt(), r.completedAt(), r.isRoot(),
                List.of(evil), r.details()), ScanOutput.Format.CSV, file);
        assertThat(Files.readAllLines(file).get(1))
                .isEqualTo("192.168.1.9,,'=cmd|'/C calc'!A0,'@SUM(1),,'-x,unclassified,Sınıflandırılmamış,0.0,"
                        + "unclassified,passive,,,,");
    }

    @Test
    void csvFileIsWrittenByFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("assets.csv");
        ScanOutput.write(result(), ScanOutput.Format.CSV, file);
        assertThat(Files.readString(file)).startsWith(ScanOutput.CSV_HEADER + "\r\n192.168.1.1,");
        assertThat(ScanOutput.Format.parse("CSV")).contains(ScanOutput.Format.CSV);
        assertThat(ScanOutput.Format.parse("xml")).isEmpty();
    }

    /** The fingerprint identity (raw_evidence.identity) shows as device_type, product, os, os_version. */
    @Test
    void identityFieldsFromTheEvidenceAreColumns() throws Exception {
        var evidence = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("""
                {"identity": {"device_type": {"value": "server", "certainty": 0.6},
                              "product": {"value": "OpenSSH", "certainty": 0.95},
                              "os": {"value": "Ubuntu Linux", "certainty": 0.9},
                              "os_version": {"value": "24.04", "certainty": 0.9}, "matches": []}}""");
        Asset ssh = new Asset(IpAddress.of("192.168.1.5"), null, null, null, List.of(22), null, null, 0.5, null, null,
                null, evidence, null, null, null);
        assertThat(ScanOutput.csv(List.of(ssh)).split("\r\n")[1])
                .endsWith(",server,OpenSSH,Ubuntu Linux,24.04");
        JsonNode json = ScanResultJson.toJson(ssh);
        assertThat(json.get("device_type").asText()).isEqualTo("server");
        assertThat(json.get("product").asText()).isEqualTo("OpenSSH");
        assertThat(json.get("os").asText()).isEqualTo("Ubuntu Linux");
        assertThat(json.get("os_version").asText()).isEqualTo("24.04");
        assertThat(ScanResultJson.assetFromJson(json, "a").deviceType()).isEqualTo("server");
        assertThat(Asset.of(IpAddress.of("192.168.1.6")).withEvidence(evidence).product()).isEqualTo("OpenSSH");
        assertThat(ssh.withEvidence(Json.object()).deviceType()).as("new evidence, new identity").isNull();
    }
}
