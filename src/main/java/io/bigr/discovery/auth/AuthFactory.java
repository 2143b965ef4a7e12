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
 * <p>Scopes and expiry, the way NetBox has them: {@code tokenSha256} entries are read-write tokens that never expire
 * (as in every earlier release); {@code readOnlyTokenSha256} ({@code BIGR_API_READONLY_TOKEN_SHA256}) lists read-only
 * ones; {@code tokens} gives each token its own {@code writeEnabled} and {@code expires} ({@link TokenEntry}).
 *
 * <p>Writes always need a valid write-enabled token; reads need a valid token too when {@code required} is true. With
 * no token configured, every write is refused. An expired token is refused like an unknown one.
 */
public class AuthFactory {
    private boolean required = true;
    private List<String> tokenSha256 = List.of();
    private List<String> readOnlyTokenSha256 = List.of();
    private List<TokenEntry> tokens = List.of();

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

    @JsonProperty
    public List<String> getReadOnlyTokenSha256() {
        return readOnlyTokenSha256;
    }

    @JsonProperty
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public void setReadOnlyTokenSha256(List<String> readOnlyTokenSha256) {
        this.readOnlyTokenSha256 = readOnlyTokenSha256 == null ? List.of() : readOnlyTokenSha256;
    }

    @JsonProperty
    public List<TokenEntry> getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(List<TokenEntry> tokens) {
        this.tokens = tokens == null ? List.of() : tokens;
    }

    /** Every configured token with its scope and expiry; fails naming the bad entry, never printing it. */
    public List<ApiToken> apiTokens() {
        List<ApiToken> out = new ArrayList<>();
        digests(tokenSha256, "auth.tokenSha256").forEach(d -> out.add(ApiToken.readWrite(d)));
        digests(readOnlyTokenSha256, "auth.readOnlyTokenSha256").forEach(d -> out.add(new ApiToken(d, false, null)));
        for (int i = 0; i < tokens.size(); i++) {
            TokenEntry t = tokens.get(i);
            String name = "auth.tokens[" + i + "].sha256";
            if (t == null || t.getSha256() == null || t.getSha256().isBlank()) {
                throw new IllegalArgumentException(name + " is required");
            }
            out.add(new ApiToken(parse(t.getSha256(), name), t.isWriteEnabled(), t.getExpires()));
        }
        return out;
    }

    /** The read-write digests of {@code tokenSha256} as bytes. */
    public List<byte[]> digests() {
        return digests(tokenSha256, "auth.tokenSha256");
    }

    private static List<byte[]> digests(List<String> entries, String key) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        for (String entry : entries) {
            if (entry == null) {
                continue;
            }
            for (String part : entry.split(",")) {
                String hex = part.trim().toLowerCase(Locale.ROOT);
                if (hex.isEmpty()) {
                    continue;
                }
                out.add(parse(hex, key + "[" + i + "]"));
                i++;
            }
        }
        return out;
    }

    private static byte[] parse(String digest, String name) {
        String hex = digest.trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + " is not a SHA-256 hex digest"
                    + " (64 hex characters; make one with `bigr token hash`)");
        }
        return HexFormat.of().parseHex(hex);
    }

    public Tokens tokens() {
        return new Tokens(apiTokens(), java.time.Clock.systemUTC());
    }

    public BearerTokenFilter build() {
        return new BearerTokenFilter(required, tokens());
    }
}
