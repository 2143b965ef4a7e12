package io.bigr.discovery.schedule;

import io.bigr.discovery.BigrConfiguration;

/**
 * The scan a scheduled subnet job runs: the same discovery and classification as {@code bigr scan TARGET}.
 * Integration point with the scanner (package {@code io.bigr.discovery.scan}): until it is part of the build, a
 * scheduled subnet run ends {@code failed} with this message, visible in the scan list; switch polls and
 * certificate rechecks are unaffected.
 */
public final class DiscoveryScans {
    private DiscoveryScans() {
    }

    public static Jobs.ScanRunner runner(BigrConfiguration config) {
        return target -> {
            throw new UnsupportedOperationException("the scanner is not part of this build");
        };
    }
}
