package io.bigr.discovery.auth;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr token new}: prints a fresh random API token and the SHA-256 digest to configure
 * ({@code BIGR_API_TOKEN_SHA256} or {@code auth.tokenSha256}). {@code bigr token hash}: prints the digest of a token
 * read from standard input (trailing newline ignored), so the token never appears in the shell history.
 */
public class TokenCommand extends Command {
    static final String ACTION = "action";

    public TokenCommand() {
        super("token", "Make API tokens and their SHA-256 digests for auth.tokenSha256");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument(ACTION).choices("new", "hash")
                .help("new: generate a token and its digest; hash: digest of the token on stdin");
        subparser.addArgument("--quiet").action(Arguments.storeTrue()).help("print only the value(s), no labels");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws IOException {
        run(namespace.getString(ACTION), Boolean.TRUE.equals(namespace.getBoolean("quiet")), System.in, System.out);
    }

    static void run(String action, boolean quiet, InputStream in, PrintStream out) throws IOException {
        if ("new".equals(action)) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            out.println(quiet ? token : "token:  " + token);
            out.println(quiet ? digest(token) : "sha256: " + digest(token));
            return;
        }
        String token = strip(readAll(in));
        if (token.isEmpty()) {
            throw new IllegalArgumentException("no token on standard input");
        }
        out.println(digest(token));
    }

    public static String digest(String token) {
        return HexFormat.of().formatHex(BearerTokenFilter.sha256(token));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String strip(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
