package io.bigr.discovery.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bigr} as a user would: a separate JVM on the test classpath, with its own environment, so exit codes,
 * stdout and stderr are the real ones (an in-process command would System.exit the test JVM on failure).
 */
public final class Cli {
    private static final long TIMEOUT_SECONDS = 120;

    private Cli() {
    }

    /** Exit code and the two output streams of one run. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static Result run(Map<String, String> env, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Duser.timezone=UTC",
                "-cp", classpath, "io.bigr.discovery.BigrApplication"));
        command.addAll(List.of(args));
        try {
            File out = File.createTempFile("bigr-cli", ".out");
            File err = File.createTempFile("bigr-cli", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
                pb.environment().remove("DATABASE_URL");
                pb.environment().putAll(env);
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("bigr " + String.join(" ", args) + " did not finish in "
                            + TIMEOUT_SECONDS + " s");
                }
                return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                        Files.readString(err.toPath(), StandardCharsets.UTF_8));
            } finally {
                out.delete();
                err.delete();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Environment that points a command at {@code db} as a user would: SQLite through the packaged default
     * configuration with BIGR_DB, PostgreSQL through config.yml with a libpq-style DATABASE_URL.
     */
    public static Map<String, String> env(TestDb db) {
        if (db.dialect() == io.bigr.discovery.db.Dialect.SQLITE) {
            return Map.of("BIGR_DB", db.url());
        }
        String name = db.url().substring(db.url().lastIndexOf('/') + 1);
        return Map.of("DATABASE_URL", "postgresql://" + TestDb.PG_USER + "@127.0.0.1:5432/" + name + "?sslmode=disable");
    }

    /** Config-file arguments for {@code db}: none (the packaged default) for SQLite, config.yml for PostgreSQL. */
    public static List<String> config(TestDb db) {
        return db.dialect() == io.bigr.discovery.db.Dialect.SQLITE ? List.of() : List.of(repoFile("config.yml"));
    }

    /** Path of a repository-root file (config.yml, config-local.yml) for use as a config argument. */
    public static String repoFile(String name) {
        return Path.of(System.getProperty("user.dir"), name).toString();
    }

    /**
     * Runs {@code bigr args...} against {@code db} as a user would (its environment and config argument), with
     * {@code home} as HOME so the outbox and default files stay inside the test.
     */
    public static Result run(TestDb db, Path home, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(config(db));
        Map<String, String> env = new java.util.HashMap<>(env(db));
        env.put("HOME", home.toString());
        return run(env, all.toArray(String[]::new));
    }
}
