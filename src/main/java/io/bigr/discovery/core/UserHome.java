package io.bigr.discovery.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's home as the shell means it: {@code $HOME}, else Java's {@code user.home} (they differ under sudo, su,
 * systemd and in containers, and a file the user was told is in {@code ~/.bigr} must be there). The one place that
 * decides where {@code ~/.bigr} (the SQLite file, the SNMP key, the outbox) lies.
 */
public final class UserHome {
    private UserHome() {
    }

    public static Path dir() {
        return dir(System.getenv());
    }

    public static Path dir(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /** {@code ~/.bigr}. */
    public static Path bigr(Map<String, String> env) {
        return dir(env).resolve(".bigr");
    }

    /** {@code path} with a leading {@code ~/} replaced by the home of {@code env}. */
    public static Path expand(String path, Map<String, String> env) {
        return path.startsWith("~/") ? dir(env).resolve(path.substring(2)) : Path.of(path);
    }
}
