package io.bigr.discovery.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One entry of {@code auth.tokens}:
 * <pre>
 * auth:
 *   tokens:
 *     - sha256: 4c5dc9b7...          # bigr token new prints it
 *       writeEnabled: false          # read-only (default true)
 *       expires: 2027-01-01T00:00:00Z  # optional; refused from then on
 * </pre>
 */
public class TokenEntry {
    private String sha256;
    private boolean writeEnabled = true;
    private Instant expires;

    @JsonProperty
    public String getSha256() {
        return sha256;
    }

    @JsonProperty
    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    @JsonProperty
    public boolean isWriteEnabled() {
        return writeEnabled;
    }

    @JsonProperty
    public void setWriteEnabled(boolean writeEnabled) {
        this.writeEnabled = writeEnabled;
    }

    @JsonProperty
    public Instant getExpires() {
        return expires;
    }

    @JsonProperty
    public void setExpires(Instant expires) {
        this.expires = expires;
    }
}
