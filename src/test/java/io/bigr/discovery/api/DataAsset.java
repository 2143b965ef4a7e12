package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.bigr.discovery.core.ScanAssetView;

/**
 * The reference shape of an asset of {@code GET /api/data}: the docs/DOMAIN.md §3.5 scan asset plus {@code
 * manual_override} (docs/DOMAIN.md §6.3.2), as Jackson serialises it. The server writes rows with {@code
 * ScanData.writeAsset}; ScanDataTest holds that writer to this record's serialisation.
 */
record DataAsset(@JsonUnwrapped ScanAssetView asset, @JsonProperty("manual_override") boolean manualOverride) {
    static DataAsset of(ScanAssetView a) {
        return new DataAsset(a, a.manualCategory() != null && !a.manualCategory().isEmpty());
    }
}
