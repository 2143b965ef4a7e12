package io.bigr.discovery.core;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Optional;

/** IP and CIDR parsing over the seancfoley IPAddress library (no DNS lookups, strict syntax). */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** True for a single IPv4 or IPv6 address without a prefix. */
    public static boolean isValid(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        IPAddress a = new IPAddressString(text.trim()).getAddress();
        return a != null && !a.isPrefixed() && a.getCount().intValue() == 1;
    }

    /**
     * Parses a network non-strictly (host bits allowed: {@code 10.0.0.5/24} is {@code 10.0.0.0/24}); a bare address is
     * its own /32 (or /128). Empty for anything unparsable.
     */
    public static Optional<IPAddress> network(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            return Optional.empty();
        }
        IPAddress a = new IPAddressString(cidr.trim()).getAddress();
        if (a == null) {
            return Optional.empty();
        }
        if (!a.isPrefixed()) {
            a = a.setPrefixLength(a.getBitCount(), false);
        }
        return Optional.of(a.toPrefixBlock());
    }

    /** {@code 10.0.0.0/24}: the canonical text of a network. */
    public static String networkText(IPAddress network) {
        return network.toPrefixBlock().toCanonicalString();
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
