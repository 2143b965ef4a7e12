package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * One IPv4 or IPv6 host address, without a prefix, in its one canonical text (docs/DOMAIN.md §2.8): IPv4 as a
 * dotted quad of decimal octets without leading zeros ({@code 10.0.0.7}), IPv6 as RFC 5952 gives it (lower case,
 * the longest run of zero groups compressed, {@code ::ffff:192.0.2.1} for an IPv4-mapped address). Surrounding
 * blanks are trimmed. Refused: the short and numeric IPv4 forms some resolvers take ({@code 0}, {@code 2130706433},
 * {@code 127.1}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}), IPv6 zone ids ({@code fe80::1%eth0}: a zone names an
 * interface of the machine that wrote it, not the device), brackets, prefixes, wildcards and ranges.
 * {@link IpAddresses#canonical} decides; {@link #address()} gives the parsed form for range and network arithmetic.
 *
 * @param value the canonical text, e.g. {@code 10.0.0.7}
 */
public record IpAddress(String value) implements Comparable<IpAddress> {

    public IpAddress {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("IP address is required, got " + InputBounds.quote(value));
        }
        String input = value;
        value = IpAddresses.canonical(value).orElseThrow(() -> new IllegalArgumentException(
                "not a valid IP address: " + InputBounds.quote(input) + IpAddresses.hint(input)));
    }

    @JsonCreator
    public static IpAddress of(String text) {
        return new IpAddress(text);
    }

    /** Null for null or blank text; otherwise {@link #of}. */
    public static IpAddress ofNullable(String text) {
        return text == null || text.isBlank() ? null : new IpAddress(text);
    }

    /** The parsed address. */
    public IPAddress address() {
        return new IPAddressString(value).getAddress();
    }

    /** True when this address lies inside {@code network}. */
    public boolean isIn(Cidr network) {
        return network.contains(this);
    }

    /** Numeric order, IPv4 before IPv6. */
    @Override
    public int compareTo(IpAddress other) {
        return address().compareTo(other.address());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
