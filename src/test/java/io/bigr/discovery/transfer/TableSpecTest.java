package io.bigr.discovery.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.InventoryAsset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transfer's view of the asset tables follows the records that declare them. */
class TableSpecTest {

    @Test
    void assetsSpecIsDerivedFromTheInventoryRecord() {
        assertThat(TableSpec.ASSETS.kinds().keySet()).containsExactlyElementsOf(InventoryAsset.COLUMNS);
        assertThat(TableSpec.ASSETS.kinds()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("id", ColumnKind.TEXT), Map.entry("ip", ColumnKind.TEXT), Map.entry("mac", ColumnKind.TEXT),
                Map.entry("hostname", ColumnKind.TEXT), Map.entry("vendor", ColumnKind.TEXT),
                Map.entry("os_hint", ColumnKind.TEXT), Map.entry("bigr_category", ColumnKind.TEXT),
                Map.entry("confidence_score", ColumnKind.DOUBLE), Map.entry("scan_method", ColumnKind.TEXT),
                Map.entry("first_seen", ColumnKind.TIMESTAMP), Map.entry("last_seen", ColumnKind.TIMESTAMP),
                Map.entry("manual_category", ColumnKind.TEXT), Map.entry("manual_note", ColumnKind.TEXT),
                Map.entry("is_ignored", ColumnKind.INTEGER), Map.entry("switch_host", ColumnKind.TEXT),
                Map.entry("switch_port", ColumnKind.TEXT), Map.entry("switch_port_index", ColumnKind.INTEGER),
                Map.entry("status", ColumnKind.TEXT), Map.entry("device_type", ColumnKind.TEXT),
                Map.entry("product", ColumnKind.TEXT), Map.entry("os", ColumnKind.TEXT),
                Map.entry("os_version", ColumnKind.TEXT)));
    }

    @Test
    void snapshotSpecListsTheSnapshotRecordsColumns() {
        assertThat(TableSpec.SCAN_ASSETS.kinds().keySet()).containsExactlyInAnyOrder("scan_id", "asset_id",
                "open_ports", "confidence_score", "bigr_category", "raw_evidence", "device_type", "product", "os",
                "os_version");
        assertThat(TableSpec.kindsOf(io.bigr.discovery.db.SnapshotDao.Write.class).keySet())
                .containsExactlyInAnyOrderElementsOf(TableSpec.SCAN_ASSETS.kinds().keySet());
    }
}
