package io.bigr.discovery.auth;

import java.time.Instant;

/**
 * One configured API token, the way NetBox keeps them: the SHA-256 digest of the token (never the token), whether it
 * may write ({@code writeEnabled}; a read-only token reads only) and an optional expiry after which it is refused.
 */
public record ApiToken(byte[] sha256, boolean writeEnabled, Instant expires) {
    public ApiToken {
        sha256 = sha256.clone();
    }

    /** A read-write token that never expires: what every entry of {@code auth.tokenSha256} is. */
    public static ApiToken readWrite(byte[] sha256) {
        return new ApiToken(sha256, true, null);
    }

    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
