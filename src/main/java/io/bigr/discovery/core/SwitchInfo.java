package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A registered SNMP switch as the API and CLI show it: no community and no v3 secret, ever. Whether credentials
 * are configured is all that is revealed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SwitchInfo(
        String host,
        String version,
        String label,
        Instant lastPolled,
        int macCount,
        String snmpUser,
        @JsonProperty("credentials_configured") boolean credentialsConfigured) {
}
