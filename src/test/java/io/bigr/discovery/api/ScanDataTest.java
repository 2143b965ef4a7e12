package io.bigr.discovery.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ConfidenceLevel;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.db.SnapshotDao;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The streamed {@code /api/data} asset writer copies stored JSON instead of parsing it; these hold it to exactly what
 * Jackson writes for the parsed {@link DataAsset}, for well-formed and damaged stored columns alike.
 */
class ScanDataTest {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private static byte[] u(String text) {
        return SnapshotDao.DataRow.utf8(text);
    }

    private static String t(byte[] utf8) {
        return SnapshotDao.DataRow.text(utf8);
    }

    private static SnapshotDao.DataRow row(String ports, String evidence, String manual, Integer portIndex) {
        return new SnapshotDao.DataRow(u("10.0.0.7"), null, u("cam \"lobby\" ğ\u0001\t"), u("Hikvision"), u("camera"),
                u("DS-2CD2043G2"), null, null, ports, null, BigrCategory.IOT, 0.75,
                u("active"), Instant.parse("2026-01-15T10:00:00Z"), Instant.parse("2026-01-15T10:00:01.250Z"),
                u(evidence), u("4f0c"), u(manual), manual == null ? null : u("sw1"), manual == null ? null : u("Gi0/1"),
                portIndex, u("missed"));
    }

    /** What the parsing path (SnapshotDao's view mapper, then Jackson) makes of the same stored row. */
    private static String viaJackson(SnapshotDao.DataRow r) throws Exception {
        ScanAssetView v = new ScanAssetView(t(r.ip()), t(r.mac()), t(r.hostname()), t(r.vendor()), t(r.deviceType()),
                t(r.product()), t(r.os()), t(r.osVersion()), Json.parsePorts(r.openPortsJson()),
                t(r.osHint()), r.bigrCategory(), r.confidenceScore(),
                ConfidenceLevel.of(r.confidenceScore()).value(), t(r.scanMethod()), r.firstSeen(), r.lastSeen(),
                Json.parseObject(r.rawEvidenceJson()), t(r.assetId()), t(r.manualCategory()), t(r.switchHost()),
                t(r.switchPort()), r.switchPortIndex(), t(r.status()));
        return MAPPER.writeValueAsString(DataAsset.of(v));
    }

    /** As a response writes it (a UTF-8 generator over bytes), checked against a character generator's output. */
    private static String viaWriter(SnapshotDao.DataRow r) throws Exception {
        StringWriter chars = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(chars)) {
            g.setCodec(MAPPER);
            ScanData.writeAsset(g, r);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(bytes)) {
            g.setCodec(MAPPER);
            ScanData.writeAsset(g, r);
        }
        String utf8 = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(utf8).isEqualTo(chars.toString());
        return utf8;
    }

    /** Compact stored JSON (what every writer of ours stores): byte-identical output. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "[22, 80, 443] | {\"port_rules\":[\"ssh\"],\"vendor_rules\":[\"Cisco\"]} | NULL | NULL",
        "[]            | {}                                                     | iot  | 3",
        "[0, 65535]    | {\"banners\":{\"22\":\"SSH-2.0-OpenSSH_8.9p1 ğ\\n\"},\"n\":1.5,\"t\":true} | NULL | NULL",
        "[8080]        | {\"nested\":{\"a\":[1,{\"b\":null}]}}                      | ''   | 0"})
    void compactStoredColumnsAreCopiedByteForByte(String ports, String evidence, String manual, Integer index)
            throws Exception {
        SnapshotDao.DataRow r = row(ports.strip(), evidence.strip(), manual, index);
        assertThat(viaWriter(r)).isEqualTo(viaJackson(r));
    }

    /** Damaged or unusual stored columns: the same JSON value as the parsing path (whitespace aside). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL          | NULL",
        "''            | ''",
        "garbage       | garbage",
        "[1.5, 22]     | [1, 2]",
        "[022, 80]     | \"text\"",
        "[9999999999]  | {\"a\":1} trailing",
        "[ 22 ,80 ]    | {  \"spaced\" : [ 1 , 2 ] }",
        "[22,,80]      | {\"unterminated\": ",
        "[-1, 22]      | {\"k\":\"\\u0041\"}",
        "{\"a\":1}      | []"})
    void damagedStoredColumnsGiveWhatTheParserGives(String ports, String evidence) throws Exception {
        SnapshotDao.DataRow r = row(ports == null ? null : ports.strip(), evidence == null ? null : evidence.strip(),
                null, null);
        String written = viaWriter(r);
        assertThat(MAPPER.readTree(written)).isEqualTo(MAPPER.readTree(viaJackson(r)));
    }

    /**
     * Stored bytes that are no well-formed UTF-8 (SQLite keeps what it is given): written as the driver would decode
     * them (replacement characters), still valid JSON and the same from both generator kinds.
     */
    @Test
    void malformedUtf8ColumnsAreWrittenAsDecodedText() throws Exception {
        byte[] evidence = {'{', '"', 'b', '"', ':', '"', (byte) 0xC3, '"', '}'}; // a lead byte without its follower
        byte[] hostname = {'c', 'a', 'm', (byte) 0xED, (byte) 0xA0, (byte) 0x80}; // an encoded surrogate
        SnapshotDao.DataRow ok = row("[22]", null, null, null);
        SnapshotDao.DataRow r = new SnapshotDao.DataRow(ok.ip(), ok.mac(), hostname, ok.vendor(),
                ok.deviceType(), ok.product(), ok.os(), ok.osVersion(), ok.openPortsJson(), ok.osHint(),
                ok.bigrCategory(), ok.confidenceScore(), ok.scanMethod(), ok.firstSeen(), ok.lastSeen(), evidence,
                ok.assetId(), ok.manualCategory(), ok.switchHost(), ok.switchPort(), ok.switchPortIndex(),
                ok.status());
        var written = MAPPER.readTree(viaWriter(r));
        assertThat(written.get("raw_evidence").get("b").asText()).isEqualTo("\uFFFD");
        assertThat(written.get("hostname").asText()).isEqualTo(t(hostname)).startsWith("cam\uFFFD");
    }

    @Test
    void evidenceIsNotReparsedIntoADifferentOrder() throws Exception {
        SnapshotDao.DataRow r = row("[22]", "{\"z\":1,\"a\":2}", null, null);
        assertThat(viaWriter(r)).contains("\"raw_evidence\":{\"z\":1,\"a\":2}");
    }
}
