package io.bigr.discovery.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token scopes and expiry (read-only / read-write, expires), and the configuration forms that declare them. */
class TokensTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    static byte[] d(String token) {
        return BearerTokenFilter.sha256(token);
    }

    @Test
    void scopesAndExpiryDecideReadsAndWrites() {
        Tokens tokens = new Tokens(List.of(ApiToken.readWrite(d("rw")), new ApiToken(d("ro"), false, null),
                new ApiToken(d("old"), true, NOW.minusSeconds(1)), new ApiToken(d("soon"), true, NOW.plusSeconds(60)),
                new ApiToken(d("now"), true, NOW)), clock);
        assertThat(tokens.check("Bearer rw", true)).isEqualTo(Tokens.Verdict.OK);
        assertThat(tokens.check("bearer rw", false)).isEqualTo(Tokens.Verdict.OK);
        assertThat(tokens.check("Bearer ro", false)).isEqualTo(Tokens.Verdict.OK);
        assertThat(tokens.check("Bearer ro", true)).isEqualTo(Tokens.Verdict.READ_ONLY);
        assertThat(tokens.check("Bearer old", false)).isEqualTo(Tokens.Verdict.EXPIRED);
        assertThat(tokens.check("Bearer now", false)).as("expires is the first refused instant")
                .isEqualTo(Tokens.Verdict.EXPIRED);
        assertThat(tokens.check("Bearer soon", true)).isEqualTo(Tokens.Verdict.OK);
        assertThat(tokens.check("Bearer nope", false)).isEqualTo(Tokens.Verdict.INVALID);
        assertThat(tokens.check("Bearer ", false)).isEqualTo(Tokens.Verdict.INVALID);
        assertThat(tokens.check(null, false)).isEqualTo(Tokens.Verdict.MISSING);
        assertThat(tokens.check("Basic cnc6cnc=", true)).isEqualTo(Tokens.Verdict.MISSING);
    }

    @Test
    void theSameDigestAsReadOnlyAndReadWriteIsReadWrite() {
        Tokens tokens = new Tokens(List.of(new ApiToken(d("t"), false, null), ApiToken.readWrite(d("t"))), clock);
        assertThat(tokens.check("Bearer t", true)).isEqualTo(Tokens.Verdict.OK);
    }

    @Test
    void everyConfigurationFormIsRead() throws Exception {
        AuthFactory f = Json.MAPPER.readValue("""
                {"required": true,
                 "tokenSha256": "%s, %s",
                 "readOnlyTokenSha256": "%s",
                 "tokens": [{"sha256": "%s", "writeEnabled": false, "expires": "2026-07-01T00:00:00Z"},
                            {"sha256": "%s", "expires": "2026-01-01T00:00:00Z"}]}"""
                .formatted(TokenCommand.digest("a"), TokenCommand.digest("b"), TokenCommand.digest("c"),
                        TokenCommand.digest("d"), TokenCommand.digest("e")), AuthFactory.class);
        Tokens tokens = new Tokens(f.apiTokens(), clock);
        assertThat(tokens.check("Bearer a", true)).isEqualTo(Tokens.Verdict.OK);
        assertThat(tokens.check("Bearer b", true)).isEqualTo(Tokens.Verdict.OK);
        assertThat(tokens.check("Bearer c", true)).isEqualTo(Tokens.Verdict.READ_ONLY);
        assertThat(tokens.check("Bearer c", false)).isEqualTo(Tokens.Verdict.OK);
        assertThat(tokens.check("Bearer d", true)).isEqualTo(Tokens.Verdict.READ_ONLY);
        assertThat(tokens.check("Bearer e", false)).isEqualTo(Tokens.Verdict.EXPIRED);
    }

    @Test
    void aBadEntryIsNamedButNeverPrinted() throws Exception {
        AuthFactory f = Json.MAPPER.readValue("{\"tokens\": [{\"sha256\": \"secret-not-a-digest\"}]}",
                AuthFactory.class);
        assertThatThrownBy(f::apiTokens).hasMessageStartingWith("auth.tokens[0].sha256 is not a SHA-256 hex digest")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-not-a-digest"));
        AuthFactory g = Json.MAPPER.readValue("{\"readOnlyTokenSha256\": \"abc\"}", AuthFactory.class);
        assertThatThrownBy(g::apiTokens).hasMessageStartingWith("auth.readOnlyTokenSha256[0] is not");
    }
}
