package io.bigr.discovery.core;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Optional;

/** IP and CIDR parsing over the seancfoley IPAddress library (no DNS lookups, strict syntax). */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** The longest text of an IPv6 address (mixed notation, every group written out). */
    private static final int MAX_TEXT = 45;
    private static final java.util.regex.Pattern DOTTED_QUAD = java.util.regex.Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final java.util.regex.Pattern IPV6_CHARS = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");

    /** True for a single IPv4 or IPv6 address in a form {@link #canonical} accepts. */
    public static boolean isValid(String text) {
        return canonical(text).isPresent();
    }

    /**
     * The canonical text of a single host address (docs/DOMAIN.md §2.8), or empty: IPv4 only as a dotted quad of
     * decimal octets without leading zeros; IPv6 in any RFC 4291 text without zone, prefix or brackets, given back
     * as RFC 5952 text. Blanks around the text are ignored.
     */
    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > MAX_TEXT) {
            return Optional.empty();
        }
        if (s.indexOf(':') < 0) {
            return isDottedQuad(s) ? Optional.of(s) : Optional.empty();
        }
        if (!IPV6_CHARS.matcher(s).matches()) {
            return Optional.empty();
        }
        IPAddress a = new IPAddressString(s).getAddress();
        if (a == null || !a.isIPv6() || a.isPrefixed() || a.isMultiple()) {
            return Optional.empty();
        }
        if (a.toIPv6().isIPv4Mapped()) {
            return Optional.of("::ffff:" + a.toIPv6().getEmbeddedIPv4Address().toCanonicalString());
        }
        return Optional.of(a.toCanonicalString());
    }

    /** True for IPv4 written as four decimal octets without leading zeros or blanks ({@code 10.0.0.1}). */
    public static boolean isDottedQuad(String text) {
        return text != null && text.length() <= 15 && DOTTED_QUAD.matcher(text).matches();
    }

    /** Why a refused text is refused, when a user would not guess it: ", zone ids are not accepted" etc. */
    static String hint(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        if (s.indexOf('%') >= 0) {
            return " (IPv6 zone ids such as %eth0 are not accepted)";
        }
        if (s.indexOf(':') < 0 && s.matches("[0-9A-Fa-fXx.]{1,20}")) {
            return " (IPv4 is written as four decimal numbers a.b.c.d without leading zeros)";
        }
        return "";
    }

    /**
     * Parses a network (docs/DOMAIN.md §2.8): a canonical-form address ({@link #canonical}) and an optional decimal
     * prefix length; host bits are allowed ({@code 10.0.0.5/24} is {@code 10.0.0.0/24}) and a bare address is its own
     * /32 (or /128). Empty for anything else, including the short IPv4 forms ({@code 10.1/16}) and wildcards.
     */
    public static Optional<IPAddress> network(String cidr) {
        if (cidr == null || cidr.isBlank() || cidr.length() > MAX_TEXT + 8) {
            return Optional.empty();
        }
        String s = cidr.strip();
        int slash = s.indexOf('/');
        Optional<String> address = canonical(slash < 0 ? s : s.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().indexOf(':') >= 0 ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
        }
        IPAddress a = new IPAddressString(address.get() + "/" + prefix).getAddress();
        return a == null ? Optional.empty() : Optional.of(a.toPrefixBlock());
    }

    /** {@code 10.0.0.0/24}: the canonical text of a network. */
    public static String networkText(IPAddress network) {
        return network.toPrefixBlock().toCanonicalString();
    }

    /** The canonical text of a network's first address ({@code 10.0.0.0} for {@code 10.0.0.0/24}). */
    public static String first(IPAddress network) {
        return network.getLower().withoutPrefixLength().toCanonicalString();
    }

    /** The canonical text of a network's last address ({@code 10.0.0.255} for {@code 10.0.0.0/24}). */
    public static String last(IPAddress network) {
        return network.getUpper().withoutPrefixLength().toCanonicalString();
    }

    /** True when {@code ip} parses and lies inside {@code network}. */
    public static boolean contains(IPAddress network, String ip) {
        if (ip == null) {
            return false;
        }
        IPAddress a = new IPAddressString(ip.trim()).getAddress();
        return a != null && network.contains(a);
    }
}
