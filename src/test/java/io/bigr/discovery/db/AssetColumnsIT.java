package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.bigr.discovery.api.InventoryExport;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.ScanResultJson;
import io.bigr.discovery.testing.TestDb;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins every shape of an asset to the migrated schema, on both databases: a column added by a changeSet but not to
 * the records (or the other way round) fails here, naming the difference. What is derived from
 * {@link InventoryAsset#COLUMNS} (CSV header, transfer spec) is pinned by being derived; what cannot be derived (the
 * DAO's constant for SQL annotations, the scan-result document, the domain {@link Asset}) is compared here.
 */
class AssetColumnsIT {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
            new PropertyNamingStrategies.SnakeCaseStrategy();
    /** {@code assets} columns that are the store's, not a scan's: the key and the user's tags. */
    private static final Set<String> INVENTORY_ONLY = Set.of("id", "manual_category", "manual_note", "is_ignored",
            "status");
    /** {@code scan_assets} columns that link the snapshot row. */
    private static final Set<String> SNAPSHOT_KEYS = Set.of("scan_id", "asset_id");
    /** Keys of the scan-result document derived from other fields, never stored. */
    private static final Set<String> DERIVED_KEYS = Set.of("bigr_category_tr", "confidence_level");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyAssetShapeAgreesWithTheMigratedSchema(Dialect dialect) throws Exception {
        try (TestDb db = TestDb.create(dialect).migrate()) {
            List<String> assets = columns(db, "assets");
            List<String> snapshot = columns(db, "scan_assets");

            assertThat(InventoryAsset.COLUMNS).as("InventoryAsset components vs the assets table")
                    .containsExactlyInAnyOrderElementsOf(assets);
            assertThat(split(AssetDao.COLUMNS)).as("AssetDao.COLUMNS").isEqualTo(InventoryAsset.COLUMNS);
            assertThat(split(AssetDao.QUALIFIED_COLUMNS)).as("AssetDao.QUALIFIED_COLUMNS")
                    .isEqualTo(InventoryAsset.COLUMNS.stream().map(c -> "a." + c).toList());
            assertThat(InventoryExport.COLUMNS).as("CSV export header").isEqualTo(InventoryAsset.COLUMNS);

            assertThat(components(AssetDao.Write.class)).as("AssetDao.Write: what a save writes to assets")
                    .containsExactlyInAnyOrderElementsOf(without(assets, Set.of("manual_category", "manual_note",
                            "is_ignored", "status")));
            assertThat(components(SnapshotDao.Write.class)).as("SnapshotDao.Write vs the scan_assets table")
                    .containsExactlyInAnyOrderElementsOf(snapshot);

            Set<String> stored = new LinkedHashSet<>(without(assets, INVENTORY_ONLY));
            stored.addAll(without(snapshot, SNAPSHOT_KEYS));
            assertThat(components(Asset.class)).as("Asset: one scan's observation, stored in assets + scan_assets")
                    .containsExactlyInAnyOrderElementsOf(stored);

            Asset placed = Asset.of(IpAddress.of("10.0.0.1")).withSwitch("sw1", "Gi0/1", 1);
            List<String> keys = new ArrayList<>();
            ScanResultJson.toJson(placed).fieldNames().forEachRemaining(keys::add);
            assertThat(without(keys, DERIVED_KEYS)).as("scan-result document keys of an asset")
                    .isEqualTo(components(Asset.class));
        }
    }

    private static List<String> columns(TestDb db, String table) throws java.sql.SQLException {
        return db.jdbi().withHandle(h -> {
            DatabaseMetaData meta = h.getConnection().getMetaData();
            List<String> out = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, table, null)) {
                while (rs.next()) {
                    out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            assertThat(out).as("columns of " + table).isNotEmpty();
            return out;
        });
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> SNAKE.translate(c.getName())).toList();
    }

    private static List<String> split(String columns) {
        return Arrays.stream(columns.split(",")).map(String::trim).toList();
    }

    private static List<String> without(List<String> names, Set<String> drop) {
        return names.stream().filter(n -> !drop.contains(n)).toList();
    }
}
