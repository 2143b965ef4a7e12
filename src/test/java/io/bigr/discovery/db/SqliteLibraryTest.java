package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;

/** The driver's native library is copied out once, reused afterwards, and never overrides a user's own setting. */
class SqliteLibraryTest {
    @TempDir
    Path tmp;
    private String path;
    private String name;

    @BeforeEach
    void keep() {
        path = System.getProperty(SqliteLibrary.PATH_PROPERTY);
        name = System.getProperty(SqliteLibrary.NAME_PROPERTY);
        System.clearProperty(SqliteLibrary.PATH_PROPERTY);
        System.clearProperty(SqliteLibrary.NAME_PROPERTY);
    }

    @AfterEach
    void restore() {
        set(SqliteLibrary.PATH_PROPERTY, path);
        set(SqliteLibrary.NAME_PROPERTY, name);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void copiesTheLibraryOnceAndPointsTheDriverAtIt() throws Exception {
        Path lib = SqliteLibrary.useCachedCopy(tmp);
        assertThat(lib).isRegularFile().hasParent(tmp.resolve("sqlite-native").resolve(lib.getParent().getFileName()));
        assertThat(lib.getParent().getFileName().toString()).startsWith(SQLiteJDBCLoader.getVersion() + "-");
        assertThat(Files.size(lib)).isGreaterThan(100_000);
        assertThat(System.getProperty(SqliteLibrary.PATH_PROPERTY)).isEqualTo(lib.getParent().toString());
        assertThat(System.getProperty(SqliteLibrary.NAME_PROPERTY)).isEqualTo(lib.getFileName().toString());
        try (var files = Files.list(lib.getParent())) {
            assertThat(files.toList()).containsExactly(lib);  // no temporary file left behind
        }

        // A second start finds the copy and does not write it again.
        long modified = Files.getLastModifiedTime(lib).toMillis();
        Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
        System.clearProperty(SqliteLibrary.PATH_PROPERTY);
        System.clearProperty(SqliteLibrary.NAME_PROPERTY);
        assertThat(SqliteLibrary.useCachedCopy(tmp)).isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib).toMillis()).isEqualTo(modified - 60_000);

        // The driver works (in this JVM the library may already be loaded; either way a query runs).
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             ResultSet rs = c.createStatement().executeQuery("SELECT sqlite_version()")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void aUsersOwnSettingWins() {
        System.setProperty(SqliteLibrary.PATH_PROPERTY, "/opt/mine");
        assertThat(SqliteLibrary.useCachedCopy(tmp)).isNull();
        assertThat(System.getProperty(SqliteLibrary.PATH_PROPERTY)).isEqualTo("/opt/mine");
        assertThat(tmp.resolve("sqlite-native")).doesNotExist();
    }

    @Test
    void anUnwritableFolderLeavesTheDriverAsItWas() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertThat(SqliteLibrary.useCachedCopy(file)).isNull();
        assertThat(System.getProperty(SqliteLibrary.PATH_PROPERTY)).isNull();
    }
}
