package io.bigr.discovery.db;

import io.bigr.discovery.core.AssetLink;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A user's corrections of identity (docs/DOMAIN.md §3.17): merging two inventory rows that are one device, and
 * splitting a linked MAC off into a row of its own. Each is one transaction and writes a change row
 * ({@code assets_merged}, {@code asset_split}) on the kept asset, attached to its latest scan.
 */
final class AssetMerges {
    private final Jdbi jdbi;
    private final Dialect dialect;

    AssetMerges(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    /**
     * Takes the save lock (a save's, InventoryStore.SAVE_LOCK_KEY) on PostgreSQL, so a merge or split never interleaves
     * with a save moving the same assets' snapshots and latest ports; SQLite's IMMEDIATE transaction already holds the
     * one write lock.
     */
    private void lockSaves(Handle h) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", InventoryStore.SAVE_LOCK_KEY).mapToMap()
                    .one();
        }
    }

    /** Thrown for an asset id that is not in the inventory. */
    static final class UnknownAsset extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownAsset(String id) {
            super("no asset with id " + id);
        }
    }

    InventoryAsset merge(String keepId, String mergeId) {
        if (keepId.equals(mergeId)) {
            throw new InvalidInputException("merge", "an asset cannot be merged into itself");
        }
        return jdbi.inTransaction(h -> {
            lockSaves(h);
            AssetDao assets = h.attach(AssetDao.class);
            InventoryAsset keep = find(assets, keepId);
            InventoryAsset gone = find(assets, mergeId);
            Instant now = Timestamps.now();
            // Snapshots of scans that saw both rows stay the kept row's; the others move.
            h.createUpdate("""
                    UPDATE scan_assets SET asset_id = :keep WHERE asset_id = :merge
                      AND scan_id NOT IN (SELECT scan_id FROM scan_assets WHERE asset_id = :keep)""")
                    .bind("keep", keepId).bind("merge", mergeId).execute();
            h.createUpdate("DELETE FROM scan_assets WHERE asset_id = :merge").bind("merge", mergeId).execute();
            h.createUpdate("UPDATE asset_changes SET asset_id = :keep WHERE asset_id = :merge")
                    .bind("keep", keepId).bind("merge", mergeId).execute();
            AssetLinkDao links = h.attach(AssetLinkDao.class);
            links.move(mergeId, keepId);
            links.insert(keepId, gone.mac(), gone.ip(), "merge", 1.0, "[\"user\"]", now);
            h.createUpdate("""
                    UPDATE assets SET first_seen = :first, last_seen = :last,
                      manual_category = COALESCE(manual_category, :category),
                      manual_note = CASE WHEN manual_category IS NULL THEN :note ELSE manual_note END
                    WHERE id = :keep""")
                    .bind("first", min(keep.firstSeen(), gone.firstSeen()))
                    .bind("last", max(keep.lastSeen(), gone.lastSeen()))
                    .bind("category", gone.manualCategory()).bind("note", gone.manualNote())
                    .bind("keep", keepId).execute();
            // The kept row's latest snapshot may now be one that moved (docs/DOMAIN.md §3.6).
            h.attach(AssetPortDao.class).refresh(List.of(keepId, mergeId));
            h.createUpdate("DELETE FROM assets WHERE id = :merge").bind("merge", mergeId).execute();
            logChange(h, keepId, "assets_merged", "asset", describe(gone), describe(keep), now);
            return find(assets, keepId);
        });
    }

    /** Splits {@code mac}, linked to {@code assetId}, into a row of its own; returns the new row. */
    InventoryAsset split(String assetId, MacAddress mac) {
        return jdbi.inTransaction(h -> {
            lockSaves(h);
            AssetDao assets = h.attach(AssetDao.class);
            InventoryAsset from = find(assets, assetId);
            if (mac.value().equals(from.mac())) {
                throw new InvalidInputException("mac", "is the asset's current MAC; split one of its linked MACs");
            }
            AssetLinkDao links = h.attach(AssetLinkDao.class);
            Optional<AssetLink> link = links.of(assetId).stream()
                    .filter(l -> mac.value().equals(l.mac()) && !"split".equals(l.source())).reduce((a, b) -> b);
            if (link.isEmpty()) {
                throw new InvalidInputException("mac", "is not linked to this asset");
            }
            String ip = link.get().ip() == null ? from.ip() : link.get().ip();
            if (!assets.findByIps(List.of(ip)).stream().filter(r -> mac.value().equals(r.mac())).toList().isEmpty()) {
                throw new InvalidInputException("mac", "already has a row of its own at " + ip);
            }
            Instant now = Timestamps.now();
            links.unlink(assetId, mac.value());
            links.insert(assetId, mac.value(), ip, "split", null, "[\"user\"]", now);
            String id = UUID.randomUUID().toString();
            Instant seen = link.get().linkedAt();
            assets.insertAll(List.of(new AssetDao.Write(id, ip, mac.value(), null, null, null,
                    io.bigr.discovery.core.BigrCategory.UNCLASSIFIED, 0.0, from.scanMethod(), seen, seen, null, null,
                    null, null, null, null, null)));
            logChange(h, assetId, "asset_split", "mac", mac.value(), from.mac(), now);
            return find(assets, id);
        });
    }

    private static InventoryAsset find(AssetDao assets, String id) {
        return assets.byId(id).orElseThrow(() -> new UnknownAsset(id));
    }

    private static void logChange(Handle h, String assetId, String type, String field, String old, String newValue,
                                  Instant at) {
        String scanId = h.createQuery("""
                SELECT sa.scan_id FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id
                WHERE sa.asset_id = :id ORDER BY s.started_at DESC, sa.scan_id DESC LIMIT 1""")
                .bind("id", assetId).mapTo(String.class).findOne().orElse(null);
        if (scanId == null) {
            return; // a row no scan ever saw has no change log to write to
        }
        h.attach(ChangeDao.class).insertAll(List.of(new ChangeDao.Write(assetId, scanId, type, field, old, newValue, at)));
    }

    private static String describe(InventoryAsset a) {
        return a.ip() + (a.mac() == null ? "" : " " + a.mac());
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
