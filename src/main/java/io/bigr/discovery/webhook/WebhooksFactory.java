package io.bigr.discovery.webhook;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code webhooks:} in the configuration (docs/DOMAIN.md §8.5). {@code urls} (a YAML list or one comma-separated
 * string, {@code BIGR_WEBHOOK_URLS}) receive signed JSON events; {@code secret} ({@code BIGR_WEBHOOK_SECRET}) keys the
 * HMAC-SHA256 signature and is required when any URL is set. Off when {@code urls} is empty.
 */
public class WebhooksFactory {
    private List<String> urls = List.of();
    private String secret = "";
    @NotNull
    private Duration pollInterval = Duration.seconds(5);
    @Min(1)
    @Max(50)
    private int maxAttempts = 8;
    @NotNull
    private Duration initialBackoff = Duration.seconds(10);
    @NotNull
    private Duration maxBackoff = Duration.hours(1);
    @NotNull
    private Duration timeout = Duration.seconds(10);
    @Min(1)
    @Max(3650)
    private int certificateDays = 30;

    @JsonProperty
    public List<String> getUrls() {
        return urls;
    }

    @JsonProperty
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public void setUrls(List<String> urls) {
        this.urls = urls == null ? List.of() : urls;
    }

    @JsonProperty
    public void setSecret(String secret) {
        this.secret = secret == null ? "" : secret;
    }

    /** Never serialised back (no getter for Jackson): the secret is a credential. */
    String secret() {
        return secret;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @JsonProperty
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    @JsonProperty
    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    @JsonProperty
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    @JsonProperty
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @JsonProperty
    public int getCertificateDays() {
        return certificateDays;
    }

    @JsonProperty
    public void setCertificateDays(int certificateDays) {
        this.certificateDays = certificateDays;
    }

    /** The configured URLs, split on commas and checked; fails naming the entry's position, never its text. */
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String entry : urls) {
            for (String part : entry == null ? new String[0] : entry.split(",")) {
                String url = part.trim();
                if (url.isEmpty()) {
                    continue;
                }
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("webhooks.urls[" + i + "] is not a URL");
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new IllegalArgumentException("webhooks.urls[" + i + "] must be an http or https URL");
                }
                out.add(url);
                i++;
            }
        }
        return out;
    }

    public boolean isEnabled() {
        return !targets().isEmpty();
    }

    /** The settings as the dispatcher takes them; a URL without a secret stops start-up. */
    public WebhookSettings settings() {
        List<String> targets = targets();
        if (!targets.isEmpty() && secret.isBlank()) {
            throw new IllegalArgumentException("webhooks.secret (BIGR_WEBHOOK_SECRET) is required when webhooks.urls"
                    + " is set");
        }
        return new WebhookSettings(targets, secret, pollInterval.toJavaDuration(), maxAttempts,
                initialBackoff.toJavaDuration(), maxBackoff.toJavaDuration(), timeout.toJavaDuration(),
                certificateDays);
    }
}
