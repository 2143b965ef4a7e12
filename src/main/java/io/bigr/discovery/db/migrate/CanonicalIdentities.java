package io.bigr.discovery.db.migrate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.SetupException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * The {@code 12-5-canonical-identities} changeSet (docs/DOMAIN.md §3.17): earlier releases stored addresses and MACs
 * as the client typed them, so {@code 127.1}, {@code 2130706433} and {@code 127.0.0.1} could be three rows, and so
 * could {@code AA-BB-CC-DD-EE-FF} and {@code aa:bb:cc:dd:ee:ff}. Every row's ip and mac are rewritten in their
 * canonical text (a legacy inet_aton form or an IPv6 zone is read for what it meant); rows that become the same
 * (ip, mac) are merged into the one first seen, keeping every snapshot, change and tag, the merged text recorded as a
 * {@code merge} link. A value that means no address at all is left as it is. Runs once, in the migration's
 * transaction, with plain JDBC on both databases.
 */
public final class CanonicalIdentities implements CustomTaskChange {
    private static final IPAddressStringParameters LEGACY = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowPrefix(false).allowMask(false).allowWildcardedSeparator(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(true).allowLeadingZeros(true).getParentBuilder()
            .toParams();

    private int merged;
    private int rewritten;

    @Override
    public void execute(Database database) throws CustomChangeException {
        try {
            int[] done = run(((JdbcConnection) database.getConnection()).getUnderlyingConnection());
            rewritten = done[0];
            merged = done[1];
        } catch (SQLException e) {
            throw new CustomChangeException("canonical identities: " + e.getMessage(), e);
        }
    }

    /** Rewrites and merges; returns {rows rewritten, rows merged away}. */
    public static int[] run(Connection c) throws SQLException {
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, ip, mac FROM assets ORDER BY first_seen, id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                String ip = rs.getString(2);
                String mac = rs.getString(3);
                String canonIp = canonicalIp(ip).orElse(ip);
                String canonMac = mac == null ? null : canonicalMac(mac).orElse(mac);
                groups.computeIfAbsent(canonIp + "|" + (canonMac == null ? "" : canonMac), k -> new ArrayList<>())
                        .add(new String[] {id, ip, mac, canonIp, canonMac});
            }
        }
        int rewritten = 0;
        int mergedAway = 0;
        Timestamp now = Timestamp.from(Instant.now());
        for (List<String[]> rows : groups.values()) {
            String[] keep = rows.get(0);
            for (String[] dup : rows.subList(1, rows.size())) {
                mergeInto(c, keep[0], dup, now);
                mergedAway++;
            }
            boolean sameText = keep[3].equals(keep[1]) && java.util.Objects.equals(keep[4], keep[2]);
            if (!sameText) {
                update(c, "UPDATE assets SET ip = ?, mac = ? WHERE id = ?", keep[3], keep[4], keep[0]);
                rewritten++;
            }
        }
        return new int[] {rewritten, mergedAway};
    }

    private static void mergeInto(Connection c, String keep, String[] dup, Timestamp now) throws SQLException {
        String gone = dup[0];
        update(c, "UPDATE scan_assets SET asset_id = ? WHERE asset_id = ?"
                + " AND scan_id NOT IN (SELECT scan_id FROM scan_assets WHERE asset_id = ?)", keep, gone, keep);
        update(c, "DELETE FROM scan_assets WHERE asset_id = ?", gone);
        update(c, "UPDATE asset_changes SET asset_id = ? WHERE asset_id = ?", keep, gone);
        update(c, "UPDATE asset_links SET asset_id = ? WHERE asset_id = ?", keep, gone);
        update(c, """
                UPDATE assets SET
                  first_seen = (SELECT MIN(first_seen) FROM assets WHERE id IN (?, ?)),
                  last_seen = (SELECT MAX(last_seen) FROM assets WHERE id IN (?, ?)),
                  manual_note = CASE WHEN manual_category IS NULL
                                THEN (SELECT manual_note FROM assets WHERE id = ?) ELSE manual_note END,
                  manual_category = COALESCE(manual_category, (SELECT manual_category FROM assets WHERE id = ?))
                WHERE id = ?""", keep, gone, keep, gone, gone, gone, keep);
        update(c, "DELETE FROM assets WHERE id = ?", gone);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO asset_links (asset_id, mac, ip, source, confidence,"
                + " signals, linked_at) VALUES (?, ?, ?, 'merge', 1.0, '[\"canonical form\"]', ?)")) {
            s.setString(1, keep);
            s.setString(2, dup[2]);
            s.setString(3, dup[1]);
            s.setTimestamp(4, now);
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    /** The canonical text of an address an earlier release stored, inet_aton forms and zones included. */
    static Optional<String> canonicalIp(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        int zone = t.indexOf('%');
        if (zone > 0 && t.contains(":")) {
            t = t.substring(0, zone);
        }
        IPAddress parsed = new IPAddressString(t, LEGACY).getAddress();
        if (parsed == null || parsed.getNetworkPrefixLength() != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(IpAddress.of(parsed.toCanonicalString()).value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<String> canonicalMac(String text) {
        try {
            return Optional.of(MacAddress.of(text).value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "canonical identities: " + rewritten + " row(s) rewritten, " + merged + " merged";
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
