package io.bigr.discovery.core;

import java.util.Locale;

/** MAC address rules of docs/DOMAIN.md §2.4 (normalisation) and §2.5 (randomised / locally administered). */
public final class MacAddresses {
    private MacAddresses() {
    }

    /**
     * Lower-case, dashes to colons, and when there are exactly six parts each is zero-padded to two digits.
     * Anything else is returned lower-cased and dash-replaced, unvalidated; empty or null gives null.
     */
    public static String normalize(String mac) {
        if (mac == null || mac.isEmpty()) {
            return null;
        }
        String s = mac.toLowerCase(Locale.ROOT).replace('-', ':');
        String[] parts = s.split(":", -1);
        if (parts.length != 6) {
            return s;
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(':');
            }
            if (parts[i].length() < 2) {
                out.append("00", 0, 2 - parts[i].length());
            }
            out.append(parts[i]);
        }
        return out.toString();
    }

    /** True when the first octet has the locally-administered bit (0x02) set; false for null or unparsable input. */
    public static boolean isRandomized(String mac) {
        String n = normalize(mac);
        if (n == null) {
            return false;
        }
        int colon = n.indexOf(':');
        String first = colon < 0 ? n : n.substring(0, colon);
        try {
            return (Integer.parseInt(first, 16) & 0x02) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The OUI prefix ({@code aa:bb:cc}) of a normalised MAC, or null when it has fewer than 8 characters. */
    public static String prefix(String mac) {
        String n = normalize(mac);
        return n == null || n.length() < 8 ? null : n.substring(0, 8);
    }
}
