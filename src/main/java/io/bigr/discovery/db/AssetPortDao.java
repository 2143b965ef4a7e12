package io.bigr.discovery.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Each asset's latest open ports ({@code asset_ports}, docs/DOMAIN.md §3.6): one row per (asset, port) open in the
 * asset's latest snapshot (the greatest {@code started_at}; on a tie, the ports of every tied snapshot). Derived data,
 * kept beside the snapshots so that "assets with port N open" is an index lookup ({@code GET /api/assets?port=N})
 * instead of a JSON scan of every latest snapshot.
 *
 * <p>Invariant: after every committed write, the rows of an asset are exactly the ports of its latest snapshot(s). The
 * writers: a save ({@link #record}, called once per batch by {@code InventoryStore}), a merge or split
 * ({@link #refresh}), the {@code 12-6-asset-ports} changeSet and {@code bigr transfer}
 * ({@code db/migrate/AssetPortsBackfill}). A prune never removes a latest snapshot, so it never changes this table.
 * No data-version trigger of its own: every write here goes with a write to {@code scan_assets} or {@code assets} in
 * the same transaction, which bumps the version (docs/DOMAIN.md §6.14).
 */
@RegisterConstructorMapper(AssetPortDao.Row.class)
public interface AssetPortDao extends SqlObject {
    /** Ids per IN list: well inside every database's parameter limit. */
    int IN_CHUNK = 1000;

    /** One open port of an asset. */
    record Row(String assetId, int port) {
    }

    @SqlQuery("SELECT asset_id, port FROM asset_ports WHERE asset_id IN (<ids>) ORDER BY asset_id, port")
    List<Row> of(@BindList("ids") Collection<String> ids);

    /**
     * {@link #of} for PostgreSQL, any number of ids in one array parameter: 10,000 ids in about 40 ms, where ten IN
     * lists of 1,000 took 15-20 ms each (docs/STACK-NOTES.md Q4.9).
     */
    @SqlQuery("SELECT asset_id, port FROM asset_ports WHERE asset_id = ANY(CAST(:ids AS text[]))"
            + " ORDER BY asset_id, port")
    List<Row> ofArray(String[] ids);

    @SqlUpdate("DELETE FROM asset_ports WHERE asset_id IN (<ids>)")
    int deleteOf(@BindList("ids") Collection<String> ids);

    @SqlBatch("DELETE FROM asset_ports WHERE asset_id = :assetId AND port = :port")
    void deleteAll(@BindMethods Collection<Row> rows);

    /** Inserts the rows; one already there (an asset's tied snapshots share a port) is left as it is. */
    @SqlBatch("INSERT INTO asset_ports (asset_id, port) VALUES (:assetId, :port) ON CONFLICT DO NOTHING")
    void insertAll(@BindMethods Collection<Row> rows);

    /** Any scan other than {@code scanId} that started at or after {@code startedAt}. */
    @SqlQuery("SELECT id FROM scans WHERE started_at >= :startedAt AND id <> :scanId LIMIT 1")
    Optional<String> scanFrom(Instant startedAt, String scanId);

    /**
     * Of {@code ids}, those with a snapshot of another scan started at or after {@code startedAt}: {@code newer} 1 when
     * one started after it, 0 when the latest such snapshot started at the same time (a tie).
     */
    @SqlQuery("""
            SELECT sa.asset_id, CASE WHEN MAX(s.started_at) > :startedAt THEN 1 ELSE 0 END AS newer
            FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id
            WHERE sa.asset_id IN (<ids>) AND sa.scan_id <> :scanId AND s.started_at >= :startedAt
            GROUP BY sa.asset_id""")
    @RegisterConstructorMapper(Later.class)
    List<Later> laterSnapshots(@BindList("ids") Collection<String> ids, String scanId, Instant startedAt);

    /** An asset with a snapshot at least as recent as the one being saved ({@link #laterSnapshots}). */
    record Later(String assetId, int newer) {
    }

    /** The latest open ports of each of {@code ids} that has any, ascending; any number of ids. */
    default Map<String, List<Integer>> portsOf(List<String> ids) {
        Map<String, List<Integer>> ports = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            for (Row r : of(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)))) {
                ports.computeIfAbsent(r.assetId(), k -> new ArrayList<>()).add(r.port());
            }
        }
        return ports;
    }

    /**
     * The one write of a save (docs/DOMAIN.md §3.4): the snapshots scan {@code scanId} (started at
     * {@code startedAt}) has just written, asset id → the snapshot's open ports. A snapshot newer than every other of
     * its asset replaces the asset's rows; one that ties with the asset's latest adds its ports; one older than the
     * asset's latest (a scan posted late) changes nothing. Reads the assets' rows (one statement per 1,000) and writes
     * only the rows that change. Call it in the save's transaction, after the snapshots are written.
     */
    default void record(String scanId, Instant startedAt, Map<String, ? extends Collection<Integer>> portsByAsset) {
        record(scanId, startedAt, portsByAsset, Set.of(), this::portsOf, this::insertAll);
    }

    /**
     * {@link #record(String, Instant, Map)} as a save's bulk path runs it: {@code added} are the assets the save has
     * just inserted (no rows here and no other snapshot yet, so nothing to read for them), {@code current} reads the
     * rows of the others and {@code insert} writes the opened ports.
     */
    default void record(String scanId, Instant startedAt, Map<String, ? extends Collection<Integer>> portsByAsset,
                        Set<String> added, Function<List<String>, Map<String, List<Integer>>> current,
                        Consumer<List<Row>> insert) {
        if (portsByAsset.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(portsByAsset.size());
        for (String id : portsByAsset.keySet()) {
            if (!added.contains(id)) {
                ids.add(id);
            }
        }
        Map<String, Integer> later = new HashMap<>();
        if (!ids.isEmpty() && scanFrom(startedAt, scanId).isPresent()) {
            // Only when another scan started as late as this one can an asset have a snapshot as recent.
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                laterSnapshots(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)), scanId, startedAt)
                        .forEach(l -> later.put(l.assetId(), l.newer()));
            }
        }
        // Only the difference is written: most assets of a scan answer on the ports they answered on last time.
        Map<String, List<Integer>> had = ids.isEmpty() ? Map.of() : current.apply(ids);
        List<Row> closed = new ArrayList<>();
        List<Row> opened = new ArrayList<>();
        for (Map.Entry<String, ? extends Collection<Integer>> e : portsByAsset.entrySet()) {
            Integer newer = later.get(e.getKey());
            if (newer != null && newer == 1) {
                continue;
            }
            TreeSet<Integer> now = new TreeSet<>(e.getValue());
            List<Integer> before = had.getOrDefault(e.getKey(), List.of());
            if (newer == null) {
                before.stream().filter(p -> !now.contains(p)).forEach(p -> closed.add(new Row(e.getKey(), p)));
            }
            now.stream().filter(p -> !before.contains(p)).forEach(p -> opened.add(new Row(e.getKey(), p)));
        }
        if (!closed.isEmpty()) {
            deleteAll(closed);
        }
        if (!opened.isEmpty()) {
            insert.accept(opened);
        }
    }

    /**
     * Recomputes the rows of {@code ids} from their snapshots as they are now (after a merge moved snapshots, a split
     * made a row without any); an id without snapshots, or no longer in the inventory, is left with no rows.
     */
    default void refresh(List<String> ids) {
        SnapshotDao snapshots = getHandle().attach(SnapshotDao.class);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            deleteOf(chunk);
            Map<String, TreeSet<Integer>> latest = new LinkedHashMap<>();
            for (SnapshotDao.AssetPorts p : snapshots.latestPortsOf(chunk)) {
                latest.computeIfAbsent(p.assetId(), k -> new TreeSet<>()).addAll(p.openPorts());
            }
            List<Row> rows = new ArrayList<>();
            latest.forEach((id, ports) -> ports.forEach(port -> rows.add(new Row(id, port))));
            if (!rows.isEmpty()) {
                insertAll(rows);
            }
        }
    }
}
