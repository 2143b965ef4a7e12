package io.bigr.discovery.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/**
 * {@code inventory:} in the configuration: when a missed asset counts as gone (docs/DOMAIN.md §3.15). A value out of
 * range fails start-up naming the field.
 * <pre>
 * inventory:
 *   goneAfterMisses: 3      # consecutive misses by completed scans that covered the asset (1..1000)
 *   goneAfterAge: 30 days   # or at a miss when last seen this long ago; null = no age limit
 * </pre>
 */
public class PresenceFactory {
    @Min(1)
    @Max(1000)
    private int goneAfterMisses = InventoryStore.Presence.DEFAULT.goneAfterMisses();

    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration goneAfterAge = Duration.days(InventoryStore.Presence.DEFAULT.goneAfterAge().toDays());

    @JsonProperty
    public int getGoneAfterMisses() {
        return goneAfterMisses;
    }

    @JsonProperty
    public void setGoneAfterMisses(int goneAfterMisses) {
        this.goneAfterMisses = goneAfterMisses;
    }

    @JsonProperty
    public Duration getGoneAfterAge() {
        return goneAfterAge;
    }

    @JsonProperty
    public void setGoneAfterAge(Duration goneAfterAge) {
        this.goneAfterAge = goneAfterAge;
    }

    public InventoryStore.Presence build() {
        return new InventoryStore.Presence(goneAfterMisses, goneAfterAge == null ? null : goneAfterAge.toJavaDuration());
    }
}
