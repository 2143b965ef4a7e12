package io.bigr.discovery.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.csv.CsvFiles;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the inventory as CSV or JSON Lines, one row at a time from an iterator, so memory stays constant whatever
 * the number of assets. Both carry the inventory keys of docs/DOMAIN.md §3.6, tags, switch placement, status and the fingerprint identity
 * (docs/DOMAIN.md §4.15) included.
 * CSV is {@link CsvFiles#SPREADSHEET}: RFC 4180 quoting and the formula guard on every cell, so a spreadsheet never
 * evaluates a hostname as a formula.
 */
public enum InventoryExport {
    CSV("text/csv; charset=utf-8", "csv"), JSONL("application/x-ndjson; charset=utf-8", "jsonl"),
    /** One JSON array of the rows (the dashboard's JSON export), still written row by row. */
    JSON("application/json; charset=utf-8", "json");

    /** The CSV header: the {@code assets} columns as {@link InventoryAsset} declares them. */
    public static final List<String> COLUMNS = InventoryAsset.COLUMNS;

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
            case "json" -> JSON;
            default -> throw ApiException.badParameter("format", "format must be csv, json or jsonl, got '" + format
                    + "'");
        };
    }

    /** Writes every row; returns the number written. */
    public long write(Iterator<InventoryAsset> rows, Writer out, ObjectMapper mapper) throws IOException {
        long n = 0;
        if (this == CSV) {
            CSVPrinter csv = CsvFiles.spreadsheet(out, COLUMNS);
            while (rows.hasNext()) {
                InventoryAsset a = rows.next();
                CsvFiles.row(csv, a.id(), a.ip(), a.mac(), a.hostname(), a.vendor(), a.osHint(),
                        a.bigrCategory().value(), Numbers.round(a.confidenceScore(), 4), a.scanMethod(), Timestamps.format(a.firstSeen()),
                        Timestamps.format(a.lastSeen()), a.manualCategory(), a.manualNote(), a.isIgnored(),
                        a.switchHost(), a.switchPort(), a.switchPortIndex(), a.status(), a.deviceType(), a.product(),
                        a.os(), a.osVersion());
                n++;
            }
        } else if (this == JSON) {
            ObjectWriter w = mapper.writerFor(InventoryAsset.class);
            out.write('[');
            while (rows.hasNext()) {
                out.write(n == 0 ? "\n" : ",\n");
                out.write(w.writeValueAsString(rows.next()));
                n++;
            }
            out.write("\n]\n");
        } else {
            ObjectWriter w = mapper.writerFor(InventoryAsset.class);
            while (rows.hasNext()) {
                out.write(w.writeValueAsString(rows.next()));
                out.write('\n');
                n++;
            }
        }
        out.flush();
        return n;
    }
}
