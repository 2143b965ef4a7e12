package io.bigr.discovery.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
