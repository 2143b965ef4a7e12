package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One asset inside a scan (docs/DOMAIN.md §3.5): scan-time category, score, ports and evidence from the snapshot,
 * descriptive fields from the living inventory row. Switch placement and the manual override are extra keys.
 * A stored category outside the five reads as {@code unclassified}. {@code status} is the living row's presence
 * (docs/DOMAIN.md §3.15). {@code device_type}, {@code product}, {@code os} and {@code os_version} are the snapshot's
 * fingerprint identity (docs/DOMAIN.md §4.15).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"ip", "mac", "hostname", "vendor", "device_type", "product", "os", "os_version", "open_ports", "os_hint", "bigr_category", "bigr_category_tr",
        "confidence_score", "confidence_level", "scan_method", "first_seen", "last_seen", "raw_evidence"})
public record ScanAssetView(
        String ip,
        String mac,
        String hostname,
        String vendor,
        String deviceType,
        String product,
        String os,
        String osVersion,
        List<Integer> openPorts,
        String osHint,
        BigrCategory bigrCategory,
        double confidenceScore,
        String confidenceLevel,
        String scanMethod,
        Instant firstSeen,
        Instant lastSeen,
        ObjectNode rawEvidence,
        String assetId,
        String manualCategory,
        String switchHost,
        String switchPort,
        Integer switchPortIndex,
        String status) {

    /** The Turkish label of {@link #bigrCategory}. */
    @JsonProperty("bigr_category_tr")
    public String bigrCategoryTr() {
        return bigrCategory.label();
    }
}
