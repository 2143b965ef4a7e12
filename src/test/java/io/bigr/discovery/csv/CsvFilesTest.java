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

    @Test
    void dataFilesAreReadLikeRfc4180() throws Exception {
        var records = CsvFiles.parse(new StringReader("p,v\n\"a, \"\"b\"\"\nc\",d\n\nx,y\n")).getRecords();
        assertThat(records).extracting(r -> r.values().length).containsExactly(2, 2, 2);
        assertThat(records.get(1).get(0)).isEqualTo("a, \"b\"\nc");
    }
}
