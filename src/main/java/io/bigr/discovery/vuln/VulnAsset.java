package io.bigr.discovery.vuln;

import io.bigr.discovery.core.InventoryAsset;
import java.util.List;

/**
 * What the vulnerability engine reads of one asset: identity, the vendor name (for vendor-only matches) and the
 * version evidence found in its latest snapshot and manual note (for version-confirmed matches).
 */
public record VulnAsset(String ip, String mac, String vendor, List<VersionEvidence> evidence) {

    public VulnAsset {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** An inventory row with the raw evidence of its latest snapshot (may be null). */
    public static VulnAsset of(InventoryAsset a, com.fasterxml.jackson.databind.node.ObjectNode latestEvidence) {
        return new VulnAsset(a.ip(), a.mac(), a.vendor(), VersionEvidence.extract(latestEvidence, a.manualNote()));
    }
}
