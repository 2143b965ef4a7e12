package io.bigr.discovery.db;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/**
 * The two SQL functions the inventory list needs, written once in Java so both databases order and match alike:
 * {@code bigr_ip_key(ip)} (a text that sorts in numeric address order: {@code 4} and eight hex digits for IPv4,
 * {@code 6} and 32 for IPv6, {@code 9} and the text itself for anything unparsable) and {@code bigr_lower(text)}
 * ({@link String#toLowerCase(Locale)} with {@link Locale#ROOT}; SQLite's own {@code lower} folds ASCII only).
 * Registered on every SQLite connection a handle opens (once per physical connection). PostgreSQL needs neither:
 * {@link #ipKey} and {@link #lower} give its native equivalents ({@code inet}, {@code lower}).
 */
public final class SqlFunctions implements JdbiPlugin {
    private final Map<SQLiteConnection, Boolean> registered = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public Connection customizeConnection(Connection conn) throws SQLException {
        if (conn.isWrapperFor(SQLiteConnection.class)) {
            SQLiteConnection sqlite = conn.unwrap(SQLiteConnection.class);
            if (registered.putIfAbsent(sqlite, Boolean.TRUE) == null) {
                Function.create(sqlite, "bigr_ip_key", new Function() {
                    @Override
                    protected void xFunc() throws SQLException {
                        String ip = value_text(0);
                        if (ip == null) {
                            result();
                        } else {
                            result(ipKey(ip));
                        }
                    }
                }, 1, Function.FLAG_DETERMINISTIC);
                Function.create(sqlite, "bigr_lower", new Function() {
                    @Override
                    protected void xFunc() throws SQLException {
                        String text = value_text(0);
                        if (text == null) {
                            result();
                        } else {
                            result(text.toLowerCase(Locale.ROOT));
                        }
                    }
                }, 1, Function.FLAG_DETERMINISTIC);
            }
        }
        return conn;
    }

    /**
     * SQL ordering an IP column (or parameter) {@code expr} numerically on this dialect: {@code bigr_ip_key} on both,
     * on PostgreSQL the function of changeSet 13-3, an {@code inet} that puts text no {@code inet} can hold (a value
     * an earlier release stored, docs/DOMAIN.md §2.8) last instead of failing the query.
     */
    public static String ipKey(Dialect dialect, String expr) {
        return "bigr_ip_key(" + expr + ")";
    }

    /**
     * The condition "{@code a.ip} lies between {@code :lo} and {@code :hi}" (a subnet's first and last address) in
     * {@link #ipKey} order, the same on both dialects (on PostgreSQL the {@code ix_assets_ip_key} index's).
     */
    public static final String IP_BETWEEN = "bigr_ip_key(a.ip) >= bigr_ip_key(:lo) AND bigr_ip_key(a.ip) <= bigr_ip_key(:hi)";

    /** SQL lower-casing {@code expr} on this dialect. */
    public static String lower(Dialect dialect, String expr) {
        return dialect == Dialect.POSTGRESQL ? "lower(" + expr + ")" : "bigr_lower(" + expr + ")";
    }

    /** The sort key of {@code bigr_ip_key}. */
    public static String ipKey(String ip) {
        java.util.Optional<String> canonical = io.bigr.discovery.core.IpAddresses.canonical(ip);
        IPAddress a = canonical.isEmpty() ? null : new IPAddressString(canonical.get()).getAddress();
        if (a == null) {
            return "9" + ip;
        }
        byte[] bytes = a.getBytes();
        StringBuilder key = new StringBuilder(1 + 2 * bytes.length).append(bytes.length == 4 ? '4' : '6');
        for (byte b : bytes) {
            key.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return key.toString();
    }
}
