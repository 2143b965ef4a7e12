package io.bigr.discovery.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCommandTest {
    static String run(String action, String stdin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TokenCommand.run(action, true, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hashIsSha256OfStdinWithoutTrailingNewline() throws Exception {
        assertThat(run("hash", "test-token\n"))
                .isEqualTo("4c5dc9b7708905f77f5e5d16316b5dfb425e68cb326dcd55a860e90a7707031e\n");
        assertThatThrownBy(() -> run("hash", "\n")).hasMessageContaining("no token");
    }

    @Test
    void newTokenVerifiesAgainstItsOwnDigest() throws Exception {
        String[] lines = run("new", "").split("\n");
        assertThat(lines[0]).hasSizeGreaterThanOrEqualTo(43);
        BearerTokenFilter filter = new BearerTokenFilter(true, List.of(HexFormat.of().parseHex(lines[1])));
        assertThat(filter.accepted(lines[0])).isTrue();
        assertThat(filter.accepted(lines[0] + "x")).isFalse();
        assertThat(filter.accepted("")).isFalse();
    }

    @Test
    void aReadOnlyExpiringTokenComesWithTheConfigurationEntryThatMakesItSo() throws Exception {
        Instant now = Instant.parse("2026-12-02T06:00:00.123Z");
        TokenCommand.Scope scope = new TokenCommand.Scope(true, TokenCommand.expires("90 days", now));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TokenCommand.run("new", false, scope, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        String token = lines[0].substring("token:  ".length());
        String entry = String.join("\n", java.util.Arrays.copyOfRange(lines, 3, lines.length));
        assertThat(entry).isEqualTo("  - sha256: " + TokenCommand.digest(token) + "\n    writeEnabled: false\n"
                + "    expires: 2027-03-02T06:00:00Z");

        // The entry, pasted under auth.tokens, makes a token the server accepts for reads only, until then.
        TokenEntry parsed = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).findAndRegisterModules()
                .readValue(entry.replaceFirst("^  - ", "").replace("\n    ", "\n"), TokenEntry.class);
        assertThat(parsed.getSha256()).isEqualTo(TokenCommand.digest(token));
        assertThat(parsed.isWriteEnabled()).isFalse();
        assertThat(parsed.getExpires()).isEqualTo(Instant.parse("2027-03-02T06:00:00Z"));
    }

    @Test
    void expiresTakesAnInstantOrADurationAndRefusesThePastAndNonsense() {
        Instant now = Instant.parse("2026-12-02T06:00:00Z");
        assertThat(TokenCommand.expires(null, now)).isNull();
        assertThat(TokenCommand.expires("2027-01-01T00:00:00Z", now)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(TokenCommand.expires("12 hours", now)).isEqualTo(Instant.parse("2026-12-02T18:00:00Z"));
        assertThatThrownBy(() -> TokenCommand.expires("2020-01-01T00:00:00Z", now))
                .hasMessage("--expires: 2020-01-01T00:00:00Z is not in the future");
        assertThatThrownBy(() -> TokenCommand.expires("soon", now)).hasMessageStartingWith("--expires: 'soon' is neither");
    }

    @Test
    void aPlainNewTokenPrintsNoConfigurationEntry() throws Exception {
        assertThat(run("new", "").split("\n")).hasSize(2);
    }

    @Test
    void configuredDigestsAreValidatedWithoutEchoingThem() {
        AuthFactory f = new AuthFactory();
        f.setTokenSha256(List.of("4c5dc9b7708905f77f5e5d16316b5dfb425e68cb326dcd55a860e90a7707031e, "
                + "4C5DC9B7708905F77F5E5D16316B5DFB425E68CB326DCD55A860E90A7707031E", ""));
        assertThat(f.digests()).hasSize(2);
        f.setTokenSha256(List.of("s3cret-token-in-plain-text"));
        assertThatThrownBy(f::digests).hasMessageContaining("auth.tokenSha256[0]")
                .hasMessageNotContaining("s3cret");
    }
}
