package io.bigr.discovery.db;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns every database URL a user may hold into a JDBC URL plus credentials (docs/DOMAIN.md §8.3, docs/STACK-NOTES.md
 * Q2).
 *
 * <ul>
 *   <li>{@code postgres[ql]://user:pass@host[:port]/db?sslmode=…&channel_binding=…} (what Neon and Render hand out):
 *       credentials are lifted out and percent-decoded, libpq parameter names are translated to pgjdbc's
 *       ({@code channel_binding} → {@code channelBinding}, which pgjdbc would otherwise silently ignore), a Neon host
 *       gets {@code sslmode=require} unless told otherwise, and a {@code -pooler} host (PgBouncer, transaction mode)
 *       gets {@code prepareThreshold=0}.</li>
 *   <li>{@code jdbc:postgresql://…}: kept, with batched-insert rewriting added unless set.</li>
 *   <li>{@code sqlite:///relative.db}, {@code sqlite:////abs.db}, {@code sqlite:///~/x.db}, {@code jdbc:sqlite:…}:
 *       {@code ~} expanded, and foreign keys, WAL, a busy timeout and IMMEDIATE transactions added unless set.</li>
 * </ul>
 * Error messages name the problem and never contain the password.
 */
public final class DatabaseUrls {
    /** SQLite connection settings every BİGR connection needs (docs/STACK-NOTES.md Q3); user-given values win. */
    static final Map<String, String> SQLITE_DEFAULTS = Map.of(
            "foreign_keys", "true",
            "journal_mode", "WAL",
            "busy_timeout", "10000",
            "transaction_mode", "IMMEDIATE",
            "synchronous", "NORMAL");

    /** libpq query parameter → pgjdbc property. Unknown parameters pass through unchanged. */
    private static final Map<String, String> LIBPQ_TO_PGJDBC = Map.of(
            "channel_binding", "channelBinding",
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "target_session_attrs", "targetServerType");

    private DatabaseUrls() {
    }

    /** The outcome: what the pool connects with. user/password are null when the URL carried none. */
    public record Jdbc(String url, String user, String password, Dialect dialect) {
        @Override
        public String toString() {
            return "Jdbc[url=" + url + ", user=" + user + ", dialect=" + dialect + "]";
        }
    }

    public static Jdbc normalize(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database URL is empty (set database.url or DATABASE_URL)");
        }
        if (url.startsWith("${")) {
            int end = url.indexOf('}');
            String variable = url.substring(2, end < 0 ? url.length() : end).split(":-")[0];
            throw new IllegalArgumentException("database URL is not set: environment variable " + variable
                    + " is missing (e.g. " + variable + "=postgresql://user:pass@host/db?sslmode=require)");
        }
        String u = url.trim();
        if (u.startsWith("postgres://") || u.startsWith("postgresql://")) {
            return libpq(u);
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return new Jdbc(withDefaults(u, Map.of("reWriteBatchedInserts", "true")), null, null, Dialect.POSTGRESQL);
        }
        if (u.startsWith("sqlite:///")) {
            return sqlite(u.substring("sqlite:///".length()));
        }
        if (u.startsWith("jdbc:sqlite:")) {
            return sqlite(u.substring("jdbc:sqlite:".length()));
        }
        int colon = u.indexOf(':');
        String scheme = colon > 0 ? u.substring(0, colon) : u;
        if (scheme.length() > 20) {
            scheme = scheme.substring(0, 20) + "…";
        }
        throw new IllegalArgumentException("unsupported database URL scheme '" + scheme
                + "' (use postgresql://…, jdbc:postgresql://…, sqlite:///path or jdbc:sqlite:path)");
    }

    /** The file behind a SQLite JDBC URL, or null for in-memory databases or other dialects. */
    public static String sqliteFile(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        if (path.startsWith("file:")) {
            path = path.substring(5);
        }
        return path.isEmpty() || path.startsWith(":memory:") ? null : path;
    }

    private static Jdbc sqlite(String pathAndQuery) {
        String path = pathAndQuery;
        String query = "";
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            query = pathAndQuery.substring(q);
        }
        if (path.equals("~") || path.startsWith("~/")) {
            path = home() + path.substring(1);
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("SQLite URL names no file (e.g. sqlite:///~/.bigr/bigr.db)");
        }
        return new Jdbc(withDefaults("jdbc:sqlite:" + path + query, SQLITE_DEFAULTS), null, null, Dialect.SQLITE);
    }

    /** The user's home: $HOME as the shell sees it, else the JVM's user.home. */
    public static String home() {
        return io.bigr.discovery.core.UserHome.dir().toString();
    }

    private static Jdbc libpq(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("PostgreSQL URL could not be parsed; percent-encode reserved characters"
                    + " (# @ : / ?) in the user name and password");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("PostgreSQL URL contains '#'; percent-encode it (%23) in the password");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL URL has no host (expected postgresql://user:pass@host[:port]/db)");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1) {
            throw new IllegalArgumentException("PostgreSQL URL names no database (expected postgresql://user:pass@host/db)");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1));
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rawQuery = uri.getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
                params.put(LIBPQ_TO_PGJDBC.getOrDefault(key, key), value);
            }
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        if (lowerHost.endsWith(".neon.tech")) {
            params.putIfAbsent("sslmode", "require");
        }
        if (lowerHost.contains("-pooler")) {
            params.putIfAbsent("prepareThreshold", "0");
        }
        params.putIfAbsent("reWriteBatchedInserts", "true");
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(path);
        StringJoiner query = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> query.add(k + "=" + v));
        jdbc.append(query);
        return new Jdbc(jdbc.toString(), user, password, Dialect.POSTGRESQL);
    }

    private static String withDefaults(String url, Map<String, String> defaults) {
        int q = url.indexOf('?');
        String query = q < 0 ? "" : url.substring(q + 1);
        Map<String, String> present = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                present.put(eq < 0 ? pair : pair.substring(0, eq), pair);
            }
        }
        StringBuilder out = new StringBuilder(url);
        boolean first = q < 0;
        for (String key : defaults.keySet().stream().sorted().toList()) {
            if (!present.containsKey(key)) {
                out.append(first ? '?' : '&').append(key).append('=').append(defaults.get(key));
                first = false;
            }
        }
        return out.toString();
    }

    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("PostgreSQL URL has a malformed percent-escape in its credentials");
                }
                out.write(hi * 16 + lo);
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
