package io.bigr.discovery.scan;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.csv.CsvFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;

/**
 * The scan-result file (docs/DOMAIN.md §2.7): JSON pretty-printed with two-space indent, UTF-8 with non-ASCII written
 * literally, or CSV with the §2.7 columns followed by the fingerprint identity (docs/DOMAIN.md §4.15). The file shape is §2.7 alone: the engine's {@code details} are
 * stored with the scan and sent to a server, not written here.
 */
public final class ScanOutput {
    public static final String CSV_HEADER = "ip,mac,hostname,vendor,open_ports,os_hint,bigr_category,bigr_category_tr,"
            + "confidence_score,confidence_level,scan_method,device_type,product,os,os_version";

    public enum Format {
        JSON, CSV;

        public static Optional<Format> parse(String s) {
            if (s == null) {
                return Optional.empty();
            }
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> Optional.of(JSON);
                case "csv" -> Optional.of(CSV);
                default -> Optional.empty();
            };
        }
    }

    private ScanOutput() {
    }

    public static void write(ScanResult result, Format format, Path file) throws IOException {
        String text = format == Format.CSV ? csv(result.assets()) : json(result);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * §2.7 JSON text. Of the engine's {@code details} only the scan's coverage is kept (the addresses and ports it
     * probed, docs/DOMAIN.md §3.15), so that a file imported elsewhere marks the devices it did not see as missed,
     * exactly as the scan saved where it ran would.
     */
    public static String json(ScanResult result) {
        ObjectNode o = ScanResultJson.toJson(result);
        JsonNode details = o.remove("details");
        JsonNode coverage = details == null ? null : details.get(ScanCoverage.DETAILS_KEY);
        if (coverage != null && coverage.isObject()) {
            o.putObject("details").set(ScanCoverage.DETAILS_KEY, coverage);
        }
        // Python's json.dump(indent=2) layout: "key": value, two-space indent, one array item per line.
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Json.MAPPER.writer(pp).writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The §2.7 CSV: CRLF records, RFC 4180 quoting, every cell through the spreadsheet formula guard. */
    public static String csv(List<Asset> assets) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter csv = CsvFiles.spreadsheet(sb, List.of(CSV_HEADER.split(",")))) {
            for (Asset a : assets) {
                String ports = a.openPorts().stream().map(String::valueOf).collect(Collectors.joining(","));
                CsvFiles.row(csv, a.ip(), a.mac(), a.hostname(), a.vendor(), ports, a.osHint(),
                        a.bigrCategory().value(), a.bigrCategory().label(),
                        Double.toString(Numbers.round(a.confidenceScore(), 4)), a.confidenceLevel().value(),
                        a.scanMethod().value(), a.deviceType(), a.product(), a.os(), a.osVersion());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return sb.toString();
    }
}
