package io.bigr.discovery.vuln;

import java.util.Locale;
import java.util.Map;

/**
 * Vendor normalisation for CVE lookups (docs/DOMAIN.md §6.7): trim, lower-case (Locale.ROOT), then an exact-key alias
 * map. {@code Cisco Systems, Inc} (no final dot) is not an alias and stays as it is.
 */
public final class VendorNames {
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("hewlett packard", "hp"), Map.entry("hewlett-packard", "hp"), Map.entry("hp inc", "hp"),
            Map.entry("hp inc.", "hp"),
            Map.entry("cisco systems", "cisco"), Map.entry("cisco systems, inc.", "cisco"),
            Map.entry("zte corporation", "zte"),
            Map.entry("hikvision digital", "hikvision"), Map.entry("hikvision digital technology", "hikvision"),
            Map.entry("hangzhou hikvision digital technology", "hikvision"),
            Map.entry("dahua technology", "dahua"),
            Map.entry("apple inc", "apple"), Map.entry("apple inc.", "apple"), Map.entry("apple, inc.", "apple"),
            Map.entry("tp-link", "tp-link"), Map.entry("tp-link technologies", "tp-link"),
            Map.entry("asustek", "asus"), Map.entry("asustek computer", "asus"),
            Map.entry("ubiquiti networks", "ubiquiti"), Map.entry("ubiquiti inc", "ubiquiti"),
            Map.entry("mikrotik", "mikrotik"),
            Map.entry("synology inc", "synology"), Map.entry("synology inc.", "synology"));

    private VendorNames() {
    }

    /** The normalised vendor, or null for null/blank input. */
    public static String normalize(String vendor) {
        if (vendor == null || vendor.isBlank()) {
            return null;
        }
        String v = vendor.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(v, v);
    }
}
