package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@link Jdbc#text} reads SQLite's text columns by their bytes: every kind of stored value gives exactly what the
 * driver's getString gives (NULL, empty, non-ASCII text, numbers stored in a text column, malformed UTF-8).
 */
class JdbcTextTest {
    @Test
    void givesWhatGetStringGivesForEveryStoredKind() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v TEXT)");
            s.execute("INSERT INTO t VALUES (NULL), (''), ('ağ ve sistemler \uD83D\uDE00'), (42), (0.1), (1e300),"
                    + " (-7), (X'63616DC3'), (X'ED A080'), ('tab\tand\nline')".replace("X'ED A080'", "X'EDA080'"));
            int rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT v, v FROM t ORDER BY rowid")) {
                assertThat(rs).isInstanceOf(org.sqlite.jdbc3.JDBC3ResultSet.class);
                while (rs.next()) {
                    assertThat(Jdbc.text(rs, 1)).isEqualTo(rs.getString(2));
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(10);
        }
    }
}
