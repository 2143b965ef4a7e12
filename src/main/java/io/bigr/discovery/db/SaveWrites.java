package io.bigr.discovery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * How a save's rows reach the database (docs/DOMAIN.md §3.4): the new and updated assets, the snapshots and the change
 * rows of one batch, inside the save's transaction. {@link #forDialect} is the bulk path each database is fastest
 * with; {@link #STATEMENTS} is the DAOs' own statements, the reference the bulk paths must store identically to.
 *
 * <ul>
 *   <li>PostgreSQL: {@code COPY ... FROM STDIN} for every inserted row ({@link PgCopy}), and one
 *       {@code UPDATE ... FROM unnest(arrays)} per {@link #UPDATE_CHUNK} updated assets.</li>
 *   <li>SQLite (in-process, no round trips to save): plain JDBC batches of one prepared statement per table, without
 *       the per-row argument binding of the SQL objects; updates row by row on the primary key, which SQLite runs
 *       several times faster than an {@code UPDATE ... FROM (VALUES ...)} join.</li>
 * </ul>
 */
enum SaveWrites {
    /** The SQL objects' statements. */
    STATEMENTS {
        @Override
        void insertAssets(Handle h, List<AssetDao.Write> rows) {
            h.attach(AssetDao.class).insertAll(rows);
        }

        @Override
        void updateAssets(Handle h, List<AssetDao.Write> rows) {
            h.attach(AssetDao.class).updateAll(rows);
        }

        @Override
        void insertSnapshots(Handle h, List<SnapshotDao.Write> rows) {
            h.attach(SnapshotDao.class).insertAll(rows);
        }

        @Override
        void insertChanges(Handle h, List<ChangeDao.Write> rows) {
            h.attach(ChangeDao.class).insertAll(rows);
        }
    },

    /** PostgreSQL: COPY for inserts, unnest arrays for updates. */
    POSTGRES_COPY {
        @Override
        void insertAssets(Handle h, List<AssetDao.Write> rows) {
            try (PgCopy copy = PgCopy.into(h, "assets", ASSET_COLUMNS)) {
                for (AssetDao.Write w : rows) {
                    copy.text(w.id()).text(w.ip()).text(w.mac()).text(w.hostname()).text(w.vendor()).text(w.osHint())
                            .text(w.bigrCategory().value()).number(w.confidenceScore()).text(w.scanMethod())
                            .time(w.firstSeen()).time(w.lastSeen()).integer(0).text(w.switchHost())
                            .text(w.switchPort()).integer(w.switchPortIndex()).text(w.deviceType()).text(w.product())
                            .text(w.os()).text(w.osVersion()).endRow();
                }
                copy.finish();
            }
        }

        @Override
        void updateAssets(Handle h, List<AssetDao.Write> rows) {
            for (int from = 0; from < rows.size(); from += UPDATE_CHUNK) {
                List<AssetDao.Write> chunk = rows.subList(from, Math.min(rows.size(), from + UPDATE_CHUNK));
                int n = chunk.size();
                String[][] text = new String[11][n];
                Double[] scores = new Double[n];
                for (int i = 0; i < n; i++) {
                    AssetDao.Write w = chunk.get(i);
                    text[0][i] = w.id();
                    text[1][i] = w.hostname();
                    text[2][i] = w.vendor();
                    text[3][i] = w.osHint();
                    text[4][i] = w.bigrCategory().value();
                    text[5][i] = w.scanMethod();
                    text[6][i] = w.lastSeen() == null ? null : PgCopy.timestamp(w.lastSeen());
                    text[7][i] = w.deviceType();
                    text[8][i] = w.product();
                    text[9][i] = w.os();
                    text[10][i] = w.osVersion();
                    scores[i] = w.confidenceScore();
                }
                Connection c = h.getConnection();
                try (PreparedStatement ps = c.prepareStatement("UPDATE assets SET hostname = v.hostname,"
                        + " vendor = v.vendor, os_hint = v.os_hint, bigr_category = v.bigr_category,"
                        + " confidence_score = v.confidence_score, scan_method = v.scan_method,"
                        + " last_seen = v.last_seen, device_type = v.device_type, product = v.product, os = v.os,"
                        + " os_version = v.os_version, status = 'online'"
                        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                        + " CAST(? AS text[]), CAST(? AS float8[]), CAST(? AS text[]), CAST(? AS timestamptz[]),"
                        + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
                        + " AS v(id, hostname, vendor, os_hint, bigr_category, confidence_score, scan_method,"
                        + " last_seen, device_type, product, os, os_version)"
                        + " WHERE assets.id = v.id")) {
                    int p = 1;
                    for (int k = 0; k < 5; k++) {
                        ps.setArray(p++, c.createArrayOf("text", text[k]));
                    }
                    ps.setArray(p++, c.createArrayOf("float8", scores));
                    for (int k = 5; k < 11; k++) {
                        ps.setArray(p++, c.createArrayOf("text", text[k]));
                    }
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException("asset update failed", e,
                            null);
                }
            }
        }

        @Override
        void insertSnapshots(Handle h, List<SnapshotDao.Write> rows) {
            try (PgCopy copy = PgCopy.into(h, "scan_assets", SNAPSHOT_COLUMNS)) {
                for (SnapshotDao.Write w : rows) {
                    copy.text(w.scanId()).text(w.assetId()).text(w.openPorts()).number(w.confidenceScore())
                            .text(w.bigrCategory().value()).text(w.rawEvidence()).text(w.deviceType())
                            .text(w.product()).text(w.os()).text(w.osVersion()).endRow();
                }
                copy.finish();
            }
        }

        @Override
        void insertChanges(Handle h, List<ChangeDao.Write> rows) {
            try (PgCopy copy = PgCopy.into(h, "asset_changes", CHANGE_COLUMNS)) {
                for (ChangeDao.Write w : rows) {
                    copy.text(w.assetId()).text(w.scanId()).text(w.changeType()).text(w.fieldName())
                            .text(w.oldValue()).text(w.newValue()).time(w.detectedAt()).endRow();
                }
                copy.finish();
            }
        }

        /**
         * One {@code INSERT ... SELECT FROM unnest(two arrays)} per {@link #UPDATE_CHUNK} rows, with the same
         * {@code ON CONFLICT DO NOTHING} as the batch: pgjdbc's rewritten multi-row batch spent about 300 ms parsing,
         * binding and running 30,000 rows of a 10,000-asset save (docs/STACK-NOTES.md Q4.9).
         */
        /** One array-bound statement per {@link #UPDATE_CHUNK} ids ({@link AssetPortDao#ofArray}). */
        @Override
        java.util.Map<String, List<Integer>> portsOf(Handle h, List<String> ids) {
            AssetPortDao dao = h.attach(AssetPortDao.class);
            java.util.Map<String, List<Integer>> ports = new java.util.HashMap<>(ids.size() * 2);
            for (int from = 0; from < ids.size(); from += UPDATE_CHUNK) {
                for (AssetPortDao.Row r : dao.ofArray(ids.subList(from, Math.min(ids.size(), from + UPDATE_CHUNK))
                        .toArray(String[]::new))) {
                    ports.computeIfAbsent(r.assetId(), k -> new java.util.ArrayList<>()).add(r.port());
                }
            }
            return ports;
        }

        /**
         * The rows of assets this save inserted go by COPY: they cannot be there already, and COPY took about half the
         * time of the conflict-checking insert (100,000 new assets' 300,000 rows: 1.8 s as unnest statements).
         */
        @Override
        void insertPorts(Handle h, List<AssetPortDao.Row> rows, java.util.Set<String> added) {
            List<AssetPortDao.Row> fresh = new java.util.ArrayList<>();
            List<AssetPortDao.Row> others = new java.util.ArrayList<>();
            for (AssetPortDao.Row r : rows) {
                (added.contains(r.assetId()) ? fresh : others).add(r);
            }
            if (!fresh.isEmpty()) {
                try (PgCopy copy = PgCopy.into(h, "asset_ports", "asset_id, port")) {
                    for (AssetPortDao.Row r : fresh) {
                        copy.text(r.assetId()).integer(r.port()).endRow();
                    }
                    copy.finish();
                }
            }
            if (!others.isEmpty()) {
                insertPorts(h, others);
            }
        }

        @Override
        void insertPorts(Handle h, List<AssetPortDao.Row> rows) {
            Connection c = h.getConnection();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset_ports (asset_id, port)"
                    + " SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS int4[])) ON CONFLICT DO NOTHING")) {
                for (int from = 0; from < rows.size(); from += UPDATE_CHUNK) {
                    List<AssetPortDao.Row> chunk = rows.subList(from, Math.min(rows.size(), from + UPDATE_CHUNK));
                    String[] ids = new String[chunk.size()];
                    Integer[] ports = new Integer[chunk.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = chunk.get(i).assetId();
                        ports[i] = chunk.get(i).port();
                    }
                    ps.setArray(1, c.createArrayOf("text", ids));
                    ps.setArray(2, c.createArrayOf("int4", ports));
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException("port insert failed", e, null);
            }
        }
    },

    /** SQLite: plain JDBC batches, values bound as the SQL objects bind them. */
    SQLITE_BATCHES {
        /**
         * From {@link #MUTE_FROM} assets on, the data-version row triggers of the tables written here are dropped for
         * the save and created again from their stored SQL before it commits, with one bump of the version, as the
         * PostgreSQL statement trigger bumps once per transaction (docs/DOMAIN.md §6.14). A row trigger on a table
         * with several indexes tripled the cost of each insert (about 1.5 s per 100,000 rows). So is the row trigger
         * that keeps {@code latest_snapshots}: its work for the save's snapshots is done at the end by
         * {@link #LATEST_OF_SCAN}, one statement in asset-id order instead of one upsert per row in the scan's order
         * (docs/STACK-NOTES.md Q4.18). Nothing in the save reads the {@code latest_snapshots} row of an asset it has
         * already written (a scan has one snapshot per asset). It is all one transaction under SQLite's single write
         * lock: no other writer runs between, a rollback restores the triggers, and readers see the schema change only
         * with the save's rows.
         */
        @Override
        Runnable begin(Handle h, int assetCount, String scanId) {
            if (assetCount < MUTE_FROM) {
                return () -> { };
            }
            List<String[]> triggers = h.createQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                    + " AND tbl_name IN ('assets', 'scan_assets', 'asset_changes') AND name LIKE 'dv!_%' ESCAPE '!'"
                    + " ORDER BY name").map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list();
            String latest = h.createQuery("SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                    + " AND name = 'ls_scan_assets_insert'").mapTo(String.class).findOne().orElse(null);
            for (String[] trigger : triggers) {
                raw(h, "DROP TRIGGER \"" + trigger[0] + "\"");
            }
            if (latest != null) {
                raw(h, "DROP TRIGGER ls_scan_assets_insert");
            }
            return () -> {
                if (latest != null) {
                    h.createUpdate(LATEST_OF_SCAN).bind("scanId", scanId).execute();
                    raw(h, latest);
                }
                for (String[] trigger : triggers) {
                    raw(h, trigger[1]);
                }
                raw(h, "UPDATE data_version SET version = version + 1 WHERE id = 1");
            };
        }

        @Override
        void insertAssets(Handle h, List<AssetDao.Write> rows) {
            batch(h, "INSERT INTO assets (" + ASSET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?,"
                    + " ?, ?, ?, ?)", rows, (ps, w) -> {
                        text(ps, 1, w.id());
                        text(ps, 2, w.ip());
                        text(ps, 3, w.mac());
                        text(ps, 4, w.hostname());
                        text(ps, 5, w.vendor());
                        text(ps, 6, w.osHint());
                        text(ps, 7, w.bigrCategory().value());
                        ps.setDouble(8, w.confidenceScore());
                        text(ps, 9, w.scanMethod());
                        time(ps, 10, w.firstSeen());
                        time(ps, 11, w.lastSeen());
                        text(ps, 12, w.switchHost());
                        text(ps, 13, w.switchPort());
                        integer(ps, 14, w.switchPortIndex());
                        text(ps, 15, w.deviceType());
                        text(ps, 16, w.product());
                        text(ps, 17, w.os());
                        text(ps, 18, w.osVersion());
                    });
        }

        @Override
        void updateAssets(Handle h, List<AssetDao.Write> rows) {
            batch(h, "UPDATE assets SET hostname = ?, vendor = ?, os_hint = ?, bigr_category = ?,"
                    + " confidence_score = ?, scan_method = ?, last_seen = ?, device_type = ?, product = ?, os = ?,"
                    + " os_version = ?, status = 'online' WHERE id = ?", rows, (ps, w) -> {
                        text(ps, 1, w.hostname());
                        text(ps, 2, w.vendor());
                        text(ps, 3, w.osHint());
                        text(ps, 4, w.bigrCategory().value());
                        ps.setDouble(5, w.confidenceScore());
                        text(ps, 6, w.scanMethod());
                        time(ps, 7, w.lastSeen());
                        text(ps, 8, w.deviceType());
                        text(ps, 9, w.product());
                        text(ps, 10, w.os());
                        text(ps, 11, w.osVersion());
                        text(ps, 12, w.id());
                    });
        }

        @Override
        void insertSnapshots(Handle h, List<SnapshotDao.Write> rows) {
            batch(h, "INSERT INTO scan_assets (" + SNAPSHOT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
                    (ps, w) -> {
                        text(ps, 1, w.scanId());
                        text(ps, 2, w.assetId());
                        text(ps, 3, w.openPorts());
                        ps.setDouble(4, w.confidenceScore());
                        text(ps, 5, w.bigrCategory().value());
                        text(ps, 6, w.rawEvidence());
                        text(ps, 7, w.deviceType());
                        text(ps, 8, w.product());
                        text(ps, 9, w.os());
                        text(ps, 10, w.osVersion());
                    });
        }

        @Override
        void insertChanges(Handle h, List<ChangeDao.Write> rows) {
            batch(h, "INSERT INTO asset_changes (" + CHANGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", rows,
                    (ps, w) -> {
                        text(ps, 1, w.assetId());
                        text(ps, 2, w.scanId());
                        text(ps, 3, w.changeType());
                        text(ps, 4, w.fieldName());
                        text(ps, 5, w.oldValue());
                        text(ps, 6, w.newValue());
                        time(ps, 7, w.detectedAt());
                    });
        }
    };

    /** Assets per {@code UPDATE ... FROM unnest(...)} statement on PostgreSQL. */
    static final int UPDATE_CHUNK = 10_000;
    /** Rows per executeBatch on SQLite: bounds the driver's buffered batch. */
    static final int JDBC_BATCH = 1000;
    static final String ASSET_COLUMNS = "id, ip, mac, hostname, vendor, os_hint, bigr_category, confidence_score,"
            + " scan_method, first_seen, last_seen, is_ignored, switch_host, switch_port, switch_port_index,"
            + " device_type, product, os, os_version";
    static final String SNAPSHOT_COLUMNS = "scan_id, asset_id, open_ports, confidence_score, bigr_category,"
            + " raw_evidence, device_type, product, os, os_version";
    static final String CHANGE_COLUMNS = "asset_id, scan_id, change_type, field_name, old_value, new_value,"
            + " detected_at";

    /** Assets from which a SQLite save mutes the data-version row triggers of its tables. */
    static final int MUTE_FROM = 1000;

    /**
     * Readies the save's transaction (of scan {@code scanId}) for this path's bulk writes; the returned action runs
     * after its last write, before it commits (a rollback undoes both).
     */
    Runnable begin(Handle h, int assetCount, String scanId) {
        return () -> { };
    }

    /**
     * SQLite's {@code ls_scan_assets_insert} trigger (changeSet {@code 15-7}) for every snapshot of scan
     * {@code :scanId} at once, read through the snapshot key in asset-id order: an asset's copy takes the scan's
     * snapshot unless it already holds a later one (or, on a tie of start times, one of a greater scan id).
     */
    static final String LATEST_OF_SCAN = """
            INSERT INTO latest_snapshots (asset_id, scan_id, started_at, open_ports, raw_evidence, bigr_category,
                                          confidence_score, device_type, product, os, os_version)
            SELECT n.asset_id, s.id, s.started_at, n.open_ports, n.raw_evidence, n.bigr_category, n.confidence_score,
                   n.device_type, n.product, n.os, n.os_version
            FROM scan_assets n JOIN scans s ON s.id = n.scan_id WHERE n.scan_id = :scanId ORDER BY n.asset_id
            ON CONFLICT (asset_id) DO UPDATE SET scan_id = excluded.scan_id, started_at = excluded.started_at,
                open_ports = excluded.open_ports, raw_evidence = excluded.raw_evidence,
                bigr_category = excluded.bigr_category, confidence_score = excluded.confidence_score,
                device_type = excluded.device_type, product = excluded.product, os = excluded.os,
                os_version = excluded.os_version
            WHERE excluded.started_at > latest_snapshots.started_at
               OR (excluded.started_at = latest_snapshots.started_at
                   AND excluded.scan_id > latest_snapshots.scan_id)""";

    abstract void insertAssets(Handle h, List<AssetDao.Write> rows);

    /** The fields {@link AssetDao#updateAll} overwrites, status set online. */
    abstract void updateAssets(Handle h, List<AssetDao.Write> rows);

    abstract void insertSnapshots(Handle h, List<SnapshotDao.Write> rows);

    abstract void insertChanges(Handle h, List<ChangeDao.Write> rows);

    /** {@link AssetPortDao#portsOf}: the latest open ports of each of {@code ids} that has any. */
    java.util.Map<String, List<Integer>> portsOf(Handle h, List<String> ids) {
        return h.attach(AssetPortDao.class).portsOf(ids);
    }

    /** {@link AssetPortDao#insertAll}: the rows, any already there left as they are. */
    void insertPorts(Handle h, List<AssetPortDao.Row> rows) {
        h.attach(AssetPortDao.class).insertAll(rows);
    }

    /** {@link #insertPorts(Handle, List)}, where the assets in {@code added} were inserted by this save. */
    void insertPorts(Handle h, List<AssetPortDao.Row> rows, java.util.Set<String> added) {
        insertPorts(h, rows);
    }

    /** The bulk path of the database. */
    static SaveWrites forDialect(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? POSTGRES_COPY : SQLITE_BATCHES;
    }

    /** Binds one row's values. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private static <T> void batch(Handle h, String sql, List<T> rows, Binder<T> binder) {
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            int pending = 0;
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
                if (++pending == JDBC_BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
        }
    }

    /** A statement as written, past JDBI's parsing (trigger bodies hold semicolons). */
    private static void raw(Handle h, String sql) {
        try (java.sql.Statement st = h.getConnection().createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
        }
    }

    private static void text(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static void integer(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** As JDBI binds an Instant (a Timestamp), so both paths store the same value. */
    private static void time(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }
}
