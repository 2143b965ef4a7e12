package io.bigr.discovery.testing;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import java.time.Instant;
import java.util.List;

/** Factories for test data: build from these, not from literals scattered across tests. */
public final class TestData {
    public static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private TestData() {
    }

    public static Asset asset(String ip, String mac) {
        return new Asset(IpAddress.of(ip), MacAddress.ofNullable(mac), null, null, List.of(), null, BigrCategory.UNCLASSIFIED, 0.0, ScanMethod.PASSIVE,
                T0, T0, null, null, null, null);
    }

    public static Asset asset(String ip, String mac, String hostname, String vendor, BigrCategory category,
                              double confidence, Integer... ports) {
        return new Asset(IpAddress.of(ip), MacAddress.ofNullable(mac), hostname, vendor, List.of(ports), null, category, confidence, ScanMethod.ACTIVE,
                T0, T0, null, null, null, null);
    }

    public static ScanResult scan(String target, Asset... assets) {
        return scan(target, T0, assets);
    }

    public static ScanResult scan(String target, Instant started, Asset... assets) {
        return new ScanResult(target, ScanMethod.ACTIVE, started, started.plusSeconds(300), false, List.of(assets));
    }

    /** {@code n} distinct assets 10.x.y.z with MACs, for volume tests. */
    public static List<Asset> many(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> asset(
                "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
                String.format("02:00:00:%02x:%02x:%02x", i >> 16 & 255, i >> 8 & 255, i & 255),
                "host-" + i, "Vendor " + (i % 7), BigrCategory.values()[i % 5], (i % 10) / 10.0, 22, 80))
                .toList();
    }

    /**
     * Waits out the read cache's freshness bound: a write made past a running server (its own store, another process)
     * is served once the server next reads the data version, at most {@code DataVersion.MAX_AGE} later
     * (docs/DOMAIN.md §6.14).
     */
    public static void sleepPastFreshnessBound() {
        try {
            Thread.sleep(io.bigr.discovery.db.DataVersion.MAX_AGE.toMillis() + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
