package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A registered subnet (docs/DOMAIN.md §1.7, §3.12). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Subnet(String cidr, String label, Integer vlanId, Instant lastScanned, int assetCount) {
}
