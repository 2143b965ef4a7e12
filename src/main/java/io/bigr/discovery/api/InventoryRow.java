package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ConfidenceLevel;
import io.bigr.discovery.core.InventoryAsset;
import java.time.Instant;
import java.util.List;

/**
 * One asset of {@code GET /api/assets}: the inventory row (docs/DOMAIN.md §3.6) with the Turkish category label, the
 * confidence level and the open ports of its latest snapshot ({@code []} when it has none); the fingerprint identity
 * (docs/DOMAIN.md §4.15) beside the vendor.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "ip", "mac", "hostname", "vendor", "device_type", "product", "os", "os_version", "os_hint", "bigr_category", "bigr_category_tr",
        "confidence_score", "confidence_level", "scan_method", "first_seen", "last_seen", "status", "open_ports",
        "manual_category", "manual_note", "is_ignored", "switch_host", "switch_port", "switch_port_index"})
public record InventoryRow(String id, String ip, String mac, String hostname, String vendor, String deviceType,
                           String product, String os, String osVersion, String osHint,
                           BigrCategory bigrCategory, double confidenceScore, String scanMethod, Instant firstSeen,
                           Instant lastSeen, String status, List<Integer> openPorts, String manualCategory,
                           String manualNote, int isIgnored, String switchHost, String switchPort,
                           Integer switchPortIndex) {

    public static InventoryRow of(InventoryAsset a, List<Integer> openPorts) {
        return new InventoryRow(a.id(), a.ip(), a.mac(), a.hostname(), a.vendor(), a.deviceType(), a.product(),
                a.os(), a.osVersion(), a.osHint(), a.bigrCategory(),
                a.confidenceScore(), a.scanMethod(), a.firstSeen(), a.lastSeen(), a.status(),
                openPorts == null ? List.of() : openPorts, a.manualCategory(), a.manualNote(), a.isIgnored(),
                a.switchHost(), a.switchPort(), a.switchPortIndex());
    }

    @JsonProperty("bigr_category_tr")
    public String bigrCategoryTr() {
        return bigrCategory.label();
    }

    @JsonProperty("confidence_level")
    public String confidenceLevel() {
        return ConfidenceLevel.of(confidenceScore).value();
    }
}
