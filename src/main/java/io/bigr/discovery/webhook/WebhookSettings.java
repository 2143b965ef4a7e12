package io.bigr.discovery.webhook;

import java.time.Duration;
import java.util.List;

/**
 * What the dispatcher runs with. {@link #toString} leaves the secret out, so a settings object in a log line or an
 * exception message never carries it.
 */
public record WebhookSettings(List<String> urls, String secret, Duration pollInterval, int maxAttempts,
                              Duration initialBackoff, Duration maxBackoff, Duration timeout, int certificateDays) {
    public WebhookSettings {
        urls = List.copyOf(urls);
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failed ones: doubling, capped. */
    public Duration backoff(int attempt) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    @Override
    public String toString() {
        return "WebhookSettings[urls=" + urls.size() + ", maxAttempts=" + maxAttempts + "]";
    }
}
