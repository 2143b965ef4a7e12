package io.bigr.discovery.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddress;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ConfidenceLevel;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.JsonBytes;
import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.SnapshotDao;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the body of {@code GET /api/data} (docs/DOMAIN.md §6.3.2) while the scan's assets stream from a cursor, so a
 * 100,000-asset scan needs no more memory than a 10-asset one: the latest scan's metadata, {@code assets} (each with
 * {@code manual_override}, optionally filtered to one subnet and paged), {@code category_summary} over the whole
 * scan (counted while streaming, which is why it follows {@code assets}, as in §3.5), then {@code total} (assets
 * after the filter), {@code limit}, {@code offset} and {@code next_offset} (null on the last page).
 * {@code total_assets} and {@code category_summary} are not recomputed after filtering, as §6.3.2 requires.
 * Without a scan: {@code {"assets": [], "category_summary": {}, "total_assets": 0, "total": 0, ...}}.
 */
public final class ScanData {
    private final ScanSummary scan;
    private final IPAddress subnet;
    private final Integer limit;
    private final long offset;
    private final Long inventoryAssets;
    /** {@code GET /api/scans/{id}}: no page keys, no {@code manual_override} (the ScanDetail shape of §3.5). */
    private final boolean detail;

    /** {@code scan} null: no scan yet. {@code subnet} null: no filter. {@code limit} null: every asset. */
    public ScanData(ScanSummary scan, IPAddress subnet, Integer limit, long offset) {
        this(scan, subnet, limit, offset, null, false);
    }

    private ScanData(ScanSummary scan, IPAddress subnet, Integer limit, long offset, Long inventoryAssets,
                     boolean detail) {
        this.scan = scan;
        this.subnet = subnet;
        this.limit = limit;
        this.offset = offset;
        this.inventoryAssets = inventoryAssets;
        this.detail = detail;
    }

    /**
     * {@code GET /api/scans/{id}}: one scan with all its assets in the {@code core.ScanDetail} shape (docs/DOMAIN.md
     * §3.5: the scan's keys, {@code assets}, {@code category_summary}; no page keys, no {@code manual_override}),
     * streamed as {@code /api/data} is, so a 100,000-asset scan is not held in memory.
     */
    public static ScanData detail(ScanSummary scan) {
        return new ScanData(java.util.Objects.requireNonNull(scan), null, null, 0, null, true);
    }

    /**
     * {@code scope=inventory}: every inventory asset with its latest snapshot, in the same row shape; the body starts
     * with {@code "scope": "inventory"} instead of a scan's metadata and {@code total_assets} is the inventory size.
     */
    public static ScanData inventory(long inventoryAssets, IPAddress subnet, Integer limit, long offset) {
        return new ScanData(null, subnet, limit, offset, inventoryAssets, false);
    }

    public void write(Iterator<SnapshotDao.DataRow> rows, OutputStream out, ObjectMapper mapper) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setCodec(mapper);
            writeHead(g);
            Map<String, Integer> summary = new LinkedHashMap<>();
            long kept = 0;
            long written = 0;
            g.writeArrayFieldStart("assets");
            while (rows.hasNext()) {
                SnapshotDao.DataRow a = rows.next();
                summary.merge(a.bigrCategory().value(), 1, Integer::sum);
                if (subnet != null && !IpAddresses.contains(subnet, SnapshotDao.DataRow.text(a.ip()))) {
                    continue;
                }
                if (kept++ >= offset && (limit == null || written < limit)) {
                    writeAsset(g, a, !detail);
                    written++;
                }
            }
            g.writeEndArray();
            writeTail(g, summary, kept, written);
        }
    }

    /**
     * The body from one page of rows the database already filtered and paged, with the scan's whole
     * {@code category_summary} and the filter's {@code total} counted there too: a page deep into a 100,000-asset scan
     * reads its own rows instead of every row before it.
     */
    public void writePage(Iterator<SnapshotDao.DataRow> page, Map<String, Integer> summary, long total,
                          OutputStream out, ObjectMapper mapper) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setCodec(mapper);
            writeHead(g);
            long written = 0;
            g.writeArrayFieldStart("assets");
            while (page.hasNext() && (limit == null || written < limit)) {
                writeAsset(g, page.next(), !detail);
                written++;
            }
            g.writeEndArray();
            writeTail(g, summary, total, written);
        }
    }

    private void writeHead(JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (inventoryAssets != null) {
            g.writeStringField("scope", "inventory");
        }
        if (scan != null) {
            g.writeStringField("id", scan.id());
            g.writeStringField("target", scan.target());
            g.writeStringField("scan_method", scan.scanMethod());
            g.writeStringField("started_at", Timestamps.format(scan.startedAt()));
            g.writeStringField("completed_at", Timestamps.format(scan.completedAt()));
            g.writeNumberField("total_assets", scan.totalAssets());
            g.writeBooleanField("is_root", scan.isRoot());
            g.writeObjectField("duration_seconds", scan.durationSeconds());
            g.writeStringField("status", scan.status());
        }
    }

    /** From {@code category_summary} on; {@code kept}: the assets the filter keeps, {@code written}: on this page. */
    private void writeTail(JsonGenerator g, Map<String, Integer> summary, long kept, long written) throws IOException {
        g.writeObjectField("category_summary", summary);
        if (detail) {
            g.writeEndObject();
            return;
        }
        if (scan == null) {
            g.writeNumberField("total_assets", inventoryAssets == null ? 0 : inventoryAssets);
        }
        g.writeNumberField("total", kept);
        g.writeObjectField("limit", limit);
        g.writeNumberField("offset", offset);
        long next = offset + written;
        g.writeObjectField("next_offset", written > 0 && next < kept ? next : null);
        g.writeEndObject();
    }

    /**
     * One asset exactly as Jackson writes the parsed {@link io.bigr.discovery.core.ScanAssetView} plus
     * {@code manual_override} (same keys, order and values; ScanDataTest holds the two
     * together), but with the stored JSON columns copied rather than parsed into trees and serialised again: the
     * evidence is only validated (tokenised without building anything) and then written verbatim; anything but
     * exactly one JSON object takes the parsing path, so damaged columns come out as they always did.
     */
    static void writeAsset(JsonGenerator g, SnapshotDao.DataRow a) throws IOException {
        writeAsset(g, a, true);
    }

    /** {@link #writeAsset(JsonGenerator, SnapshotDao.DataRow)}, with or without the trailing manual_override. */
    static void writeAsset(JsonGenerator g, SnapshotDao.DataRow a, boolean manualOverride) throws IOException {
        boolean utf8 = g instanceof UTF8JsonGenerator;
        g.writeStartObject();
        text(g, utf8, "ip", a.ip());
        text(g, utf8, "mac", a.mac());
        text(g, utf8, "hostname", a.hostname());
        text(g, utf8, "vendor", a.vendor());
        text(g, utf8, "device_type", a.deviceType());
        text(g, utf8, "product", a.product());
        text(g, utf8, "os", a.os());
        text(g, utf8, "os_version", a.osVersion());
        g.writeFieldName("open_ports");
        writePorts(g, a.openPortsJson());
        text(g, utf8, "os_hint", a.osHint());
        g.writeStringField("bigr_category", a.bigrCategory().value());
        g.writeStringField("bigr_category_tr", a.bigrCategory().label());
        g.writeNumberField("confidence_score", a.confidenceScore());
        g.writeStringField("confidence_level", ConfidenceLevel.of(a.confidenceScore()).value());
        text(g, utf8, "scan_method", a.scanMethod());
        g.writeStringField("first_seen", Timestamps.format(a.firstSeen()));
        g.writeStringField("last_seen", Timestamps.format(a.lastSeen()));
        g.writeFieldName("raw_evidence");
        byte[] evidence = a.rawEvidenceUtf8();
        if (JsonBytes.isObject(evidence)) {
            g.writeRawValue(new RawJson(evidence));
        } else {
            String text = a.rawEvidenceJson();
            if (isJsonObject(text)) {
                g.writeRawValue(text); // not well-formed UTF-8: as the driver decodes it (replacement characters)
            } else {
                g.writeTree(Json.parseObject(text)); // damaged text: whatever the parsing path makes of it
            }
        }
        text(g, utf8, "asset_id", a.assetId());
        text(g, utf8, "manual_category", a.manualCategory());
        text(g, utf8, "switch_host", a.switchHost());
        text(g, utf8, "switch_port", a.switchPort());
        g.writeFieldName("switch_port_index");
        if (a.switchPortIndex() == null) {
            g.writeNull();
        } else {
            g.writeNumber(a.switchPortIndex());
        }
        text(g, utf8, "status", a.status());
        if (manualOverride) {
            g.writeBooleanField("manual_override", a.manualCategory() != null && a.manualCategory().length > 0);
        }
        g.writeEndObject();
    }

    /**
     * A text column as a JSON string: its bytes escaped and copied by a UTF-8 generator when they are well-formed
     * UTF-8 (the same bytes {@code writeString} makes of the decoded text), else the text the driver would decode.
     */
    private static void text(JsonGenerator g, boolean utf8Generator, String name, byte[] value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else if (utf8Generator && JsonBytes.isUtf8(value)) {
            g.writeUTF8String(value, 0, value.length);
        } else {
            g.writeString(SnapshotDao.DataRow.text(value));
        }
    }

    private static void writePorts(JsonGenerator g, String text) throws IOException {
        g.writeStartArray();
        for (int port : Json.parsePorts(text)) {
            g.writeNumber(port);
        }
        g.writeEndArray();
    }

    /**
     * Tokenises stored evidence to check it; field names are not interned or kept in a symbol table (each row's names
     * are read once and dropped), which halved the check.
     */
    private static final com.fasterxml.jackson.core.JsonFactory CHECKER = com.fasterxml.jackson.core.JsonFactory
            .builder().disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(com.fasterxml.jackson.core.JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(io.bigr.discovery.core.InputBounds.MAX_JSON_DEPTH).build())
            .build();

    /** Whether the text is exactly one JSON object, checked by tokenising it (nothing is built). */
    private static boolean isJsonObject(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        try (JsonParser p = CHECKER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
