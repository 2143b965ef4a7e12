package io.bigr.discovery.compliance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The compliance report of docs/DOMAIN.md §6.4 in its wire shape and key order. {@code subnetCompliance} is empty when
 * no subnet is registered.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"compliance_score", "grade", "breakdown", "distribution", "subnet_compliance", "action_items"})
public record ComplianceReport(double complianceScore, String grade, Breakdown breakdown, Distribution distribution,
                               List<SubnetCompliance> subnetCompliance, List<ActionItem> actionItems) {

    /** Each asset in exactly one bucket, checked manual → fully → partially → unclassified. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"total_assets", "fully_classified", "partially_classified", "unclassified", "manual_overrides"})
    public record Breakdown(int totalAssets, int fullyClassified, int partiallyClassified, int unclassified,
                            int manualOverrides) {
    }

    /** Counts and 1-decimal percentages per effective category, always the five keys in display order. */
    @JsonPropertyOrder({"counts", "percentages", "total"})
    public record Distribution(Map<String, Integer> counts, Map<String, Double> percentages, int total) {
    }

    @JsonPropertyOrder({"cidr", "label", "score", "grade"})
    public record SubnetCompliance(String cidr, String label, double score, String grade) {
    }

    /** A to-do for one asset: {@code classify}/critical or {@code review}/normal. */
    @JsonPropertyOrder({"type", "priority", "ip", "reason"})
    public record ActionItem(String type, String priority, String ip, String reason) {
    }
}
