package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.BigrApplication;
import io.bigr.discovery.BigrConfiguration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bigr oui refresh|lookup} through bigr's real command line front-end ({@link BigrCli}). */
class OuiCommandTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private Optional<Throwable> run(String... args) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        Bootstrap<BigrConfiguration> bootstrap = new Bootstrap<>(new BigrApplication());
        bootstrap.addCommand(new OuiCommand(out));
        BigrCli cli = new BigrCli(bootstrap, out, new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return cli.run(args);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refreshWritesTheSnapshotFromAnIeeeCsv() throws IOException {
        Path from = dir.resolve("oui.csv");
        Files.writeString(from, """
                Registry,Assignment,Organization Name,Organization Address
                MA-L,F4BD9E,"Cisco Systems, Inc",80 West Tasman Drive San Jose CA US 94568
                MA-L,54:1F:8D,ignored (not 6 hex digits),x
                MA-L,541F8D,zte corporation,Shenzhen
                """);
        Path to = dir.resolve("snapshot.csv");
        assertThat(run("oui", "refresh", "--from", from.toString(), "--to", to.toString())).isEmpty();
        assertThat(out()).isEqualTo("Wrote 2 prefixes to " + to + " (3 IEEE CSV rows read)\n");
        assertThat(Files.readAllLines(to)).containsExactly("prefix,vendor", "54:1f:8d,zte corporation",
                "f4:bd:9e,\"Cisco Systems, Inc\"");
    }

    @Test
    void badInputIsOneLineAndNonZero() {
        Optional<Throwable> missing = run("oui", "refresh", "--from", dir.resolve("nope.csv").toString(),
                "--to", dir.resolve("s.csv").toString());
        assertThat(missing).get().isInstanceOf(CliException.class);
        assertThat(((CliException) missing.get()).exitCode()).isEqualTo(CliException.BAD_INPUT);
        assertThat(err()).isEqualTo("Error: file not found: " + dir.resolve("nope.csv") + "\n");

        stderr.reset();
        Optional<Throwable> noDir = run("oui", "refresh", "--from", "x.csv", "--to",
                dir.resolve("a/b/s.csv").toString());
        assertThat(noDir).isPresent();
        assertThat(err()).isEqualTo("Error: directory " + dir.resolve("a/b") + " does not exist; run from a source "
                + "checkout or pass --to FILE\n");
    }

    @Test
    void refreshNeedsFrom() {
        assertThat(run("oui", "refresh")).isPresent();
        assertThat(err()).contains("argument --from is required");
    }

    @Test
    void lookupPrintsTheVendor() {
        assertThat(run("oui", "lookup", "00-50-56-AA-BB-CC")).isEmpty();
        assertThat(run("oui", "lookup", "54:1f:8d:00:00:01")).isEmpty();
        assertThat(run("oui", "lookup", "3e:aa:bb:cc:dd:ee")).isEmpty();
        assertThat(out()).isEqualTo("VMware\nzte corporation\n(unknown)\n");
    }
}
