package io.bigr.discovery.core;

/**
 * What a MAC address says about how it was assigned (docs/DOMAIN.md §3.17), by the U/L bit and, for local addresses,
 * the IEEE 802c SLAP quadrant (the Y and Z bits, 0x04 and 0x08 of the first octet): a universal address comes from
 * the maker's OUI; a local one in the AAI quadrant ({@code x2}) or the reserved one ({@code x6}) is what phones and
 * laptops draw at random; ELI ({@code xA}) and SAI ({@code xE}) local addresses are assigned, not random.
 */
public enum MacKind {
    UNIVERSAL, RANDOM, ASSIGNED_LOCAL, UNKNOWN;

    public static MacKind of(MacAddress mac) {
        return mac == null ? UNKNOWN : of(mac.value());
    }

    public static MacKind of(String mac) {
        if (mac == null || mac.length() < 2) {
            return UNKNOWN;
        }
        int first;
        try {
            first = Integer.parseInt(mac.substring(0, 2), 16);
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
        if ((first & 0x02) == 0) {
            return UNIVERSAL;
        }
        return (first & 0x08) == 0 ? RANDOM : ASSIGNED_LOCAL;
    }
}
