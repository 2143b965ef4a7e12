package io.bigr.discovery.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, extracted once. Left alone, the driver copies the library out of the jar into the
 * temporary folder under a new random name on every start and reads both copies back to compare them: about a
 * sixth of a short command's run. Here it is copied once into a folder beside the jar named by the driver's
 * version and platform, and the driver is pointed at it ({@code org.sqlite.lib.path}). Where that folder cannot be
 * written (a read-only install) or the property is already set, nothing changes and the driver extracts as before;
 * a copy the driver cannot load makes it fall back to its own extraction too.
 */
public final class SqliteLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final String RESOURCE_ROOT = "/org/sqlite/native";

    private SqliteLibrary() {
    }

    /** Points the driver at the cached copy beside the jar (made now when missing); never fails. */
    public static void useCachedCopy() {
        try {
            Path jar = Path.of(SqliteLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.getParent();
            if (dir != null) {
                useCachedCopy(dir);
            }
        } catch (Exception | LinkageError e) {
            // the driver extracts as it always did
        }
    }

    /** As {@link #useCachedCopy()}, caching under {@code base}; returns the library file used, or null. */
    static Path useCachedCopy(Path base) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return null;
        }
        try {
            String name = LibraryLoaderUtil.getNativeLibName();
            // Named by the driver's version and the JVM's platform, so that finding the copy needs no platform
            // probe: the driver's own (its folder inside the jar) runs `uname -o` in a child process every time.
            Path folder = base.resolve("sqlite-native").resolve(SQLiteJDBCLoader.getVersion() + "-"
                    + platform(System.getProperty("os.name")) + "-" + platform(System.getProperty("os.arch")));
            Path lib = folder.resolve(name);
            if (!Files.isRegularFile(lib)) {
                String resourceDir = LibraryLoaderUtil.getNativeLibResourcePath();
                if (!resourceDir.startsWith(RESOURCE_ROOT)) {
                    return null;
                }
                try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resourceDir + "/" + name)) {
                    if (in == null) {
                        return null;
                    }
                    Files.createDirectories(folder);
                    // Written under a temporary name and moved into place: a concurrent start never sees half a file.
                    Path tmp = Files.createTempFile(folder, name, ".part");
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            System.setProperty(PATH_PROPERTY, folder.toString());
            System.setProperty(NAME_PROPERTY, name);
            return lib;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A system property as a folder-name part: letters, digits, dots, dashes and underscores only. */
    static String platform(String value) {
        return value == null ? "unknown" : value.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
