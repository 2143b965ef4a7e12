package io.bigr.discovery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.csv.CsvFiles;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryExportTest {
    static InventoryAsset asset(String hostname, String note) {
        Instant t = Instant.parse("2026-01-15T10:00:00Z");
        return new InventoryAsset("id-1", "10.0.0.1", "aa:bb:cc:dd:ee:01", hostname, "Cisco", null,
                io.bigr.discovery.core.BigrCategory.IOT, 0.123456,
                "active", t, t, "iot", note, 0, "10.0.0.254", "Gi1/0/3", 3, "online", "camera", "DS-2CD2043G2",
                null, null);
    }

    static io.bigr.discovery.core.ExportRow row(InventoryAsset a) {
        return new io.bigr.discovery.core.ExportRow(a, List.of(22, 554),
                List.of(new io.bigr.discovery.core.ExportRow.Service(22, "ssh", "OpenSSH", "9.2p1"),
                        new io.bigr.discovery.core.ExportRow.Service(554, "rtsp", null, null)),
                List.of(new io.bigr.discovery.core.ExportRow.Cve("CVE-2021-36260", "vendor_only", 9.8, "critical")));
    }

    @Test
    void csvQuotesAndDefusesFormulas() throws Exception {
        StringWriter out = new StringWriter();
        InventoryExport.Sink sink = InventoryExport.CSV.open(out, Json.MAPPER);
        sink.write(row(asset("=HYPERLINK(\"x\")", "a, \"b\"\nc")));
        assertThat(sink.finish()).isEqualTo(1);
        String[] lines = out.toString().split("\r\n", 2);
        assertThat(lines[0]).isEqualTo(String.join(",", InventoryExport.COLUMNS)
                + ",open_ports,services,cves");
        assertThat(lines[1]).isEqualTo("id-1,10.0.0.1,aa:bb:cc:dd:ee:01,\"'=HYPERLINK(\"\"x\"\")\",Cisco,,iot,0.1235,"
                + "active,2026-01-15T10:00:00+00:00,2026-01-15T10:00:00+00:00,iot,\"a, \"\"b\"\"\nc\",0,10.0.0.254,"
                + "Gi1/0/3,3,online,camera,DS-2CD2043G2,,,\"22,554\",22/ssh OpenSSH 9.2p1; 554/rtsp,"
                + "CVE-2021-36260:vendor_only\r\n");
        assertThat(CsvFiles.guard("-1.5")).as("numbers stay numbers").isEqualTo("-1.5");
    }

    @Test
    void jsonlLinesAreTheBytesOfTheAssetsTreeWithTheExportKeysAppended() throws Exception {
        for (io.bigr.discovery.core.ExportRow r : List.of(row(asset("gw", null)), row(asset(null, "a \"quoted\" ü note")))) {
            StringWriter out = new StringWriter();
            InventoryExport.Sink sink = InventoryExport.JSONL.open(out, Json.MAPPER);
            sink.write(r);
            sink.finish();
            com.fasterxml.jackson.databind.node.ObjectNode o = Json.MAPPER.valueToTree(r.asset());
            o.set("open_ports", Json.MAPPER.valueToTree(r.openPorts()));
            o.set("services", Json.MAPPER.valueToTree(r.services()));
            o.set("cves", Json.MAPPER.valueToTree(r.cves()));
            assertThat(out.toString()).isEqualTo(Json.MAPPER.writeValueAsString(o) + "\n");
        }
    }

    /** The JSONL line as the export wrote it before it wrote through one generator: the reference. */
    private static String referenceLine(com.fasterxml.jackson.databind.ObjectMapper mapper,
                                        io.bigr.discovery.core.ExportRow row) throws Exception {
        String asset = mapper.writeValueAsString(row.asset());
        return asset.substring(0, asset.length() - 1) + ",\"open_ports\":" + mapper.writeValueAsString(row.openPorts())
                + ",\"services\":" + mapper.writeValueAsString(row.services()) + ",\"cves\":"
                + mapper.writeValueAsString(row.cves()) + "}";
    }

    private static String text(java.util.Random r) {
        String[] pieces = {"a", "\"", "\\", "\n", "ş", "İ", "\u0001", "\u2028", "\uD83D\uDE00", "</x>", " ", "é"};
        if (r.nextInt(5) == 0) {
            return null;
        }
        StringBuilder t = new StringBuilder();
        for (int i = r.nextInt(4); i >= 0; i--) {
            t.append(pieces[r.nextInt(pieces.length)]);
        }
        return t.toString();
    }

    /**
     * {@code a} with up to three random open ports, a service on each (on about half of them when {@code someOnly}),
     * named {@code http} and {@code suffix}, and a CVE per port.
     */
    private static io.bigr.discovery.core.ExportRow withRandomPorts(java.util.Random r, InventoryAsset a, String suffix,
                                                                    boolean someOnly) {
        List<Integer> ports = new java.util.ArrayList<>();
        List<io.bigr.discovery.core.ExportRow.Service> services = new java.util.ArrayList<>();
        List<io.bigr.discovery.core.ExportRow.Cve> cves = new java.util.ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            int port = r.nextInt(65536);
            ports.add(port);
            if (!someOnly || r.nextBoolean()) {
                services.add(new io.bigr.discovery.core.ExportRow.Service(port, "http" + suffix, text(r), text(r)));
            }
            cves.add(new io.bigr.discovery.core.ExportRow.Cve("CVE-2024-" + k, "version_confirmed",
                    r.nextDouble() * 10, "high"));
        }
        return new io.bigr.discovery.core.ExportRow(a, ports, services, cves);
    }

    /**
     * JSON Lines and the JSON array written through one generator are the bytes of the per-object strings they
     * replaced, over random rows (nulls, escapes, non-ASCII, odd numbers and times, empty and long lists), with the
     * CLI's mapper and the server's.
     */
    @Test
    void jsonLinesAndArrayAreTheBytesOfThePerObjectStrings() throws Exception {
        java.util.Random r = new java.util.Random(77);
        List<io.bigr.discovery.core.ExportRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Instant t = r.nextBoolean() ? null : Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(3) * 1000L);
            InventoryAsset a = new InventoryAsset(text(r), text(r), text(r), text(r), text(r), text(r),
                    io.bigr.discovery.core.BigrCategory.values()[r.nextInt(5)],
                    r.nextDouble() * (r.nextBoolean() ? 1 : 1e-7),
                    text(r), t, t, text(r), text(r), r.nextInt(2), text(r), text(r),
                    r.nextBoolean() ? null : r.nextInt(), text(r), text(r), text(r), text(r), text(r));
            rows.add(withRandomPorts(r, a, "", false));
        }
        for (com.fasterxml.jackson.databind.ObjectMapper mapper : List.of(Json.MAPPER,
                Json.configure(io.dropwizard.jackson.Jackson.newObjectMapper()))) {
            StringWriter jsonl = new StringWriter();
            StringWriter json = new StringWriter();
            InventoryExport.Sink lines = InventoryExport.JSONL.open(jsonl, mapper);
            InventoryExport.Sink array = InventoryExport.JSON.open(json, mapper);
            StringBuilder wantLines = new StringBuilder();
            StringBuilder wantArray = new StringBuilder("[");
            for (io.bigr.discovery.core.ExportRow row : rows) {
                lines.write(row);
                array.write(row);
                wantLines.append(referenceLine(mapper, row)).append('\n');
                wantArray.append(wantArray.length() == 1 ? "\n" : ",\n").append(referenceLine(mapper, row));
            }
            assertThat(lines.finish()).isEqualTo(rows.size());
            assertThat(array.finish()).isEqualTo(rows.size());
            assertThat(jsonl.toString()).isEqualTo(wantLines.toString());
            assertThat(json.toString()).isEqualTo(wantArray.append("\n]\n").toString());
        }
        StringWriter empty = new StringWriter();
        InventoryExport.JSON.open(empty, Json.MAPPER).finish();
        assertThat(empty.toString()).isEqualTo("[\n]\n");
    }

    /** The host as the export wrote it through the JDK's XMLStreamWriter before it appended text: the reference. */
    private static void referenceHost(javax.xml.stream.XMLStreamWriter x, io.bigr.discovery.core.ExportRow row)
            throws javax.xml.stream.XMLStreamException {
        InventoryAsset a = row.asset();
        x.writeStartElement("host");
        if (a.lastSeen() != null) {
            x.writeAttribute("endtime", String.valueOf(a.lastSeen().getEpochSecond()));
        }
        x.writeEmptyElement("status");
        x.writeAttribute("state", "up");
        x.writeEmptyElement("address");
        x.writeAttribute("addr", a.ip());
        x.writeAttribute("addrtype", a.ip().contains(":") ? "ipv6" : "ipv4");
        if (a.mac() != null) {
            x.writeEmptyElement("address");
            x.writeAttribute("addr", a.mac().toUpperCase(java.util.Locale.ROOT));
            x.writeAttribute("addrtype", "mac");
            if (a.vendor() != null) {
                x.writeAttribute("vendor", a.vendor());
            }
        }
        if (a.hostname() != null) {
            x.writeStartElement("hostnames");
            x.writeEmptyElement("hostname");
            x.writeAttribute("name", a.hostname());
            x.writeAttribute("type", "user");
            x.writeEndElement();
        }
        x.writeStartElement("ports");
        for (int port : row.openPorts()) {
            x.writeStartElement("port");
            x.writeAttribute("protocol", "tcp");
            x.writeAttribute("portid", String.valueOf(port));
            x.writeEmptyElement("state");
            x.writeAttribute("state", "open");
            io.bigr.discovery.core.ExportRow.Service s = row.services().stream().filter(v -> v.port() == port)
                    .findFirst().orElse(null);
            if (s != null) {
                x.writeEmptyElement("service");
                x.writeAttribute("name", s.service());
                if (s.product() != null) {
                    x.writeAttribute("product", s.product());
                }
                if (s.version() != null) {
                    x.writeAttribute("version", s.version());
                }
            }
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeStartElement("hostscript");
        x.writeStartElement("script");
        x.writeAttribute("id", "bigr-inventory");
        x.writeAttribute("output", a.bigrCategory().label());
        referenceElem(x, "bigr_category", a.bigrCategory().value());
        referenceElem(x, "confidence_score",
                String.valueOf(io.bigr.discovery.core.Numbers.round(a.confidenceScore(), 4)));
        referenceElem(x, "status", a.status());
        referenceElem(x, "manual_category", a.manualCategory());
        referenceElem(x, "manual_note", a.manualNote());
        referenceElem(x, "switch_host", a.switchHost());
        referenceElem(x, "switch_port", a.switchPort());
        referenceElem(x, "device_type", a.deviceType());
        List<String> cves = new java.util.ArrayList<>();
        row.cves().forEach(c -> cves.add(c.cveId() + ":" + c.matchType()));
        referenceElem(x, "cves", cves.isEmpty() ? null : String.join(" ", cves));
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void referenceElem(javax.xml.stream.XMLStreamWriter x, String key, String value)
            throws javax.xml.stream.XMLStreamException {
        if (value == null) {
            return;
        }
        x.writeStartElement("elem");
        x.writeAttribute("key", key);
        x.writeCharacters(value);
        x.writeEndElement();
    }


    /**
     * The XML export's hosts, appended as text, are the characters the JDK's XMLStreamWriter writes for the same
     * calls, over the random rows above (markup characters, quotes, control characters, non-ASCII, no MAC, no
     * hostname, no ports, IPv6).
     */
    @Test
    void xmlHostsAreWhatTheStreamWriterWrites() throws Exception {
        java.util.Random r = new java.util.Random(99);
        for (int i = 0; i < 3_000; i++) {
            String extra = r.nextBoolean() ? "&<>\"'" : "";
            Instant t = r.nextBoolean() ? null : Instant.ofEpochSecond(r.nextInt(2_000_000_000));
            String ip = r.nextBoolean() ? "fe80::" + i : "10.0." + (i >> 8) + "." + (i & 255);
            InventoryAsset a = new InventoryAsset(text(r), ip, r.nextBoolean() ? null : "aa:bb:cc:dd:ee:" + extra,
                    text(r), text(r), text(r), io.bigr.discovery.core.BigrCategory.values()[r.nextInt(5)],
                    r.nextDouble(), text(r), t, t, text(r), text(r) == null ? null : text(r) + extra, 0, text(r),
                    text(r), null, text(r), text(r), text(r), text(r), text(r));
            io.bigr.discovery.core.ExportRow row = withRandomPorts(r, a, extra, true);
            StringWriter reference = new StringWriter();
            javax.xml.stream.XMLStreamWriter x = javax.xml.stream.XMLOutputFactory.newFactory()
                    .createXMLStreamWriter(reference);
            referenceHost(x, row);
            x.flush();
            StringBuilder appended = new StringBuilder();
            InventoryExport.host(appended, row);
            assertThat(appended.toString()).isEqualTo(reference.toString());
        }
    }

    @Test
    void jsonlIsOneInventoryObjectPerLine() throws Exception {
        StringWriter out = new StringWriter();
        InventoryExport.Sink sink = InventoryExport.JSONL.open(out, Json.MAPPER);
        sink.write(row(asset("gw", null)));
        sink.write(row(asset("gw2", null)));
        sink.finish();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        var second = Json.parseOrNull(lines[1]);
        assertThat(second.get("switch_port").asText()).isEqualTo("Gi1/0/3");
        assertThat(second.get("open_ports").toString()).isEqualTo("[22,554]");
        assertThat(second.get("services").get(0).toString())
                .isEqualTo("{\"port\":22,\"service\":\"ssh\",\"product\":\"OpenSSH\",\"version\":\"9.2p1\"}");
        assertThat(second.get("cves").get(0).get("cve_id").asText()).isEqualTo("CVE-2021-36260");
    }

    @Test
    void xmlIsAnNmapReportThatImportReadsBack() throws Exception {
        StringWriter out = new StringWriter();
        InventoryExport.Sink sink = InventoryExport.XML.open(out, Json.MAPPER);
        sink.write(row(asset("cam <1> & \"x\"", null)));
        sink.finish();
        var back = io.bigr.discovery.exchange.NmapXml.read(new java.io.ByteArrayInputStream(
                out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "export.xml");
        assertThat(back.assets()).hasSize(1);
        var a = back.assets().get(0);
        assertThat(a.ip().value()).isEqualTo("10.0.0.1");
        assertThat(a.mac().toString()).isEqualTo("aa:bb:cc:dd:ee:01");
        assertThat(a.vendor()).isEqualTo("Cisco");
        assertThat(a.hostname()).isEqualTo("cam <1> & \"x\"");
        assertThat(a.openPorts()).containsExactly(22, 554);
        assertThat(a.rawEvidence().path("banners").path("22").path("version").asText()).isEqualTo("9.2p1");
        assertThat(a.rawEvidence().path("banners").path("554").path("service").asText()).isEqualTo("rtsp");
    }

    @Test
    void formatIsValidated() {
        assertThat(InventoryExport.parse(null)).isEqualTo(InventoryExport.CSV);
        assertThat(InventoryExport.parse("JSONL")).isEqualTo(InventoryExport.JSONL);
        assertThat(InventoryExport.parse("xml")).isEqualTo(InventoryExport.XML);
        assertThatThrownBy(() -> InventoryExport.parse("yaml")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).field()).isEqualTo("format");
    }
}
