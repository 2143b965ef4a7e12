package io.bigr.discovery.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;

/**
 * The configured API tokens and the one check of an {@code Authorization} header, shared by the API filter and the
 * admin filter. The presented token is hashed with SHA-256 and compared with every configured digest using
 * {@link MessageDigest#isEqual} (constant time; all digests are always compared), so timing reveals neither which
 * digest nor how much of it matched. Tokens are never logged.
 */
public final class Tokens {
    private static final String PREFIX = "Bearer ";

    /** What a request's header amounts to. */
    public enum Verdict { MISSING, INVALID, EXPIRED, READ_ONLY, OK }

    private final List<ApiToken> tokens;
    private final Clock clock;

    public Tokens(List<ApiToken> tokens, Clock clock) {
        this.tokens = List.copyOf(tokens);
        this.clock = clock;
    }

    /** The verdict on {@code header} (may be null) for a read, or for a write when {@code write}. */
    public Verdict check(String header, boolean write) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Verdict.MISSING;
        }
        String token = header.substring(PREFIX.length()).trim();
        byte[] presented = BearerTokenFilter.sha256(token);
        ApiToken match = null;
        for (ApiToken t : tokens) {
            if (MessageDigest.isEqual(presented, t.sha256()) && (match == null || t.writeEnabled())) {
                match = t;
            }
        }
        if (match == null || token.isEmpty()) {
            return Verdict.INVALID;
        }
        if (match.expiredAt(clock.instant())) {
            return Verdict.EXPIRED;
        }
        return write && !match.writeEnabled() ? Verdict.READ_ONLY : Verdict.OK;
    }
}
