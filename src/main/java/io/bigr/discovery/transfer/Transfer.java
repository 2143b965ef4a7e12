package io.bigr.discovery.transfer;

import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.Dialect;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.exception.LiquibaseException;

/**
 * Copies the 7 inventory tables from one database to another (docs/DOMAIN.md §8.4, with its gaps fixed): SQLite to
 * PostgreSQL to move a laptop inventory to Neon, PostgreSQL to SQLite for an offline copy, or file to file.
 *
 * <p>Invariants:
 * <ul>
 *   <li><b>Order and batches.</b> Tables are copied parents first ({@link TableSpec#ALL}); rows are read in key order
 *       and written in batches of {@code --batch} rows, each batch in its own transaction. A batch the database
 *       rejects is rolled back and retried row by row, so one bad row fails alone and is reported.</li>
 *   <li><b>Nothing is overwritten.</b> A row whose key ({@link TableSpec#key}) is already in the target is skipped;
 *       when its values differ the target's row is kept and the skip reason says which columns differ. Every insert
 *       also carries {@code ON CONFLICT DO NOTHING}, so a concurrent writer can never be overwritten either.</li>
 *   <li><b>Idempotent.</b> Running the same transfer again inserts nothing.</li>
 *   <li><b>Asset identity.</b> An asset whose (ip, COALESCE(mac, '')) already exists in the target under another id
 *       (the same device, inventoried on both sides) is not inserted: its id is <em>mapped</em> onto the target's
 *       asset, so its snapshots and change rows still attach to that device. The target's inventory fields win.</li>
 *   <li><b>Explicit ids.</b> {@code asset_changes} and {@code certificates} keep their source ids where the target has
 *       no row with that id; where the id is taken by a different row they get a fresh one (a change row whose content
 *       is already in the target under any id is skipped). PostgreSQL identity sequences are reset to
 *       {@code max(id)} afterwards, so the next normal insert cannot collide.</li>
 *   <li><b>Nothing dropped silently.</b> Every row read is counted once: inserted, skipped with a reason, or failed
 *       with its key and reason (an unconvertible value, a parent that failed, a database rejection). Children of a
 *       failed parent fail with a reason pointing at it. Counts are verified against the target at the end.</li>
 *   <li>The source is only read: a SQLite source is opened read-only and never migrated.</li>
 * </ul>
 */
public final class Transfer {
    public static final int DEFAULT_BATCH = 500;
    public static final int MAX_BATCH = 10_000;
    /** Values per IN (...) list when looking rows up in the target. */
    private static final int IN_CHUNK = 500;
    /** Bind parameters per multi-row INSERT, under SQLite's 32766 and PostgreSQL's 65535. */
    private static final int MAX_PARAMS = 30_000;
    private static final String SEP = "\u0001";

    /** {@code batchSize} rows per transaction; a dry run reads and converts everything and writes nothing. */
    public record Options(boolean dryRun, int batchSize) {
        public Options {
            if (batchSize < 1 || batchSize > MAX_BATCH) {
                throw new IllegalArgumentException("--batch must be between 1 and " + MAX_BATCH + ", got " + batchSize);
            }
        }
    }

    /** One column to copy: its name, how its value converts, and whether the target refuses NULL. */
    private record Column(String name, ColumnKind kind, boolean required) {
    }

    /** A converted source row; {@code key} identifies it in the report as the source has it. */
    private record Row(String key, Map<String, Object> values) {
    }

    private final Endpoint source;
    private final Endpoint target;
    private final Options options;
    private final PrintStream progress;
    /** Source asset id → the target asset with the same (ip, mac) it was merged into. */
    private final Map<String, String> assetIdMap = new HashMap<>();
    private final Set<String> failedScans = new HashSet<>();
    private final Set<String> failedAssets = new HashSet<>();

    /** {@code target} may be null for a dry run. */
    public Transfer(Endpoint source, Endpoint target, Options options, PrintStream progress) {
        this.source = Objects.requireNonNull(source);
        this.target = target;
        this.options = Objects.requireNonNull(options);
        this.progress = Objects.requireNonNull(progress);
        if (target == null && !options.dryRun()) {
            throw new IllegalArgumentException("a target database is required");
        }
        if (target != null && sameDatabase(source, target)) {
            throw new TransferException("source and target are the same database");
        }
    }

    public TransferReport run() throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Connection src = source.openSource()) {
            if (source.dialect() == Dialect.POSTGRESQL) {
                src.setAutoCommit(false); // pgjdbc streams with a fetch size only inside a transaction
            }
            Connection dst = null;
            try {
                if (!options.dryRun()) {
                    prepareTarget(notes);
                    dst = target.openTarget();
                    dst.setAutoCommit(false);
                }
                List<TableReport> reports = new ArrayList<>();
                for (TableSpec spec : TableSpec.ALL) {
                    reports.add(copy(spec, src, dst));
                }
                if (dst != null) {
                    // Derived from the snapshots, never copied: the copied ones may be any asset's latest now.
                    long rows = io.bigr.discovery.db.migrate.AssetPortsBackfill.run(dst);
                    dst.commit();
                    notes.add("latest open ports rebuilt from the snapshots (" + rows + " row(s))");
                }
                if (dst != null && target.dialect() == Dialect.POSTGRESQL) {
                    for (TableSpec spec : TableSpec.ALL) {
                        if (spec.identity()) {
                            resetSequence(dst, spec.name());
                        }
                    }
                    dst.commit();
                    notes.add("identity sequences of asset_changes and certificates reset to max(id)");
                }
                return new TransferReport(options.dryRun(), reports, notes);
            } finally {
                if (dst != null) {
                    dst.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ target schema

    /** Brings the target to this version's schema: an empty database is created, one that is behind is upgraded. */
    private void prepareTarget(List<String> notes) throws SQLException {
        int pending;
        try (Connection c = target.openTarget()) {
            pending = Databases.pendingMigrations(c);
        } catch (LiquibaseException e) {
            throw new TransferException("cannot read the target's migration state", e);
        }
        if (pending == 0) {
            return;
        }
        progress.println("Target schema: applying " + pending + " pending change set(s)");
        try {
            Databases.migrate(target.factory());
        } catch (LiquibaseException e) {
            throw new TransferException("the target schema could not be migrated (a database made by an earlier"
                    + " release cannot be a target; transfer into a new file or database)", e);
        }
        notes.add("target migrated (" + pending + " change set(s) applied)");
    }

    // ------------------------------------------------------------------------------------------------ one table

    private TableReport copy(TableSpec spec, Connection src, Connection dst) throws SQLException {
        TableReport report = new TableReport(spec.name());
        if (!tableExists(src, source.dialect(), spec.name())) {
            report.missingInSource();
            Long n = dst == null ? null : count(dst, spec.name());
            report.targetCounts(n, n);
            progress.println(spec.name() + ": table not found in source (skipped)");
            return report;
        }
        Map<String, ColumnInfo> sourceCols = columns(src, spec.name());
        Map<String, ColumnInfo> targetCols = dst == null ? null : columns(dst, spec.name());
        List<Column> cols = chooseColumns(spec, sourceCols, targetCols, report);
        long total = count(src, spec.name());
        Long before = dst == null ? null : count(dst, spec.name());

        List<Row> batch = new ArrayList<>(Math.min(options.batchSize(), 4096));
        try (Statement st = src.createStatement()) {
            st.setFetchSize(Math.min(options.batchSize(), 1000));
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + spec.name() + " ORDER BY "
                    + String.join(", ", spec.key()))) {
                Map<String, Integer> index = indexOf(rs.getMetaData());
                while (rs.next()) {
                    report.countRead();
                    Row row = convert(spec, cols, rs, index, report);
                    if (row != null) {
                        batch.add(row);
                    }
                    if (batch.size() >= options.batchSize()) {
                        write(spec, cols, batch, dst, report);
                        batch.clear();
                        progress(report, total);
                    }
                }
            }
        }
        write(spec, cols, batch, dst, report);
        if (!batch.isEmpty() || report.read() == 0) {
            progress(report, total);
        }
        report.targetCounts(before, dst == null ? null : count(dst, spec.name()));
        return report;
    }

    private void progress(TableReport r, long total) {
        progress.printf(Locale.ROOT, "%s: %d/%d read, %d %s, %d skipped, %d failed%n", r.table(), r.read(), total,
                r.inserted(), options.dryRun() ? "convertible" : "inserted", r.skipped(), r.failed());
    }

    /**
     * The columns written: every target column the source has, plus those the managed schema requires and the
     * local store lacked (filled with their defaults). Source columns the target does not know are reported.
     */
    private List<Column> chooseColumns(TableSpec spec, Map<String, ColumnInfo> src, Map<String, ColumnInfo> dst,
                                       TableReport report) {
        List<Column> cols = new ArrayList<>();
        if (dst == null) {
            src.forEach((name, info) -> cols.add(new Column(name, spec.kindOf(name, info.type()), false)));
            return cols;
        }
        boolean targetIsPg = target.dialect() == Dialect.POSTGRESQL;
        dst.forEach((name, info) -> {
            ColumnInfo s = src.get(name);
            if (s == null && !spec.defaults().containsKey(name)) {
                return; // neither side has a value: the database default applies
            }
            String pgType = targetIsPg ? info.type() : source.dialect() == Dialect.POSTGRESQL && s != null
                    ? s.type() : info.type();
            boolean identityId = spec.identity() && name.equals("id");
            cols.add(new Column(name, spec.kindOf(name, pgType), !info.nullable() && !identityId));
        });
        for (String name : src.keySet()) {
            if (!dst.containsKey(name)) {
                report.note("source column " + spec.name() + "." + name + " has no place in the target; not copied");
            }
        }
        return cols;
    }

    private Row convert(TableSpec spec, List<Column> cols, ResultSet rs, Map<String, Integer> index,
                        TableReport report) throws SQLException {
        StringBuilder key = new StringBuilder();
        for (String k : spec.key()) {
            key.append(key.length() == 0 ? "" : ", ").append(k).append('=').append(rs.getString(index.get(k)));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column c : cols) {
            Integer i = index.get(c.name());
            Object value;
            try {
                value = i == null ? null : c.kind().convert(raw(rs, i, source.dialect()));
            } catch (ColumnKind.Unconvertible e) {
                fail(spec, key.toString(), rs, index, c.name() + ": " + e.getMessage(), report);
                return null;
            }
            if (value == null) {
                value = spec.defaults().get(c.name());
            }
            if (value == null && c.required()) {
                fail(spec, key.toString(), rs, index, c.name() + " is empty but required", report);
                return null;
            }
            values.put(c.name(), value);
        }
        if (spec == TableSpec.SWITCHES && values.get("community") instanceof String community
                && !community.startsWith("enc:")) {
            report.note("SNMP community strings are copied as stored; earlier releases kept them in plain text");
        }
        return new Row(key.toString(), values);
    }

    private void fail(TableSpec spec, String key, ResultSet rs, Map<String, Integer> index, String reason,
                      TableReport report) throws SQLException {
        report.failed(key, reason);
        if (spec == TableSpec.SCANS) {
            failedScans.add(rs.getString(index.get("id")));
        } else if (spec == TableSpec.ASSETS) {
            failedAssets.add(rs.getString(index.get("id")));
        }
    }

    // ------------------------------------------------------------------------------------------------ one batch

    private void write(TableSpec spec, List<Column> cols, List<Row> batch, Connection dst, TableReport report)
            throws SQLException {
        if (dst == null) {
            report.inserted(batch.size());
            return;
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Row> live = attachToParents(spec, batch, dst, report);
        String first = spec.key().get(0);
        String second = spec.key().size() > 1 ? spec.key().get(1) : null;
        Map<String, Map<String, Object>> existing = select(dst, spec.name(), cols, first, values(live, first),
                second, second == null ? null : values(live, second)).stream()
                .collect(Collectors.toMap(v -> keyOf(spec, v), v -> v, (a, b) -> a));
        Map<String, String> naturalInTarget = spec == TableSpec.ASSETS ? assetsByNaturalKey(dst, cols, live) : Map.of();
        Set<String> contentInTarget = spec == TableSpec.ASSET_CHANGES ? changeContents(dst, cols, live) : Set.of();
        Set<String> takenIds = spec.identity() ? takenIds(dst, spec.name(), live) : Set.of();

        Set<String> pendingKeys = new HashSet<>();
        Map<String, String> pendingNatural = new HashMap<>();
        Set<String> pendingContent = new HashSet<>();
        Set<String> pendingIds = new HashSet<>();
        List<Row> explicit = new ArrayList<>();
        List<Row> renumbered = new ArrayList<>();
        for (Row row : live) {
            String key = keyOf(spec, row.values());
            Map<String, Object> there = existing.get(key);
            if (there != null) {
                List<String> diff = differences(spec, cols, row.values(), there);
                if (diff.isEmpty()) {
                    report.skipped("already in the target");
                    continue;
                }
                if (!(spec.identity() && spec.key().equals(List.of("id")))) {
                    report.skipped("already in the target with different values; kept the target's (differs in "
                            + String.join(", ", diff) + ")");
                    continue;
                }
                // asset_changes: the id is taken by a different change; the content checks below decide.
            }
            if (spec == TableSpec.ASSETS) {
                String natural = naturalKey(row.values());
                String other = pendingNatural.getOrDefault(natural, naturalInTarget.get(natural));
                if (other != null && !other.equals(row.values().get("id"))) {
                    assetIdMap.put((String) row.values().get("id"), other);
                    report.skipped("same (ip, mac) as an asset already in the target under another id; its"
                            + " snapshots and changes are attached to that asset");
                    continue;
                }
                pendingNatural.put(natural, (String) row.values().get("id"));
            }
            if (spec == TableSpec.ASSET_CHANGES) {
                String content = contentKey(cols, row.values());
                if (contentInTarget.contains(content) || !pendingContent.add(content)) {
                    report.skipped("the same change is already in the target under another id");
                    continue;
                }
            }
            if (!pendingKeys.add(key)) {
                report.skipped("duplicate key within the source");
                continue;
            }
            if (spec.identity()) {
                String id = String.valueOf(row.values().get("id"));
                if (row.values().get("id") == null || takenIds.contains(id) || !pendingIds.add(id)) {
                    renumbered.add(row);
                    continue;
                }
            }
            explicit.add(row);
        }
        if (!renumbered.isEmpty()) {
            report.note(renumbered.size() + " row(s) got a new id because theirs was taken by a different row");
        }
        insertBatch(spec, cols, explicit, renumbered, dst, report);
    }

    /** Maps merged asset ids; rows whose scan or asset is not in the target fail, naming the parent. */
    private List<Row> attachToParents(TableSpec spec, List<Row> batch, Connection dst, TableReport report)
            throws SQLException {
        if (spec != TableSpec.SCAN_ASSETS && spec != TableSpec.ASSET_CHANGES) {
            return batch;
        }
        Map<Row, String> originalAsset = new HashMap<>();
        for (Row row : batch) {
            String assetId = (String) row.values().get("asset_id");
            originalAsset.put(row, assetId);
            row.values().put("asset_id", assetIdMap.getOrDefault(assetId, assetId));
        }
        Set<String> scans = existingIds(dst, "scans", batch.stream().map(r -> r.values().get("scan_id")).toList());
        Set<String> assets = existingIds(dst, "assets", batch.stream().map(r -> r.values().get("asset_id")).toList());
        List<Row> live = new ArrayList<>(batch.size());
        for (Row row : batch) {
            String scanId = (String) row.values().get("scan_id");
            String assetId = originalAsset.get(row);
            if (!scans.contains(scanId)) {
                report.failed(row.key(), failedScans.contains(scanId)
                        ? "its scan " + scanId + " failed to copy (see scans)"
                        : "its scan " + scanId + " is in neither the source nor the target");
            } else if (!assets.contains((String) row.values().get("asset_id"))) {
                report.failed(row.key(), failedAssets.contains(assetId)
                        ? "its asset " + assetId + " failed to copy (see assets)"
                        : "its asset " + assetId + " is in neither the source nor the target");
            } else {
                live.add(row);
            }
        }
        return live;
    }

    /**
     * Writes the classified rows in one transaction. If the database rejects the batch, it is rolled back and every
     * row is retried in a transaction of its own, so the failing rows are found and reported with the reason.
     */
    private void insertBatch(TableSpec spec, List<Column> cols, List<Row> explicit, List<Row> renumbered,
                             Connection dst, TableReport report) throws SQLException {
        if (explicit.isEmpty() && renumbered.isEmpty()) {
            return;
        }
        try {
            int lost = insert(spec, cols, explicit, true, dst) + insert(spec, cols, renumbered, false, dst);
            dst.commit();
            report.inserted(explicit.size() + renumbered.size() - lost);
            for (int i = 0; i < lost; i++) {
                report.skipped("already in the target (written concurrently)");
            }
        } catch (SQLException batchError) {
            dst.rollback();
            for (Row row : explicit) {
                insertAlone(spec, cols, row, true, dst, report);
            }
            for (Row row : renumbered) {
                insertAlone(spec, cols, row, false, dst, report);
            }
        }
    }

    private void insertAlone(TableSpec spec, List<Column> cols, Row row, boolean withId, Connection dst,
                             TableReport report) throws SQLException {
        try {
            int lost = insert(spec, cols, List.of(row), withId, dst);
            dst.commit();
            if (lost == 0) {
                report.inserted(1);
            } else {
                report.skipped("already in the target (written concurrently)");
            }
        } catch (SQLException e) {
            dst.rollback();
            report.failed(row.key(), "rejected by the target database: " + describe(e));
            if (spec == TableSpec.SCANS) {
                failedScans.add(row.key().substring("id=".length()));
            } else if (spec == TableSpec.ASSETS) {
                failedAssets.add(row.key().substring("id=".length()));
            }
        }
    }

    /**
     * Multi-row {@code INSERT ... ON CONFLICT DO NOTHING RETURNING 1}: the returned rows are the ones actually
     * written, on both databases (SQLite ≥ 3.35). Returns how many rows the database skipped as conflicts.
     */
    private int insert(TableSpec spec, List<Column> cols, List<Row> rows, boolean withId, Connection dst)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        List<Column> written = withId ? cols : cols.stream().filter(c -> !c.name().equals("id")).toList();
        if (!withId && target.dialect() == Dialect.POSTGRESQL) {
            resetSequence(dst, spec.name()); // fresh ids must start above every explicit id copied so far
        }
        String columns = written.stream().map(Column::name).collect(Collectors.joining(", "));
        String tuple = "(" + String.join(", ", java.util.Collections.nCopies(written.size(), "?")) + ")";
        int perStatement = Math.max(1, MAX_PARAMS / written.size());
        int lost = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            String sql = "INSERT INTO " + spec.name() + " (" + columns + ") VALUES "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), tuple))
                    + " ON CONFLICT DO NOTHING RETURNING 1";
            try (PreparedStatement ps = dst.prepareStatement(sql)) {
                int p = 1;
                for (Row row : chunk) {
                    for (Column c : written) {
                        c.kind().bind(ps, p++, row.values().get(c.name()), target.dialect());
                    }
                }
                int returned = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        returned++;
                    }
                }
                lost += chunk.size() - returned;
            }
        }
        return lost;
    }

    private static void resetSequence(Connection dst, String table) throws SQLException {
        try (Statement st = dst.createStatement()) {
            st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), COALESCE(MAX(id), 0) + 1, false)"
                    + " FROM " + table);
        }
    }

    // ------------------------------------------------------------------------------------------------ lookups

    private static String keyOf(TableSpec spec, Map<String, Object> values) {
        return spec.key().stream().map(k -> String.valueOf(values.get(k))).collect(Collectors.joining(SEP));
    }

    private static String naturalKey(Map<String, Object> values) {
        Object mac = values.get("mac");
        return values.get("ip") + SEP + (mac == null ? "" : mac);
    }

    private static String contentKey(List<Column> cols, Map<String, Object> values) {
        return cols.stream().filter(c -> !c.name().equals("id")).map(c -> String.valueOf(values.get(c.name())))
                .collect(Collectors.joining(SEP));
    }

    private List<String> differences(TableSpec spec, List<Column> cols, Map<String, Object> mine,
                                     Map<String, Object> theirs) {
        List<String> diff = new ArrayList<>();
        for (Column c : cols) {
            if (spec.identity() && c.name().equals("id") && !spec.key().contains("id")) {
                continue;
            }
            if (!c.kind().same(mine.get(c.name()), theirs.get(c.name()))) {
                diff.add(c.name());
            }
        }
        return diff;
    }

    private Map<String, String> assetsByNaturalKey(Connection dst, List<Column> cols, List<Row> rows)
            throws SQLException {
        Map<String, String> byNatural = new HashMap<>();
        for (Map<String, Object> v : select(dst, "assets", cols, "ip", values(rows, "ip"), null, null)) {
            byNatural.put(naturalKey(v), (String) v.get("id"));
        }
        return byNatural;
    }

    private Set<String> changeContents(Connection dst, List<Column> cols, List<Row> rows) throws SQLException {
        Set<String> contents = new HashSet<>();
        for (Map<String, Object> v : select(dst, "asset_changes", cols, "scan_id", values(rows, "scan_id"),
                "asset_id", values(rows, "asset_id"))) {
            contents.add(contentKey(cols, v));
        }
        return contents;
    }

    private Set<String> takenIds(Connection dst, String table, List<Row> rows) throws SQLException {
        List<Column> idOnly = List.of(new Column("id", ColumnKind.INTEGER, false));
        return select(dst, table, idOnly, "id", values(rows, "id"), null, null).stream()
                .map(v -> String.valueOf(v.get("id"))).collect(Collectors.toSet());
    }

    private Set<String> existingIds(Connection dst, String table, List<Object> ids) throws SQLException {
        List<Column> idOnly = List.of(new Column("id", ColumnKind.TEXT, false));
        return select(dst, table, idOnly, "id", ids, null, null).stream()
                .map(v -> (String) v.get("id")).collect(Collectors.toSet());
    }

    private static List<Object> values(List<Row> rows, String column) {
        return rows.stream().map(r -> r.values().get(column)).filter(Objects::nonNull).toList();
    }

    /**
     * Target rows whose {@code column} is one of {@code values} (and, when given, whose {@code also} column is one
     * of {@code alsoValues}, so a composite key never drags in every row of a large scan), converted with the same
     * column kinds as the source rows, so values compare canonically. The columns must be among {@code cols}.
     */
    private List<Map<String, Object>> select(Connection dst, String table, List<Column> cols, String column,
                                             Collection<Object> values, String also, Collection<Object> alsoValues)
            throws SQLException {
        ColumnKind kind = kindIn(cols, column);
        List<Object> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        distinct.removeIf(Objects::isNull);
        List<Object> alsoDistinct = also == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(alsoValues));
        List<Map<String, Object>> out = new ArrayList<>();
        if (also != null && alsoDistinct.isEmpty()) {
            return out;
        }
        String list = cols.stream().map(Column::name).collect(Collectors.joining(", "));
        for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
            List<Object> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK));
            String sql = "SELECT " + list + " FROM " + table + " WHERE " + column + " IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")"
                    + (also == null ? "" : " AND " + also + " IN ("
                    + String.join(", ", java.util.Collections.nCopies(alsoDistinct.size(), "?")) + ")");
            try (PreparedStatement ps = dst.prepareStatement(sql)) {
                int p = 1;
                for (Object v : chunk) {
                    kind.bind(ps, p++, v, target.dialect());
                }
                for (Object v : alsoDistinct) {
                    kindIn(cols, also).bind(ps, p++, v, target.dialect());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> v = new HashMap<>();
                        for (int i = 0; i < cols.size(); i++) {
                            Object raw = raw(rs, i + 1, target.dialect());
                            try {
                                v.put(cols.get(i).name(), cols.get(i).kind().convert(raw));
                            } catch (ColumnKind.Unconvertible e) {
                                v.put(cols.get(i).name(), raw); // a target value we cannot read compares unequal
                            }
                        }
                        out.add(v);
                    }
                }
            }
        }
        dst.commit(); // end the read so the lookup holds no locks (SQLite IMMEDIATE, PostgreSQL snapshot)
        return out;
    }

    private static ColumnKind kindIn(List<Column> cols, String column) {
        return cols.stream().filter(c -> c.name().equals(column)).map(Column::kind).findFirst()
                .orElse(ColumnKind.TEXT);
    }

    // ------------------------------------------------------------------------------------------------ JDBC helpers

    private record ColumnInfo(String type, boolean nullable) {
    }

    private static Object raw(ResultSet rs, int i, Dialect dialect) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            int type = rs.getMetaData().getColumnType(i);
            if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                return rs.getObject(i, OffsetDateTime.class);
            }
        }
        return rs.getObject(i);
    }

    private static boolean tableExists(Connection c, Dialect dialect, String table) throws SQLException {
        String schema = dialect == Dialect.POSTGRESQL ? c.getSchema() : null;
        try (ResultSet rs = c.getMetaData().getTables(null, schema, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static Map<String, ColumnInfo> columns(Connection c, String table) throws SQLException {
        Map<String, ColumnInfo> cols = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.put(md.getColumnName(i).toLowerCase(Locale.ROOT),
                        new ColumnInfo(md.getColumnTypeName(i), md.isNullable(i) != ResultSetMetaData.columnNoNulls));
            }
        }
        return cols;
    }

    private static Map<String, Integer> indexOf(ResultSetMetaData md) throws SQLException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            index.put(md.getColumnName(i).toLowerCase(Locale.ROOT), i);
        }
        return index;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            long n = rs.getLong(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        }
    }

    private static boolean sameDatabase(Endpoint a, Endpoint b) {
        if (a.dialect() != b.dialect()) {
            return false;
        }
        if (a.dialect() == Dialect.SQLITE) {
            return a.sqliteFile() != null && b.sqliteFile() != null
                    && a.sqliteFile().toAbsolutePath().normalize().equals(b.sqliteFile().toAbsolutePath().normalize());
        }
        return stripQuery(a.factory().getUrl()).equals(stripQuery(b.factory().getUrl()));
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The first line of a driver message: it names the constraint or column, never the row's values. */
    private static String describe(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        return (m.length() > 200 ? m.substring(0, 200) + "…" : m) + state;
    }
}
