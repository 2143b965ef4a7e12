package io.bigr.discovery.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Every CSV the product reads or writes goes through Commons CSV with one of the two formats here.
 *
 * <p>{@link #SPREADSHEET} is for files a person opens in a spreadsheet (the scan-result file, the inventory export):
 * RFC 4180 with CRLF records, quoted only when needed, and every cell passed through {@link #guard} first, so a
 * hostname such as {@code =HYPERLINK(...)} is shown as text instead of being evaluated as a formula.
 *
 * <p>{@link #DATA} is for the OUI table the product reads back itself: LF records and no guard, because a prefixed
 * apostrophe would change the vendor names it reads.
 */
public final class CsvFiles {
    public static final CSVFormat SPREADSHEET = CSVFormat.RFC4180.builder()
            .setRecordSeparator("\r\n").setQuoteMode(QuoteMode.MINIMAL).get();
    public static final CSVFormat DATA = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n').setQuoteMode(QuoteMode.MINIMAL).setIgnoreEmptyLines(true)
            .setTrailingData(true).setLenientEof(true).get();

    private CsvFiles() {
    }

    /**
     * The formula guard: a cell starting with {@code = + - @}, a tab or a carriage return gets a leading {@code '};
     * a cell that is a plain number ({@code -1.5}, {@code +3}) is left alone so numbers stay numbers. Null stays null.
     */
    public static String guard(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        boolean formula = c == '=' || c == '@' || c == '\t' || c == '\r' || (c == '+' || c == '-') && !isNumber(cell);
        return formula ? "'" + cell : cell;
    }

    /** A spreadsheet printer over {@code out}, the header already written; close or flush it when done. */
    public static CSVPrinter spreadsheet(Appendable out, List<String> header) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, SPREADSHEET);
        printer.printRecord(header);
        return printer;
    }

    /** One spreadsheet row: each cell's text ({@code toString}, null as empty) through {@link #guard}. */
    public static void row(CSVPrinter printer, Object... cells) throws IOException {
        List<String> guarded = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            guarded.add(cell == null ? null : guard(cell.toString()));
        }
        printer.printRecord(guarded);
    }

    /**
     * {@link #row} appended to {@code out} without a printer: the same characters (quoting as {@link #SPREADSHEET}'s
     * minimal mode decides it, quotes doubled, CRLF after the record; {@code CsvFilesTest} holds the two equal over
     * random cells), for a writer of many records, where the printer's per-cell calls were a quarter of an export.
     */
    public static void appendRow(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (cells[i] != null) {
                appendCell(out, guard(cells[i].toString()), i == 0);
            }
        }
        out.append("\r\n");
    }

    private static void appendCell(StringBuilder out, String cell, boolean first) {
        int len = cell.length();
        if (len == 0) {
            if (first) {
                out.append("\"\""); // an empty first cell is quoted, or a one-cell record would be an empty line
            }
            return;
        }
        if (!needsQuotes(cell)) {
            out.append(cell);
            return;
        }
        out.append('"');
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (cell.charAt(i) == '"') {
                out.append(cell, start, i + 1).append('"');
                start = i + 1;
            }
        }
        out.append(cell, start, len).append('"');
    }

    /** Commons CSV's minimal quoting: a first character up to {@code #}, a line break, quote or comma anywhere, or a
     * last character up to a space. */
    private static boolean needsQuotes(String cell) {
        if (cell.charAt(0) <= '#' || cell.charAt(cell.length() - 1) <= ' ') {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\n' || c == '\r' || c == '"' || c == ',') {
                return true;
            }
        }
        return false;
    }

    /** A reader of {@link #DATA} records, header included as the first record. */
    public static CSVParser parse(Reader in) throws IOException {
        return CSVParser.builder().setReader(in).setFormat(DATA).get();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
