package io.bigr.discovery.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigr.discovery.core.AppVersion;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ExportRow;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.csv.CsvFiles;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the inventory as CSV, JSON Lines or nmap-compatible XML, one row at a time (docs/DOMAIN.md §6.3.16), so
 * memory stays constant whatever the number of assets. Every format carries the inventory keys of §3.6 (tags, switch
 * placement, status, the fingerprint identity of §4.15) and, appended after them, the latest snapshot's open ports,
 * the services on them (service, product, version) and the CVE matches. CSV is {@link CsvFiles#SPREADSHEET}: RFC 4180
 * quoting and the formula guard on every cell. XML is nmap's {@code -oX} shape (hosts, addresses with the MAC
 * vendor, host names, open TCP ports with {@code <service name product version>}), which {@code bigr import} and
 * other nmap readers take back; the BİGR columns ride in a {@code <hostscript>} script {@code bigr-inventory}.
 */
public enum InventoryExport {
    CSV("text/csv; charset=utf-8", "csv"), JSONL("application/x-ndjson; charset=utf-8", "jsonl"),
    XML("application/xml; charset=utf-8", "xml"),
    /** One JSON array of the JSONL objects (the dashboard's JSON export), still written row by row. */
    JSON("application/json; charset=utf-8", "json");

    /** The asset columns, first, as {@link InventoryAsset} declares them. */
    public static final List<String> COLUMNS = InventoryAsset.COLUMNS;
    /** Appended after {@link #COLUMNS} (earlier readers of the first columns are unaffected). */
    public static final List<String> EXTRA_COLUMNS = List.of("open_ports", "services", "cves");
    /** The CSV header: {@link #COLUMNS}, then {@link #EXTRA_COLUMNS}. */
    public static final List<String> HEADER = concat(COLUMNS, EXTRA_COLUMNS);

    private final String mediaType;
    private final String extension;

    InventoryExport(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileName() {
        return "bigr-assets." + extension;
    }

    public static InventoryExport parse(String format) {
        String f = format == null ? "csv" : format.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "csv" -> CSV;
            case "jsonl", "ndjson" -> JSONL;
            case "xml", "nmap" -> XML;
            case "json" -> JSON;
            default -> throw ApiException.badParameter("format", "format must be csv, json, jsonl or xml, got "
                    + io.bigr.discovery.core.InputBounds.quote(format));
        };
    }

    /** Receives the rows of one export. */
    public interface Sink {
        void write(ExportRow row) throws IOException;

        /** Ends the document and flushes; returns the number of rows written. */
        long finish() throws IOException;
    }

    /** Starts one export to {@code out}. */
    public Sink open(Writer out, ObjectMapper mapper) throws IOException {
        return switch (this) {
            case CSV -> csv(out);
            case JSONL -> jsonl(out, mapper);
            case JSON -> json(out, mapper);
            case XML -> xml(out);
        };
    }

    private static Sink csv(Writer out) throws IOException {
        // each record is appended to a builder and handed on whole: printed straight into the writer, its ~50
        // small appends per row (each a locked call down to the encoder) took a third of a 100,000-row export; and
        // appended without Commons CSV's printer, whose per-cell calls were a quarter of what remained
        StringBuilder record = new StringBuilder(1024);
        CSVPrinter header = CsvFiles.spreadsheet(record, HEADER);
        header.flush();
        out.append(record);
        record.setLength(0);
        return new Sink() {
            private long n;

            @Override
            public void write(ExportRow row) throws IOException {
                InventoryAsset a = row.asset();
                CsvFiles.appendRow(record, a.id(), a.ip(), a.mac(), a.hostname(), a.vendor(), a.osHint(),
                        a.bigrCategory().value(), Numbers.round(a.confidenceScore(), 4), a.scanMethod(),
                        Timestamps.format(a.firstSeen()), Timestamps.format(a.lastSeen()), a.manualCategory(),
                        a.manualNote(), a.isIgnored(), a.switchHost(), a.switchPort(), a.switchPortIndex(), a.status(),
                        a.deviceType(), a.product(), a.os(), a.osVersion(), ports(row.openPorts()),
                        services(row.services()), cves(row.cves()));
                out.append(record);
                record.setLength(0);
                n++;
            }

            @Override
            public long finish() throws IOException {
                out.flush();
                return n;
            }
        };
    }

    /** {@code 22,80,443}: the CSV cell of the open ports. */
    private static String ports(List<Integer> ports) {
        StringBuilder cell = new StringBuilder(ports.size() * 6);
        for (int i = 0; i < ports.size(); i++) {
            cell.append(i == 0 ? "" : ",").append(ports.get(i).intValue());
        }
        return cell.toString();
    }

    /** {@code 22/ssh OpenSSH 9.2p1; 80/http nginx}: the CSV cell of the services. */
    private static String services(List<ExportRow.Service> services) {
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < services.size(); i++) {
            cell.append(i == 0 ? "" : "; ").append(services.get(i).text());
        }
        return cell.toString();
    }

    /** {@code CVE-2023-38408:version_confirmed; ...}: the CSV cell of the CVE matches. */
    private static String cves(List<ExportRow.Cve> cves) {
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < cves.size(); i++) {
            cell.append(i == 0 ? "" : "; ").append(cves.get(i).cveId()).append(':').append(cves.get(i).matchType());
        }
        return cell.toString();
    }

    /** One JSON Lines object: the asset's keys, then the three export keys (the bytes its tree with them gives). */
    private record Line(@com.fasterxml.jackson.annotation.JsonUnwrapped InventoryAsset asset,
                        @com.fasterxml.jackson.annotation.JsonProperty("open_ports") List<Integer> openPorts,
                        @com.fasterxml.jackson.annotation.JsonProperty("services") List<ExportRow.Service> services,
                        @com.fasterxml.jackson.annotation.JsonProperty("cves") List<ExportRow.Cve> cves) {
    }

    /** One JSON array of the JSONL objects: {@code [}, each object after a newline (a comma first after the first). */
    private static Sink json(Writer out, ObjectMapper mapper) throws IOException {
        out.write('[');
        return lines(out, mapper, true);
    }

    private static Sink jsonl(Writer out, ObjectMapper mapper) throws IOException {
        return lines(out, mapper, false);
    }

    /**
     * The objects written by one generator straight into {@code out}: a string per object and per export key, and a
     * generator for each, were half the request's work on a 100,000-row export.
     */
    private static Sink lines(Writer out, ObjectMapper mapper, boolean array) throws IOException {
        com.fasterxml.jackson.core.JsonGenerator g = mapper.getFactory().createGenerator(out);
        g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null); // the objects are separated by the newlines below, nothing else
        com.fasterxml.jackson.databind.ObjectWriter lines = mapper.writerFor(Line.class)
                .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        return new Sink() {
            private long n;

            @Override
            public void write(ExportRow row) throws IOException {
                if (array) {
                    g.writeRaw(n == 0 ? "\n" : ",\n");
                }
                lines.writeValue(g, new Line(row.asset(), row.openPorts(), row.services(), row.cves()));
                if (!array) {
                    g.writeRaw('\n');
                }
                n++;
            }

            @Override
            public long finish() throws IOException {
                if (array) {
                    g.writeRaw("\n]\n");
                }
                g.flush();
                out.flush();
                return n;
            }
        };
    }

    private static Sink xml(Writer out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            long now = Instant.now().getEpochSecond();
            x.writeStartElement("nmaprun");
            x.writeAttribute("scanner", "bigr");
            x.writeAttribute("args", "bigr export --format xml");
            x.writeAttribute("start", String.valueOf(now));
            x.writeAttribute("version", AppVersion.current());
            x.writeAttribute("xmloutputversion", "1.05");
            x.writeCharacters("\n");
            return new Sink() {
                private long n;

                private final StringBuilder text = new StringBuilder(2048);
                private boolean flushed;

                @Override
                public void write(ExportRow row) throws IOException {
                    if (!flushed) { // the hosts go past the writer, after what it holds
                        try {
                            x.flush();
                        } catch (XMLStreamException e) {
                            throw new IOException(e);
                        }
                        flushed = true;
                    }
                    text.setLength(0);
                    host(text, row);
                    out.append(text);
                    n++;
                }

                @Override
                public long finish() throws IOException {
                    try {
                        x.writeStartElement("runstats");
                        x.writeEmptyElement("finished");
                        x.writeAttribute("time", String.valueOf(Math.max(now, Instant.now().getEpochSecond())));
                        x.writeEmptyElement("hosts");
                        x.writeAttribute("up", String.valueOf(n));
                        x.writeAttribute("down", "0");
                        x.writeAttribute("total", String.valueOf(n));
                        x.writeEndElement();
                        x.writeCharacters("\n");
                        x.writeEndElement();
                        x.writeCharacters("\n");
                        x.writeEndDocument();
                        x.flush();
                    } catch (XMLStreamException e) {
                        throw new IOException(e);
                    }
                    out.flush();
                    return n;
                }
            };
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /**
     * One {@code <host>}, appended as text: the characters the JDK's XMLStreamWriter writes for the same calls (start
     * tags closed by the next call, empty elements self-closed, {@code & < > "} escaped in attributes and {@code & < >}
     * in text; InventoryExportTest holds the two equal over random rows), without its per-call checks, which were half
     * of a 100,000-host export.
     */
    static void host(StringBuilder x, ExportRow row) {
        InventoryAsset a = row.asset();
        x.append("<host");
        if (a.lastSeen() != null) {
            attribute(x, "endtime", String.valueOf(a.lastSeen().getEpochSecond()));
        }
        x.append("><status");
        attribute(x, "state", "up");
        x.append("/><address");
        attribute(x, "addr", a.ip());
        attribute(x, "addrtype", a.ip().contains(":") ? "ipv6" : "ipv4");
        x.append("/>");
        if (a.mac() != null) {
            x.append("<address");
            attribute(x, "addr", a.mac().toUpperCase(Locale.ROOT));
            attribute(x, "addrtype", "mac");
            if (a.vendor() != null) {
                attribute(x, "vendor", a.vendor());
            }
            x.append("/>");
        }
        if (a.hostname() != null) {
            x.append("<hostnames><hostname");
            attribute(x, "name", a.hostname());
            attribute(x, "type", "user");
            x.append("/></hostnames>");
        }
        x.append("<ports>");
        for (int port : row.openPorts()) {
            x.append("<port");
            attribute(x, "protocol", "tcp");
            attribute(x, "portid", String.valueOf(port));
            x.append("><state");
            attribute(x, "state", "open");
            x.append("/>");
            for (ExportRow.Service s : row.services()) {
                if (s.port() == port) {
                    x.append("<service");
                    attribute(x, "name", s.service());
                    if (s.product() != null) {
                        attribute(x, "product", s.product());
                    }
                    if (s.version() != null) {
                        attribute(x, "version", s.version());
                    }
                    x.append("/>");
                    break;
                }
            }
            x.append("</port>");
        }
        x.append("</ports><hostscript><script");
        attribute(x, "id", "bigr-inventory");
        attribute(x, "output", a.bigrCategory().label());
        x.append('>');
        elem(x, "bigr_category", a.bigrCategory().value());
        elem(x, "confidence_score", String.valueOf(Numbers.round(a.confidenceScore(), 4)));
        elem(x, "status", a.status());
        elem(x, "manual_category", a.manualCategory());
        elem(x, "manual_note", a.manualNote());
        elem(x, "switch_host", a.switchHost());
        elem(x, "switch_port", a.switchPort());
        elem(x, "device_type", a.deviceType());
        if (!row.cves().isEmpty()) {
            StringBuilder cves = new StringBuilder();
            for (ExportRow.Cve c : row.cves()) {
                cves.append(cves.length() == 0 ? "" : " ").append(c.cveId()).append(':').append(c.matchType());
            }
            elem(x, "cves", cves.toString());
        }
        x.append("</script></hostscript></host>\n");
    }

    private static void elem(StringBuilder x, String key, String value) {
        if (value == null) {
            return;
        }
        x.append("<elem");
        attribute(x, "key", key);
        x.append('>');
        escape(x, value, false);
        x.append("</elem>");
    }

    private static void attribute(StringBuilder x, String name, String value) {
        x.append(' ').append(name).append("=\"");
        escape(x, value, true);
        x.append('"');
    }

    private static void escape(StringBuilder x, String value, boolean attribute) {
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            String entity = switch (value.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> attribute ? "&quot;" : null;
                default -> null;
            };
            if (entity != null) {
                x.append(value, start, i).append(entity);
                start = i + 1;
            }
        }
        x.append(value, start, value.length());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
