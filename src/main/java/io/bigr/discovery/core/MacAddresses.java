package io.bigr.discovery.core;

import java.util.Locale;

/** MAC address rules of docs/DOMAIN.md §2.4 (normalisation) and §2.5 (randomised / locally administered). */
public final class MacAddresses {
    private MacAddresses() {
    }

    private static final java.util.regex.Pattern SIX_GROUPS = java.util.regex.Pattern.compile(
            "[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\\1[0-9a-f]{1,2}){4}");
    private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile(
            "[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}");
    private static final java.util.regex.Pattern BARE = java.util.regex.Pattern.compile("[0-9a-f]{12}");

    /**
     * The canonical text of a 48-bit MAC (docs/DOMAIN.md §2.4, §2.8), or empty: six groups of one or two hex digits
     * separated by {@code :} or {@code -} ({@code AA-BB-CC-DD-EE-FF}, {@code cc:8:fa:6d:fc:59}), three dotted groups
     * of four ({@code aabb.ccdd.eeff}) or twelve bare hex digits, any case, surrounding blanks ignored; given back
     * lower case, colon separated, two digits a group.
     */
    public static java.util.Optional<String> canonical(String mac) {
        if (mac == null || mac.length() > 64) {
            return java.util.Optional.empty();
        }
        String s = mac.strip().toLowerCase(Locale.ROOT);
        String hex;
        if (SIX_GROUPS.matcher(s).matches()) {
            StringBuilder b = new StringBuilder(12);
            for (String part : s.split("[:-]")) {
                b.append(part.length() == 1 ? "0" : "").append(part);
            }
            hex = b.toString();
        } else if (DOTTED.matcher(s).matches()) {
            hex = s.replace(".", "");
        } else if (BARE.matcher(s).matches()) {
            hex = s;
        } else {
            return java.util.Optional.empty();
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return java.util.Optional.of(out.toString());
    }

    /**
     * For reading stored or looked-up text: the {@link #canonical} form when there is one; otherwise lower-cased with
     * dashes as colons, and when there are exactly six parts each zero-padded to two digits (text an earlier release
     * stored unvalidated stays readable). Empty or null gives null.
     */
    public static String normalize(String mac) {
        if (mac == null || mac.isEmpty()) {
            return null;
        }
        java.util.Optional<String> canonical = canonical(mac);
        if (canonical.isPresent()) {
            return canonical.get();
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
