package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelled configuration key stops {@code bigr check} and {@code bigr server} with one line naming it (a security
 * setting must never be silently off); the shipped configurations still pass.
 */
class ConfigKeysIT {
    @TempDir
    Path dir;

    @Test
    void unknownKeysAreNamedInOneLine() throws Exception {
        Map<String, String> env = Map.of("HOME", dir.toString(), "BIGR_DB", "sqlite:///" + dir.resolve("b.db"));
        String[][] cases = {
            {"auth:\n  requierd: true\n", "auth.requierd", "required"},
            {"database:\n  url: sqlite:///x.db\n  migrateOnStrat: true\n", "database.migrateOnStrat", "migrateOnStart"},
            {"schedule:\n  enabeld: true\n", "schedule.enabeld", "enabled"},
        };
        for (String[] c : cases) {
            Path yml = dir.resolve("c.yml");
            Files.writeString(yml, c[0]);
            Cli.Result r = Cli.run(env, "check", yml.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err().strip()).as(r.toString()).isEqualTo("Error: " + yml + ": unknown configuration key "
                    + c[1] + " (did you mean " + c[2] + "?)");
        }
        Path yml = dir.resolve("s.yml");
        Files.writeString(yml, "auth:\n  requierd: true\n");
        Cli.Result server = Cli.run(env, "server", yml.toString());
        assertThat(server.exit()).isEqualTo(1);
        assertThat(server.err()).contains("unknown configuration key auth.requierd").doesNotContain("\tat ");
    }

    @Test
    void theShippedConfigurationsPass() {
        Map<String, String> env = Map.of("HOME", dir.toString(), "DATABASE_URL", "postgresql://u@127.0.0.1/x",
                "BIGR_DB", "sqlite:///" + dir.resolve("b.db"));
        for (String config : new String[] {"config.yml", "config-local.yml"}) {
            Cli.Result r = Cli.run(env, "check", Cli.repoFile(config));
            assertThat(r.exit()).as(config + "\n" + r).isZero();
        }
    }
}
