package io.bigr.discovery.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * The API token a client command sends to a server ({@code bigr scan --server}, {@code bigr outbox send}), from
 * {@code --token-file FILE} (the first line; a file only its owner can read), else the environment variable
 * {@code BIGR_TOKEN}. {@code --token T} still works for earlier scripts but puts the token where every user of the
 * machine can read it ({@code ps}, shell history), so it prints a warning.
 */
public final class ClientToken {
    public static final String ENV = "BIGR_TOKEN";
    static final String TOKEN = "token";
    static final String TOKEN_FILE = "token_file";

    private static final java.util.concurrent.atomic.AtomicBoolean WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private ClientToken() {
    }

    /** Adds {@code --token-file} and the kept {@code --token}. */
    static void addArguments(ArgumentParser p) {
        p.addArgument("--token-file").dest(TOKEN_FILE).metavar("FILE")
                .help("read the API token from FILE (or set " + ENV + ")");
        p.addArgument("--token").dest(TOKEN).help("API token (visible to other users in ps; prefer --token-file or "
                + ENV + ")");
    }

    /** The token, or null when none is given; a bad token file is a usage error. */
    static String resolve(Namespace ns, Map<String, String> env, PrintStream err) {
        String file = ns.getString(TOKEN_FILE);
        if (file != null) {
            return fromFile(Path.of(file));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String given = ns.getString(TOKEN);
        if (given != null && !given.isBlank()) {
            if (!WARNED.getAndSet(true)) {
                err.println("warning: --token is visible to other users (ps, shell history); use --token-file or " + ENV);
            }
            return given.trim();
        }
        return null;
    }

    static String fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw CliException.usage("--token-file: cannot read " + file);
        }
        String token = text.lines().findFirst().orElse("").trim();
        if (token.isEmpty()) {
            throw CliException.usage("--token-file: " + file + " holds no token");
        }
        return token;
    }
}
