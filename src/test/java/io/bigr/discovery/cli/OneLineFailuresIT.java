package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.testing.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failures that used to print a stack trace before their one-line error (docs/DOMAIN.md §7): a database that does not
 * answer ({@code bigr db status}, a store command) and a server whose port is taken. Each is the real {@code bigr}
 * in its own JVM; only loopback addresses are used (a closed port this test holds no listener on, and a port it
 * occupies itself).
 */
class OneLineFailuresIT {
    private static void oneLine(Cli.Result r, String expected) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(r.toString()).noneMatch(l -> l.startsWith("!") || l.startsWith("\tat ")
                || l.contains("Exception:"));
        assertThat(lines.stream().filter(l -> l.startsWith("Error: ")).toList()).as(r.toString()).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).startsWith("Error: " + expected);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLine() throws IOException {
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:" + closedPort()
                + "/bigr?sslmode=disable", "HOME", Files.createTempDirectory("bigr-home").toString());
        oneLine(Cli.run(env, "db", "status", Cli.repoFile("config.yml")), "cannot connect to the database");
        oneLine(Cli.run(env, "history", Cli.repoFile("config.yml")), "cannot connect to the database");
    }

    @Test
    void aBrokenConfigurationFileIsOneLine() throws IOException {
        Path home = Files.createTempDirectory("bigr-home");
        Path config = home.resolve("broken.yml");
        Files.writeString(config, "server:\n  type: simple\n  connector: [\n");
        Cli.Result r = Cli.run(Map.of("HOME", home.toString()), "check", config.toString());
        oneLine(r, config.toString());
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("Malformed YAML at line: 3");
    }

    @Test
    void aServerWhosePortIsTakenIsOneLine() throws IOException {
        Path home = Files.createTempDirectory("bigr-home");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Map<String, String> env = Map.of("BIGR_DB", "sqlite:///" + home.resolve("bigr.db"), "HOME",
                    home.toString(), "PORT", String.valueOf(taken.getLocalPort()));
            Cli.Result r = Cli.run(env, "server");
            oneLine(r, "cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
            assertThat(r.err()).contains("set PORT");
        }
    }
}
