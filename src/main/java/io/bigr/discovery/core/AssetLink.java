package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A MAC and address linked to an asset (docs/DOMAIN.md §3.17): {@code source} is {@code auto} (a rotated randomised
 * MAC, with the confidence and the signals that agreed), {@code merge} (a user merged a row into the asset) or
 * {@code split} (a user split this MAC off; it is never linked to the asset again).
 */
public record AssetLink(@JsonProperty("asset_id") String assetId, String mac, String ip, String source,
                        Double confidence, String signals, @JsonProperty("linked_at") Instant linkedAt) {
}
