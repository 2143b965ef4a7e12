package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.BigrApplication;
import io.bigr.discovery.testing.LegacyStore;
import io.bigr.discovery.testing.TestDb;
import io.bigr.discovery.transfer.TransferReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code bigr transfer} as a user meets it: defaults, the printed report, exit codes, and no password anywhere. */
class TransferCommandIT {
    private static final String BAD_ROW = "INSERT INTO asset_changes (id, asset_id, scan_id, change_type, detected_at)"
            + " VALUES (41, '" + LegacyStore.A2 + "', '" + LegacyStore.S2 + "', 'new_asset', 'yesterday')";
    private final List<TestDb> opened = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void close() throws Exception {
        for (TestDb db : opened) {
            db.close();
        }
    }

    private TestDb open(TestDb db) {
        opened.add(db);
        return db;
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private TransferReport run(Map<String, String> env, String from, String to, boolean dryRun, int batch)
            throws Exception {
        return new TransferCommand(env::get).transfer(from, to, dryRun, batch,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    /** Local PostgreSQL trusts any password, so a secret in the URL is accepted and must never be printed. */
    private static String urlWithPassword(TestDb pg) {
        return pg.url().replace("jdbc:postgresql://", "postgresql://postgres:hunter2-s3cret@") + "?sslmode=disable";
    }

    @Test
    void copiesToDatabaseUrlByDefaultPrintsTheReportAndNeverThePassword() throws Exception {
        TestDb file = open(TestDb.sqlite());
        LegacyStore.create(file.url(), true, List.of());
        TestDb pg = open(TestDb.postgres());

        TransferReport report = run(Map.of("DATABASE_URL", urlWithPassword(pg)), file.url(), null, false, 500);

        assertThat(report.inserted()).isEqualTo(17);
        assertThat(output()).doesNotContain("hunter2-s3cret")
                .contains("Target: jdbc:postgresql://127.0.0.1:5432/")
                .contains("(user postgres)")
                .containsPattern("scan_assets +4 +4 +0 +0 +0 -> 4 +ok")
                .contains("Transfer complete: 17 row(s) inserted, counts verified.");

        out.reset();
        run(Map.of(), file.url(), urlWithPassword(pg), false, 500);
        assertThat(output()).containsPattern("assets +3 +0 +3 +0 +3 -> 3 +ok")
                .contains("skipped assets x3: already in the target");
    }

    @Test
    void aRowThatFailsIsListedWithItsKeyAndTheCommandFails() throws Exception {
        TestDb file = open(TestDb.sqlite());
        LegacyStore.create(file.url(), true, List.of(BAD_ROW));
        TestDb target = open(TestDb.sqlite());

        assertThatThrownBy(() -> run(Map.of(), file.url(), target.url(), false, 2))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("transfer finished with 1 failed row(s); see above");
        assertThat(output())
                .contains("FAILED asset_changes id=41: detected_at: not an ISO-8601 timestamp: 'yesterday'")
                .containsPattern("asset_changes +5 +4 +0 +1 +0 -> 4 +ok");
    }

    @Test
    void usageAndUrlErrorsAreOneLineWithoutSecrets() {
        assertThatThrownBy(() -> run(Map.of(), "sqlite:///x.db", null, false, 500))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("no target database: pass --to URL or set DATABASE_URL");
        assertThatThrownBy(() -> run(Map.of(), "sqlite:///x.db", "sqlite:///y.db", false, 0))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("--batch must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> run(Map.of(), "sqlite:///x.db", "mysql://root:hunter2-s3cret@db/bigr", false, 10))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageStartingWith("--to: unsupported database URL scheme 'mysql'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    /** The real executable path: main class, argument parsing, default source in ~/.bigr, exit codes, stderr. */
    @Test
    void asAProcessTheDefaultSourceIsTheHomeFileAndFailuresExitNonZero() throws Exception {
        Path home = Files.createTempDirectory("bigr-home-");
        Files.createDirectories(home.resolve(".bigr"));
        LegacyStore.create("jdbc:sqlite:" + home.resolve(".bigr/bigr.db"), false, List.of(BAD_ROW));
        TestDb target = open(TestDb.sqlite());

        Result dry = bigr(home, "transfer", "--dry-run");
        assertThat(dry.exit()).as(dry.output()).isEqualTo(1);
        assertThat(dry.output()).contains("Source: jdbc:sqlite:" + home.resolve(".bigr/bigr.db"))
                .contains("Dry run complete: nothing written.")
                .contains("FAILED asset_changes id=41")
                .contains("Error: transfer finished with 1 failed row(s); see above")
                .doesNotContain("Exception", "\tat ");

        Result copy = bigr(home, "transfer", "--to", target.url(), "--batch", "3");
        assertThat(copy.exit()).as(copy.output()).isEqualTo(1);
        assertThat(copy.output()).containsPattern("scans +2 +2 +0 +0 +0 -> 2 +ok");

        Result missing = bigr(home, "transfer", "--from", "sqlite:///" + home.resolve("nope.db"), "--to", target.url());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output()).contains("Error: source database not found: " + home.resolve("nope.db"))
                .doesNotContain("\tat ");
        assertThat(home.resolve("nope.db")).doesNotExist();
    }

    private record Result(int exit, String output) {
    }

    private static Result bigr(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-cp",
                System.getProperty("java.class.path"), BigrApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DATABASE_URL");
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
