package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * {@code readCache:} in the configuration: refresh-ahead of the read cache ({@link ReadWarmer}, docs/DOMAIN.md
 * §6.14). After the data changes, the server renders again the bodies that clients read within {@code warmWindow}
 * and that took at least {@code warmSlowerThan} to render (at most four per change, one at a time), so the next
 * reader of a whole-inventory route gets it from memory. The server asks its database for the data version only
 * while such reads are recent, so an idle server (a Neon compute that may suspend) is left alone.
 * <pre>
 * readCache:
 *   warm: true
 *   warmWindow: 5 minutes
 *   warmSlowerThan: 200 milliseconds
 * </pre>
 */
public class ReadCacheFactory {
    private boolean warm = true;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.DAYS)
    private Duration warmWindow = Duration.minutes(5);

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration warmSlowerThan = Duration.milliseconds(200);

    @JsonProperty
    public boolean isWarm() {
        return warm;
    }

    @JsonProperty
    public void setWarm(boolean warm) {
        this.warm = warm;
    }

    @JsonProperty
    public Duration getWarmWindow() {
        return warmWindow;
    }

    @JsonProperty
    public void setWarmWindow(Duration warmWindow) {
        this.warmWindow = warmWindow;
    }

    @JsonProperty
    public Duration getWarmSlowerThan() {
        return warmSlowerThan;
    }

    @JsonProperty
    public void setWarmSlowerThan(Duration warmSlowerThan) {
        this.warmSlowerThan = warmSlowerThan;
    }
}
