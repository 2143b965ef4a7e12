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

    @Test
    void csvQuotesAndDefusesFormulas() throws Exception {
        StringWriter out = new StringWriter();
        long n = InventoryExport.CSV.write(List.of(asset("=HYPERLINK(\"x\")", "a, \"b\"\nc")).iterator(), out,
                Json.MAPPER);
        assertThat(n).isEqualTo(1);
        String[] lines = out.toString().split("\r\n", 2);
        assertThat(lines[0]).isEqualTo(String.join(",", InventoryExport.COLUMNS));
        assertThat(lines[1]).isEqualTo("id-1,10.0.0.1,aa:bb:cc:dd:ee:01,\"'=HYPERLINK(\"\"x\"\")\",Cisco,,iot,0.1235,"
                + "active,2026-01-15T10:00:00+00:00,2026-01-15T10:00:00+00:00,iot,\"a, \"\"b\"\"\nc\",0,10.0.0.254,"
                + "Gi1/0/3,3,online,camera,DS-2CD2043G2,,\r\n");
        assertThat(CsvFiles.guard("-1.5")).as("numbers stay numbers").isEqualTo("-1.5");
    }

    @Test
    void jsonlIsOneInventoryObjectPerLine() throws Exception {
        StringWriter out = new StringWriter();
        InventoryExport.JSONL.write(List.of(asset("gw", null), asset("gw2", null)).iterator(), out, Json.MAPPER);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(Json.parseOrNull(lines[1]).get("switch_port").asText()).isEqualTo("Gi1/0/3");
    }

    @Test
    void formatIsValidated() {
        assertThat(InventoryExport.parse(null)).isEqualTo(InventoryExport.CSV);
        assertThat(InventoryExport.parse("JSONL")).isEqualTo(InventoryExport.JSONL);
        assertThatThrownBy(() -> InventoryExport.parse("xml")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).field()).isEqualTo("format");
    }
}
