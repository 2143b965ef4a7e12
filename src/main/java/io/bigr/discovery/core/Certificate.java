package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A TLS certificate seen on (ip, port) (docs/DOMAIN.md §1.9, §3.14). {@code is_expired} and {@code days_until_expiry}
 * are recomputed from {@code valid_to} whenever a row is read ({@link #asOf}), not frozen at check time.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "ip", "port", "cn", "issuer", "issuer_org", "valid_from", "valid_to", "serial", "key_size",
        "key_algorithm", "is_self_signed", "is_expired", "days_until_expiry", "san", "last_checked",
        "signature_algorithm"})
public record Certificate(
        Long id,
        String ip,
        int port,
        String cn,
        String issuer,
        String issuerOrg,
        Instant validFrom,
        Instant validTo,
        String serial,
        Integer keySize,
        String keyAlgorithm,
        @JsonProperty("is_self_signed") boolean isSelfSigned,
        @JsonProperty("is_expired") boolean isExpired,
        Integer daysUntilExpiry,
        List<String> san,
        Instant lastChecked,
        String signatureAlgorithm) {

    public Certificate {
        san = san == null ? List.of() : List.copyOf(san);
    }

    /** Whole days (floor) from {@code now} to {@code validTo}; negative once expired; null when unknown. */
    public static Integer daysUntil(Instant validTo, Instant now) {
        if (validTo == null) {
            return null;
        }
        return (int) Math.floorDiv(Duration.between(now, validTo).getSeconds(), 86_400L);
    }

    /** This certificate with expiry facts recomputed at {@code now}. */
    public Certificate asOf(Instant now) {
        Integer days = validTo == null ? daysUntilExpiry : daysUntil(validTo, now);
        boolean expired = validTo == null ? isExpired : now.isAfter(validTo);
        return new Certificate(id, ip, port, cn, issuer, issuerOrg, validFrom, validTo, serial, keySize, keyAlgorithm,
                isSelfSigned, expired, days, san, lastChecked, signatureAlgorithm);
    }
}
