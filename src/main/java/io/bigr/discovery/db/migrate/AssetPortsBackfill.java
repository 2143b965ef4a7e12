package io.bigr.discovery.db.migrate;

import io.bigr.discovery.core.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TreeSet;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.SetupException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * Fills {@code asset_ports} (docs/DOMAIN.md §3.6) from the snapshots: the ports of each asset's latest snapshot, the
 * ports of every tied snapshot on a tie of {@code started_at}. The stored JSON is read by the application's own
 * parser ({@link Json#parsePorts}), so text an earlier release or another writer left malformed gives the ports every
 * read of it gives (none) instead of failing the migration. Plain JDBC on both databases, one pass over the snapshots
 * in asset order, inserts in batches.
 *
 * <p>Used by the {@code 12-6-asset-ports} changeSet (in the migration's transaction) and by {@code bigr transfer}
 * after it has copied snapshots (docs/DOMAIN.md §8.4), where {@link #run} replaces whatever the table held.
 */
public final class AssetPortsBackfill implements CustomTaskChange {
    private static final int BATCH = 1000;

    /** Each asset's snapshots that no other snapshot of it is newer than, in asset order. */
    private static final String LATEST = """
            SELECT r.asset_id, r.open_ports FROM (
                SELECT sa.asset_id, sa.open_ports, s.started_at,
                       MAX(s.started_at) OVER (PARTITION BY sa.asset_id) AS newest
                FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id) r
            WHERE r.started_at = r.newest
            ORDER BY r.asset_id""";

    private long rows;

    @Override
    public void execute(Database database) throws CustomChangeException {
        try {
            rows = run(((JdbcConnection) database.getConnection()).getUnderlyingConnection());
        } catch (SQLException e) {
            throw new CustomChangeException("asset ports: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces every row of {@code asset_ports} with the latest ports of the snapshots; returns the rows written. Runs
     * on {@code c} as it is (the caller commits); on PostgreSQL inside a transaction, so the read is streamed.
     */
    public static long run(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM asset_ports");
        }
        long written = 0;
        try (PreparedStatement read = c.prepareStatement(LATEST);
             PreparedStatement insert = c.prepareStatement("INSERT INTO asset_ports (asset_id, port) VALUES (?, ?)")) {
            read.setFetchSize(BATCH);
            String asset = null;
            TreeSet<Integer> ports = new TreeSet<>();
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (true) {
                    boolean more = rs.next();
                    String id = more ? rs.getString(1) : null;
                    if (asset != null && !asset.equals(id)) {
                        for (int port : ports) {
                            insert.setString(1, asset);
                            insert.setInt(2, port);
                            insert.addBatch();
                            written++;
                            if (++pending == BATCH) {
                                insert.executeBatch();
                                pending = 0;
                            }
                        }
                        ports.clear();
                    }
                    if (!more) {
                        break;
                    }
                    asset = id;
                    ports.addAll(Json.parsePorts(rs.getString(2)));
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return written;
    }

    @Override
    public String getConfirmationMessage() {
        return "asset ports: " + rows + " row(s) from the latest snapshots";
    }

    @Override
    public void setUp() throws SetupException {
        // nothing to set up
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
        // reads no files
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
