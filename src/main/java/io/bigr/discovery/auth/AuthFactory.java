package io.bigr.discovery.auth;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code auth:} in the configuration. API tokens are configured only as SHA-256 hex digests (make one with
 * {@code bigr token new} or {@code bigr token hash}), so a leaked config file leaks no usable token. Entries may be
 * given as a YAML list or as one comma-separated string ({@code tokenSha256: ${BIGR_API_TOKEN_SHA256:-}}).
 *
 * <p>Writes always need a valid token; reads need one too when {@code required} is true. With no token configured,
 * every write is refused.
 */
public class AuthFactory {
    private boolean required = true;
    private List<String> tokenSha256 = List.of();

    @JsonProperty
    public boolean isRequired() {
        return required;
    }

    @JsonProperty
    public void setRequired(boolean required) {
        this.required = required;
    }

    @JsonProperty
    public List<String> getTokenSha256() {
        return tokenSha256;
    }

    @JsonProperty
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public void setTokenSha256(List<String> tokenSha256) {
        this.tokenSha256 = tokenSha256 == null ? List.of() : tokenSha256;
    }

    /** The configured digests as bytes; fails naming the bad entry (never printing it: it is still a credential). */
    public List<byte[]> digests() {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        for (String entry : tokenSha256) {
            if (entry == null) {
                continue;
            }
            for (String part : entry.split(",")) {
                String hex = part.trim().toLowerCase(Locale.ROOT);
                if (hex.isEmpty()) {
                    continue;
                }
                if (!hex.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("auth.tokenSha256[" + i + "] is not a SHA-256 hex digest"
                            + " (64 hex characters; make one with `bigr token hash`)");
                }
                out.add(HexFormat.of().parseHex(hex));
                i++;
            }
        }
        return out;
    }

    public BearerTokenFilter build() {
        return new BearerTokenFilter(required, digests());
    }
}
