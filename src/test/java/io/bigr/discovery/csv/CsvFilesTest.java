package io.bigr.discovery.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFilesTest {
    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=HYPERLINK(\"x\")"})
    void formulaLikeCellsGetAnApostrophe(String cell) {
        assertThat(CsvFiles.guard(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1.5", "+3", "-0", "router-01", "a=b", "", "192.168.1.1", "Cisco, Inc"})
    void numbersAndOrdinaryTextStayAsTheyAre(String cell) {
        assertThat(CsvFiles.guard(cell)).isEqualTo(cell);
    }

    @Test
    void nullStaysNull() {
        assertThat(CsvFiles.guard(null)).isNull();
    }

    @Test
    void spreadsheetRowsAreCrlfRfc4180WithTheGuard() throws Exception {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = CsvFiles.spreadsheet(out, List.of("a", "b", "c", "d"))) {
            CsvFiles.row(csv, "=cmd", null, "x, \"y\"\nz", 0.5);
        }
        assertThat(out).hasToString("a,b,c,d\r\n'=cmd,,\"x, \"\"y\"\"\nz\",0.5\r\n");
    }

    /**
     * appendRow writes what the printer writes for row: over random records of cells built from the characters that
     * matter (quotes, commas, line breaks, spaces and controls at either end, formula starts, '#', signs, digits,
     * non-ASCII), nulls and empty cells in every position, and numbers.
     */
    @Test
    void appendRowWritesWhatThePrinterWrites() throws Exception {
        java.util.Random random = new java.util.Random(20261204);
        String[] pieces = {"\"", ",", "\n", "\r", " ", "\t", "=", "+", "-", "@", "#", "!", "'", "1", "2.5", "a", "Z",
            "ş", "İ", "\u0000", "\u001f", "x y", "\uD83D\uDE00", "é,"};
        for (int record = 0; record < 5_000; record++) {
            Object[] cells = new Object[1 + random.nextInt(6)];
            for (int i = 0; i < cells.length; i++) {
                int kind = random.nextInt(10);
                if (kind == 0) {
                    cells[i] = null;
                } else if (kind == 1) {
                    cells[i] = "";
                } else if (kind == 2) {
                    cells[i] = random.nextBoolean() ? (Object) (random.nextDouble() * 200 - 100)
                            : (Object) (random.nextInt(2000) - 1000);
                } else {
                    StringBuilder text = new StringBuilder();
                    for (int n = random.nextInt(5); n >= 0; n--) {
                        text.append(pieces[random.nextInt(pieces.length)]);
                    }
                    cells[i] = text.toString();
                }
            }
            StringBuilder printed = new StringBuilder();
            CsvFiles.row(new CSVPrinter(printed, CsvFiles.SPREADSHEET), cells);
            StringBuilder appended = new StringBuilder();
            CsvFiles.appendRow(appended, cells);
            assertThat(appended.toString()).as("record %s", java.util.Arrays.toString(cells))
                    .isEqualTo(printed.toString());
        }
    }

    @Test
    void dataFilesAreReadLikeRfc4180() throws Exception {
        var records = CsvFiles.parse(new StringReader("p,v\n\"a, \"\"b\"\"\nc\",d\n\nx,y\n")).getRecords();
        assertThat(records).extracting(r -> r.values().length).containsExactly(2, 2, 2);
        assertThat(records.get(1).get(0)).isEqualTo("a, \"b\"\nc");
    }
}
