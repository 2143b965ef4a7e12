package io.bigr.discovery.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/**
 * {@code retention:} in the configuration: how long per-scan snapshots are kept (docs/DOMAIN.md §3.16). A value out
 * of range fails start-up naming the field.
 * <pre>
 * retention:
 *   keepFor: 90 days     # snapshots younger than this are kept
 *   keepPerAsset: 10     # and each asset's newest N (1..100000); an asset's latest is always kept
 *   every: 24h           # how often the server's scheduler prunes; null = only `bigr prune`
 * </pre>
 */
public class RetentionFactory {
    @MinDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration keepFor = Duration.days(90);

    @Min(1)
    @Max(100_000)
    private int keepPerAsset = 10;

    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration every;

    @JsonProperty
    public Duration getKeepFor() {
        return keepFor;
    }

    @JsonProperty
    public void setKeepFor(Duration keepFor) {
        this.keepFor = keepFor == null ? Duration.days(90) : keepFor;
    }

    @JsonProperty
    public int getKeepPerAsset() {
        return keepPerAsset;
    }

    @JsonProperty
    public void setKeepPerAsset(int keepPerAsset) {
        this.keepPerAsset = keepPerAsset;
    }

    @JsonProperty
    public Duration getEvery() {
        return every;
    }

    @JsonProperty
    public void setEvery(Duration every) {
        this.every = every;
    }

    /** The interval of the scheduled prune, or null when only {@code bigr prune} prunes. */
    public java.time.Duration interval() {
        return every == null ? null : every.toJavaDuration();
    }

    public SnapshotRetention.Policy policy() {
        return new SnapshotRetention.Policy(keepFor.toJavaDuration(), keepPerAsset);
    }
}
