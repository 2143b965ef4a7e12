package io.bigr.discovery.testing;

import io.bigr.discovery.core.AssetChange;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.core.SwitchInfo;
import io.bigr.discovery.db.Daos;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a store holds, read back through the store's own queries (not the code under test) and put in a stable
 * order, so two databases can be compared field by field with one {@code equals}.
 */
public record StoreContents(List<ScanDetail> scans, List<InventoryAsset> assets, List<AssetChange> changes,
                            List<Subnet> subnets, List<SwitchInfo> switches, List<Certificate> certificates) {
    /** Certificates' expiry facts are recomputed on read; pin "now" so two reads compare equal. */
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    public static StoreContents of(Daos daos) {
        List<ScanDetail> scans = daos.scans().list(10_000, 0).stream()
                .map(s -> daos.scans().detail(s.id()).orElseThrow())
                .sorted(Comparator.comparing(ScanDetail::id)).toList();
        List<InventoryAsset> assets = daos.assets().all().stream()
                .sorted(Comparator.comparing(InventoryAsset::id)).toList();
        List<AssetChange> changes = daos.changes().feed(100_000, 0).stream()
                .sorted(Comparator.comparingLong(AssetChange::id)).toList();
        List<Certificate> certificates = daos.certificates().all().stream()
                .map(c -> c.asOf(NOW))
                .sorted(Comparator.comparing(Certificate::ip).thenComparing(Certificate::port)).toList();
        return new StoreContents(scans, assets, changes, daos.subnets().all(), daos.switches().all(), certificates);
    }

    /** The same contents with change ids and certificate ids blanked, for targets that renumbered them. */
    public StoreContents withoutGeneratedIds() {
        return new StoreContents(scans, assets,
                changes.stream().map(c -> new AssetChange(0, c.assetId(), c.scanId(), c.changeType(), c.fieldName(),
                        c.oldValue(), c.newValue(), c.detectedAt(), c.ip(), c.mac()))
                        .sorted(Comparator.comparing(AssetChange::detectedAt).thenComparing(AssetChange::assetId)
                                .thenComparing(c -> String.valueOf(c.fieldName()))).toList(),
                subnets, switches,
                certificates.stream().map(c -> new Certificate(null, c.ip(), c.port(), c.cn(), c.issuer(),
                        c.issuerOrg(), c.validFrom(), c.validTo(), c.serial(), c.keySize(), c.keyAlgorithm(),
                        c.isSelfSigned(), c.isExpired(), c.daysUntilExpiry(), c.san(), c.lastChecked(),
                        c.signatureAlgorithm())).toList());
    }
}
