package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every URL form a user, Neon or Render may hand us, and what the pool connects with (docs/DOMAIN.md §8.3). */
class DatabaseUrlsTest {
    private static final String HOME = System.getenv("HOME") != null ? System.getenv("HOME")
            : System.getProperty("user.home");
    private static final String SQLITE = "busy_timeout=10000&foreign_keys=true&journal_mode=WAL&synchronous=NORMAL"
            + "&transaction_mode=IMMEDIATE";

    static Stream<Arguments> conversions() {
        return Stream.of(
                // input, expected JDBC URL, user, password, dialect
                Arguments.of("jdbc:postgresql://db.local:5433/bigr",
                        "jdbc:postgresql://db.local:5433/bigr?reWriteBatchedInserts=true", null, null,
                        Dialect.POSTGRESQL),
                Arguments.of("jdbc:postgresql://db.local/bigr?reWriteBatchedInserts=false&sslmode=require",
                        "jdbc:postgresql://db.local/bigr?reWriteBatchedInserts=false&sslmode=require", null, null,
                        Dialect.POSTGRESQL),
                Arguments.of("jdbc:sqlite:~/.bigr/bigr.db", "jdbc:sqlite:" + HOME + "/.bigr/bigr.db?" + SQLITE, null,
                        null, Dialect.SQLITE),
                Arguments.of("jdbc:sqlite:/tmp/x.db?journal_mode=DELETE",
                        "jdbc:sqlite:/tmp/x.db?journal_mode=DELETE&busy_timeout=10000&foreign_keys=true"
                                + "&synchronous=NORMAL&transaction_mode=IMMEDIATE", null, null, Dialect.SQLITE),
                Arguments.of("sqlite:///test.db", "jdbc:sqlite:test.db?" + SQLITE, null, null, Dialect.SQLITE),
                Arguments.of("sqlite:///./data/test.db", "jdbc:sqlite:./data/test.db?" + SQLITE, null, null,
                        Dialect.SQLITE),
                Arguments.of("sqlite:////var/lib/bigr/bigr.db", "jdbc:sqlite:/var/lib/bigr/bigr.db?" + SQLITE, null,
                        null, Dialect.SQLITE),
                Arguments.of("sqlite:///~/.bigr/bigr.db", "jdbc:sqlite:" + HOME + "/.bigr/bigr.db?" + SQLITE, null,
                        null, Dialect.SQLITE),
                Arguments.of("postgres://bigr:s3cret@127.0.0.1:5432/bigr",
                        "jdbc:postgresql://127.0.0.1:5432/bigr?reWriteBatchedInserts=true", "bigr", "s3cret",
                        Dialect.POSTGRESQL),
                Arguments.of("postgresql://neon_user:p%40ss%3Aw0rd%23%2F@db.example.com/neondb",
                        "jdbc:postgresql://db.example.com/neondb?reWriteBatchedInserts=true", "neon_user",
                        "p@ss:w0rd#/", Dialect.POSTGRESQL),
                Arguments.of("postgresql://u:pw-9x7@db.example.com/d?sslmode=verify-full&sslrootcert=/etc/ca.pem",
                        "jdbc:postgresql://db.example.com/d?sslmode=verify-full&sslrootcert=/etc/ca.pem"
                                + "&reWriteBatchedInserts=true", "u", "pw-9x7", Dialect.POSTGRESQL),
                Arguments.of("postgresql://u:pw-9x7@db.example.com/d?sslmode=require&x=y",
                        "jdbc:postgresql://db.example.com/d?sslmode=require&x=y&reWriteBatchedInserts=true", "u", "pw-9x7",
                        Dialect.POSTGRESQL),
                Arguments.of("postgresql://u:pw-9x7@ep-cool-1.eu-central-1.aws.neon.tech/neondb?sslmode=require"
                                + "&channel_binding=require",
                        "jdbc:postgresql://ep-cool-1.eu-central-1.aws.neon.tech/neondb?sslmode=require"
                                + "&channelBinding=require&reWriteBatchedInserts=true", "u", "pw-9x7", Dialect.POSTGRESQL),
                Arguments.of("postgresql://u:pw-9x7@ep-cool-1.eu-central-1.aws.neon.tech/neondb",
                        "jdbc:postgresql://ep-cool-1.eu-central-1.aws.neon.tech/neondb?sslmode=require"
                                + "&reWriteBatchedInserts=true", "u", "pw-9x7", Dialect.POSTGRESQL),
                Arguments.of("postgresql://u:pw-9x7@ep-cool-1-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=require",
                        "jdbc:postgresql://ep-cool-1-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=require"
                                + "&prepareThreshold=0&reWriteBatchedInserts=true", "u", "pw-9x7", Dialect.POSTGRESQL),
                Arguments.of("postgresql://u@h/d?connect_timeout=30&application_name=bigr",
                        "jdbc:postgresql://h/d?connectTimeout=30&ApplicationName=bigr&reWriteBatchedInserts=true", "u",
                        null, Dialect.POSTGRESQL),
                Arguments.of("postgresql://postgres@127.0.0.1:5432/bigr?sslmode=disable",
                        "jdbc:postgresql://127.0.0.1:5432/bigr?sslmode=disable&reWriteBatchedInserts=true", "postgres",
                        null, Dialect.POSTGRESQL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void converts(String input, String url, String user, String password, Dialect dialect) {
        DatabaseUrls.Jdbc jdbc = DatabaseUrls.normalize(input);
        assertThat(jdbc.url()).isEqualTo(url);
        assertThat(jdbc.user()).isEqualTo(user);
        assertThat(jdbc.password()).isEqualTo(password);
        assertThat(jdbc.dialect()).isEqualTo(dialect);
        assertThat(jdbc.toString()).doesNotContain(password == null ? "\u0000" : password);
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("", "database URL is empty"),
                Arguments.of("mysql://root:topsecret@db/bigr", "unsupported database URL scheme 'mysql'"),
                Arguments.of("postgresql://u:top#secret@db/bigr", "contains '#'; percent-encode it (%23)"),
                Arguments.of("postgresql://u:topsecret@/bigr", "has no host"),
                Arguments.of("postgresql://u:topsecret@db.example.com", "names no database"),
                Arguments.of("postgresql://u:top%zzsecret@db/bigr", "could not be parsed"),
                Arguments.of("postgresql://u:top secret@db/bigr", "could not be parsed"),
                Arguments.of("sqlite:///", "names no file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithAMessageThatNeverContainsThePassword(String input, String message) {
        assertThatThrownBy(() -> DatabaseUrls.normalize(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @org.junit.jupiter.api.Test
    void theFactoryLiftsCredentialsOutOfTheUrlAndPicksTheDriver() {
        BigrDataSourceFactory f = new BigrDataSourceFactory();
        f.setUrl("postgresql://neon_user:p%40ss@ep-x-pooler.eu-central-1.aws.neon.tech/neondb?channel_binding=require");
        assertThat(f.getUrl()).isEqualTo("jdbc:postgresql://ep-x-pooler.eu-central-1.aws.neon.tech/neondb"
                + "?channelBinding=require&sslmode=require&prepareThreshold=0&reWriteBatchedInserts=true");
        assertThat(f.getUser()).isEqualTo("neon_user");
        assertThat(f.getPassword()).isEqualTo("p@ss");
        assertThat(f.getDriverClass()).isEqualTo("org.postgresql.Driver");
        assertThat(f.getDialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(f.getCheckConnectionOnBorrow()).isTrue();
        assertThat(f.getValidationQuery()).contains("SELECT 1");
    }
}
