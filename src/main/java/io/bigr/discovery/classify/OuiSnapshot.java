package io.bigr.discovery.classify;

import io.bigr.discovery.csv.CsvFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Generates the bundled OUI snapshot ({@code src/main/resources/oui/oui.csv}) from the public IEEE MA-L registry,
 * as published by the IEEE ({@code https://standards-oui.ieee.org/oui/oui.csv} or {@code oui.txt}) or by Debian's
 * {@code ieee-data} package ({@code /usr/share/ieee-data/oui.csv}). Also accepts a snapshot in the bundled format.
 *
 * <p>Output: header {@code prefix,vendor}; one row per distinct prefix, lower-case {@code xx:xx:xx}, sorted (stable
 * diffs between refreshes); vendor trimmed and CSV-quoted only when needed; on duplicate prefixes the last row of
 * the input wins. The file is replaced atomically, and an input with no usable row is refused, so a wrong file
 * never wipes the snapshot.
 *
 * <p>Run as {@code bigr oui refresh --from FILE [--to FILE]} or
 * {@code java -cp bigr.jar io.bigr.discovery.classify.OuiSnapshot FROM [TO]}.
 */
public final class OuiSnapshot {
    /** Where the committed snapshot lives in a source checkout. */
    public static final Path SOURCE_SNAPSHOT = Path.of("src", "main", "resources", "oui", "oui.csv");

    private static final Pattern TXT_ROW =
            Pattern.compile("^\\s*([0-9A-Fa-f]{2})-([0-9A-Fa-f]{2})-([0-9A-Fa-f]{2})\\s+\\(hex\\)\\s*(.*)$");
    private static final Pattern HEX6 = Pattern.compile("[0-9A-Fa-f]{6}");

    /** What a refresh did: rows read from the input, distinct prefixes written, and the format detected. */
    public record Result(String format, int rowsRead, int prefixesWritten, Path target) {
    }

    private OuiSnapshot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: OuiSnapshot FROM_IEEE_oui.csv|oui.txt [TO_snapshot.csv]");
            System.exit(2);
        }
        Result r = refresh(Path.of(args[0]), args.length == 2 ? Path.of(args[1]) : SOURCE_SNAPSHOT);
        System.out.println(describe(r));
    }

    /** One line for the user. */
    public static String describe(Result r) {
        return "Wrote " + r.prefixesWritten() + " prefixes to " + r.target() + " (" + r.rowsRead() + " "
                + r.format() + " rows read)";
    }

    /** Parses {@code from}, writes the snapshot to {@code to} atomically. */
    public static Result refresh(Path from, Path to) throws IOException {
        Parsed parsed = parse(from);
        if (parsed.byPrefix().isEmpty()) {
            throw new IllegalArgumentException(from + ": no MA-L assignments found (expected the IEEE oui.csv or "
                    + "oui.txt); the snapshot was not changed");
        }
        Path parent = to.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("target directory does not exist: " + parent);
        }
        Path tmp = Files.createTempFile(parent, ".oui-", ".csv");
        try {
            try (CSVPrinter w = new CSVPrinter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), CsvFiles.DATA)) {
                w.printRecord(List.of(OuiRegistry.HEADER.split(",")));
                for (Map.Entry<String, String> e : parsed.byPrefix().entrySet()) {
                    w.printRecord(e.getKey(), e.getValue());
                }
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Result(parsed.format(), parsed.rows(), parsed.byPrefix().size(), to);
    }

    /** Prefix → vendor in prefix order (last input row wins), with the detected format and the rows read. */
    record Parsed(String format, int rows, TreeMap<String, String> byPrefix) {
    }

    static Parsed parse(Path from) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new IllegalArgumentException("file not found: " + from);
        }
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
            in.mark(1 << 16);
            String first = in.readLine();
            in.reset();
            String head = first == null ? "" : first.strip().toLowerCase(Locale.ROOT);
            if (head.startsWith("registry,assignment")) {
                return parseIeeeCsv(in);
            }
            if (head.equals(OuiRegistry.HEADER)) {
                return parseSnapshot(in);
            }
            return parseIeeeTxt(in);
        }
    }

    /** {@code Registry,Assignment,Organization Name,Organization Address}; only 6-hex-digit MA-L assignments. */
    private static Parsed parseIeeeCsv(BufferedReader in) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        int rows = 0;
        for (CSVRecord row : skipHeader(CsvFiles.parse(in))) {
            if (row.size() < 3) {
                continue;
            }
            rows++;
            String assignment = row.get(1).strip();
            if (HEX6.matcher(assignment).matches()) {
                put(out, assignment, row.get(2));
            }
        }
        return new Parsed("IEEE CSV", rows, out);
    }

    /** The IEEE text layout: {@code 00-22-72   (hex)\t\tAmerican Micro-Fuel Device Corp.} */
    private static Parsed parseIeeeTxt(BufferedReader in) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        int rows = 0;
        for (String line; (line = in.readLine()) != null; ) {
            Matcher m = TXT_ROW.matcher(line);
            if (m.matches()) {
                rows++;
                put(out, m.group(1) + m.group(2) + m.group(3), m.group(4));
            }
        }
        return new Parsed("IEEE text", rows, out);
    }

    private static Parsed parseSnapshot(BufferedReader in) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        int rows = 0;
        for (CSVRecord row : skipHeader(CsvFiles.parse(in))) {
            if (row.size() == 2 && OuiRegistry.parsePrefix(row.get(0).strip().toLowerCase(Locale.ROOT)) >= 0) {
                rows++;
                put(out, row.get(0).strip().replace(":", ""), row.get(1));
            }
        }
        return new Parsed("snapshot", rows, out);
    }

    private static Iterable<CSVRecord> skipHeader(CSVParser parser) {
        Iterator<CSVRecord> rows = parser.iterator();
        if (rows.hasNext()) {
            rows.next();
        }
        return () -> rows;
    }

    private static void put(TreeMap<String, String> out, String hex6, String vendor) {
        String v = vendor.strip();
        if (v.isEmpty()) {
            return;
        }
        String h = hex6.toLowerCase(Locale.ROOT);
        out.put(h.substring(0, 2) + ':' + h.substring(2, 4) + ':' + h.substring(4, 6), v);
    }
}
