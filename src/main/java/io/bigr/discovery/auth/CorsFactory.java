package io.bigr.discovery.auth;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cors:} in the configuration: the browser origins (scheme://host[:port]) allowed to call the API, e.g. the
 * production front-end served from another origin. A list, or one comma-separated string
 * ({@code allowedOrigins: ${BIGR_CORS_ORIGINS:-}}). {@code *} allows every origin. Empty: no CORS headers at all.
 */
public class CorsFactory {
    private List<String> allowedOrigins = List.of();
    private List<String> allowedMethods = List.of("GET", "POST", "PUT", "DELETE", "OPTIONS");
    private List<String> allowedHeaders = List.of("Authorization", "Content-Type", "Accept");
    private int maxAgeSeconds = 600;

    @JsonProperty
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    @JsonProperty
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins;
    }

    @JsonProperty
    public List<String> getAllowedMethods() {
        return allowedMethods;
    }

    @JsonProperty
    public void setAllowedMethods(List<String> allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @JsonProperty
    public List<String> getAllowedHeaders() {
        return allowedHeaders;
    }

    @JsonProperty
    public void setAllowedHeaders(List<String> allowedHeaders) {
        this.allowedHeaders = allowedHeaders;
    }

    @JsonProperty
    public int getMaxAgeSeconds() {
        return maxAgeSeconds;
    }

    @JsonProperty
    public void setMaxAgeSeconds(int maxAgeSeconds) {
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** Origins with comma-separated entries split and blanks dropped. */
    public List<String> origins() {
        List<String> out = new ArrayList<>();
        for (String entry : allowedOrigins) {
            if (entry != null) {
                for (String part : entry.split(",")) {
                    String o = part.trim();
                    if (!o.isEmpty()) {
                        out.add(o.endsWith("/") ? o.substring(0, o.length() - 1) : o);
                    }
                }
            }
        }
        return out;
    }

    public CorsFilter build() {
        return new CorsFilter(origins(), allowedMethods, allowedHeaders, maxAgeSeconds);
    }
}
