package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The foreign keys of the snapshot and change-log tables to assets and scans (docs/DOMAIN.md §1) refuse the same
 * things on both databases: a row naming a missing asset or scan (in a bulk statement, which then inserts nothing),
 * and deleting or renumbering a referenced asset or scan; on PostgreSQL also a delete racing a save in either order
 * ({@link PostgresReferencesIT}: SQLite never runs two write transactions at once). Once per database by
 * {@link SqliteReferencesIT} and {@link PostgresReferencesIT}.
 */
abstract class ReferencesContract {
    TestDb db;
    Jdbi jdbi;
    String assetId;
    String scanId;

    abstract TestDb newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase().migrate();
        jdbi = db.jdbi();
        scanId = db.daos().store().save(scan("10.0.0.0/24", T0, asset("10.0.0.1", "aa:bb:cc:00:00:01", "web",
                "Dell", BigrCategory.UYGULAMALAR, 0.8, 80))).scanId();
        assetId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM assets").mapTo(String.class).one());
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /** The error a broken reference gives: SQLSTATE 23503 on PostgreSQL, SQLite's foreign key failure. */
    void assertReferenceError(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        assertThat(t).as("an SQL error under " + e).isNotNull();
        SQLException sql = (SQLException) t;
        if (db.dialect() == Dialect.POSTGRESQL) {
            assertThat(sql.getSQLState()).isEqualTo("23503");
        } else {
            assertThat(sql.getMessage()).contains("FOREIGN KEY constraint failed");
        }
    }

    long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    void insertSnapshot(Handle h, String scan, String asset) {
        h.execute("INSERT INTO scan_assets (scan_id, asset_id, open_ports, confidence_score, bigr_category,"
                + " raw_evidence) VALUES (?, ?, '[]', 0.5, 'iot', '{}')", scan, asset);
    }

    private void insertChange(Handle h, String scan, String asset) {
        h.createUpdate("INSERT INTO asset_changes (asset_id, scan_id, change_type, detected_at)"
                + " VALUES (:a, :s, 'new_asset', :t)").bind("a", asset).bind("s", scan).bind("t", T0).execute();
    }

    String newScan(Handle h) {
        String id = java.util.UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO scans (id, target, scan_method, started_at, total_assets, is_root, status)"
                + " VALUES (:id, 'x', 'active', :t, 0, false, 'completed')").bind("id", id)
                .bind("t", T0.plusSeconds(3600)).execute();
        return id;
    }

    @Test
    void rowsNamingAMissingAssetOrScanAreRefused() {
        String scan2 = jdbi.withHandle(this::newScan);
        assertThatThrownBy(() -> jdbi.useHandle(h -> insertSnapshot(h, scan2, "no-such-asset")))
                .satisfies(this::assertReferenceError);
        assertThatThrownBy(() -> jdbi.useHandle(h -> insertSnapshot(h, "no-such-scan", assetId)))
                .satisfies(this::assertReferenceError);
        assertThatThrownBy(() -> jdbi.useHandle(h -> insertChange(h, scanId, "no-such-asset")))
                .satisfies(this::assertReferenceError);
        assertThatThrownBy(() -> jdbi.useHandle(h -> insertChange(h, "no-such-scan", assetId)))
                .satisfies(this::assertReferenceError);
        jdbi.useHandle(h -> insertSnapshot(h, scan2, assetId));
        jdbi.useHandle(h -> insertChange(h, scan2, assetId));
        assertThat(count("scan_assets")).isEqualTo(2);
    }

    /** One statement of many rows, one of them naming a missing asset: the statement inserts nothing. */
    @Test
    void aBulkStatementWithOneBrokenRowInsertsNothing() {
        db.daos().store().save(scan("10.1.0.0/16", T0.plusSeconds(60), TestData.many(500).toArray(new
                io.bigr.discovery.core.Asset[0])));
        long before = count("asset_changes");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO asset_changes (asset_id, scan_id,"
                + " change_type, detected_at) SELECT x.id, :s, 'field_changed', :t FROM (SELECT id FROM assets"
                + " UNION ALL SELECT 'no-such-asset') x").bind("s", scanId).bind("t", T0).execute()))
                .satisfies(this::assertReferenceError);
        assertThat(count("asset_changes")).isEqualTo(before);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO asset_changes (asset_id, scan_id, change_type, detected_at)"
                + " SELECT id, :s, 'field_changed', :t FROM assets").bind("s", scanId).bind("t", T0).execute());
        assertThat(count("asset_changes")).isEqualTo(before + 501);
    }

    @Test
    void referencedAssetsAndScansCannotBeDeletedOrRenumbered() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM assets WHERE id = ?", assetId)))
                .satisfies(this::assertReferenceError);
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM scans WHERE id = ?", scanId)))
                .satisfies(this::assertReferenceError);
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE assets SET id = 'renumbered' WHERE id = ?",
                assetId))).satisfies(this::assertReferenceError);
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE scans SET id = 'renumbered' WHERE id = ?",
                scanId))).satisfies(this::assertReferenceError);
        // only change rows left: still referenced
        jdbi.useHandle(h -> h.execute("DELETE FROM scan_assets"));
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM assets WHERE id = ?", assetId)))
                .satisfies(this::assertReferenceError);
        // nothing refers to them any more: both go
        jdbi.useHandle(h -> h.execute("DELETE FROM asset_changes"));
        jdbi.useHandle(h -> h.execute("DELETE FROM assets WHERE id = ?", assetId));
        jdbi.useHandle(h -> h.execute("DELETE FROM scans WHERE id = ?", scanId));
        assertThat(count("assets")).isZero();
        assertThat(count("scans")).isZero();
    }

    long orphans() {
        return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM scan_assets sa WHERE NOT EXISTS"
                + " (SELECT 1 FROM assets a WHERE a.id = sa.asset_id)) + (SELECT COUNT(*) FROM asset_changes c"
                + " WHERE NOT EXISTS (SELECT 1 FROM assets a WHERE a.id = c.asset_id))").mapTo(Long.class).one());
    }
}
