package io.bigr.discovery.vuln;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * One CVE of the store (docs/DOMAIN.md §6.7) in its wire shape. {@code seq} is the insertion rank (not serialised):
 * matches are reported in that order.
 *
 * @param published publication date as text ({@code 2023-10-16}), or null
 * @param cpe       the representative CPE stored verbatim (seed data) or the first vulnerable criteria (NVD import)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"cve_id", "cvss_score", "severity", "description", "affected_vendor", "affected_product", "cpe",
    "published", "fix_available", "cisa_kev"})
public record CveEntry(String cveId, double cvssScore, String severity, String description, String affectedVendor,
                       String affectedProduct, String cpe, String published,
                       @JsonProperty("fix_available") boolean fixAvailable,
                       @JsonProperty("cisa_kev") boolean cisaKev,
                       @JsonIgnore long seq) {

    /** ≥ 9.0 critical, ≥ 7.0 high, ≥ 4.0 medium, &gt; 0.0 low, else none. */
    public static String severityOf(double cvss) {
        if (cvss >= 9.0) {
            return "critical";
        }
        if (cvss >= 7.0) {
            return "high";
        }
        if (cvss >= 4.0) {
            return "medium";
        }
        return cvss > 0.0 ? "low" : "none";
    }

    /** Canonical CVE id: trimmed, upper-case ({@code cve-2023-1389} → {@code CVE-2023-1389}). */
    public static String normalizeId(String id) {
        return id == null ? null : id.trim().toUpperCase(Locale.ROOT);
    }
}
