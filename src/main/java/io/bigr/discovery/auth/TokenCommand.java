package io.bigr.discovery.auth;

import io.dropwizard.core.cli.Command;
import io.bigr.discovery.core.InputBounds;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.Duration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr token new}: prints a fresh random API token and the SHA-256 digest to configure
 * ({@code BIGR_API_TOKEN_SHA256} or {@code auth.tokenSha256}); with {@code --read-only} and/or {@code --expires} it
 * prints the {@code auth.tokens} entry to paste instead (see {@link TokenEntry}). {@code bigr token hash}: prints the
 * digest of a token read from standard input (trailing newline ignored), so the token never appears in the shell
 * history.
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
        subparser.addArgument("--read-only").dest("read_only").action(Arguments.storeTrue())
                .help("new: a token that may read but not write (an auth.tokens entry with writeEnabled: false)");
        subparser.addArgument("--expires").metavar("WHEN")
                .help("new: refused from then on: a duration from now ('90 days', '12 hours') or an instant "
                        + "(2027-01-01T00:00:00Z)");
    }

    /** What {@code token new} makes: read-only or not, and when it stops being accepted (null: never). */
    record Scope(boolean readOnly, Instant expires) {
        static final Scope FULL = new Scope(false, null);

        boolean plain() {
            return !readOnly && expires == null;
        }
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws IOException {
        Scope scope = new Scope(Boolean.TRUE.equals(namespace.getBoolean("read_only")),
                expires(namespace.getString("expires"), Instant.now()));
        if ("hash".equals(namespace.getString(ACTION)) && !scope.plain()) {
            throw new IllegalArgumentException("--read-only and --expires go with 'token new', not 'token hash'");
        }
        run(namespace.getString(ACTION), Boolean.TRUE.equals(namespace.getBoolean("quiet")), scope, System.in,
                System.out);
    }

    /** {@code --expires}: an ISO instant, or a Dropwizard duration ('90 days') counted from {@code now}. */
    static Instant expires(String text, Instant now) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        Instant when;
        try {
            when = t.matches("\\d{4}-.*") ? Instant.parse(t) : now.plus(Duration.parse(t).toJavaDuration());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("--expires: " + InputBounds.quote(t)
                    + " is neither a duration such as '90 days' nor an instant such as 2027-01-01T00:00:00Z");
        }
        if (!when.isAfter(now)) {
            throw new IllegalArgumentException("--expires: " + when + " is not in the future");
        }
        return when.truncatedTo(ChronoUnit.SECONDS);
    }

    static void run(String action, boolean quiet, InputStream in, PrintStream out) throws IOException {
        run(action, quiet, Scope.FULL, in, out);
    }

    static void run(String action, boolean quiet, Scope scope, InputStream in, PrintStream out) throws IOException {
        if ("new".equals(action)) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            out.println(quiet ? token : "token:  " + token);
            out.println(quiet ? digest(token) : "sha256: " + digest(token));
            if (!scope.plain()) {
                if (!quiet) {
                    out.println("add to the server's configuration (auth.tokens):");
                }
                out.println("  - sha256: " + digest(token));
                out.println("    writeEnabled: " + !scope.readOnly());
                if (scope.expires() != null) {
                    out.println("    expires: " + scope.expires());
                }
            }
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
