package io.bigr.discovery.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bigr.discovery.core.BigrCategory;
import java.util.List;

/** The network risk assessment of docs/DOMAIN.md §6.6 in its wire shape and key order. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"profiles", "average_risk", "max_risk", "critical_count", "high_count", "medium_count",
    "low_count", "top_risks"})
public record RiskReport(List<Profile> profiles, double averageRisk, double maxRisk, int criticalCount,
                         int highCount, int mediumCount, int lowCount, List<Profile> topRisks) {

    /** One asset's score; {@code factors} are emitted unrounded, {@code risk_score} rounded to 2 decimals. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"ip", "mac", "hostname", "vendor", "bigr_category", "risk_score", "risk_level", "factors",
        "top_cve"})
    public record Profile(String ip, String mac, String hostname, String vendor, BigrCategory bigrCategory, double riskScore,
                          String riskLevel, Factors factors, String topCve) {
    }

    /** Each factor in [0, 1]. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"cve_score", "exposure_score", "classification_score", "age_score", "change_score"})
    public record Factors(double cveScore, double exposureScore, double classificationScore, double ageScore,
                          double changeScore) {
    }
}
