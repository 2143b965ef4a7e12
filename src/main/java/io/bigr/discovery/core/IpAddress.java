package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * One IPv4 or IPv6 host address, without a prefix. The canonical text is the input trimmed, exactly as the store has
 * always kept it ({@link IpAddresses#isValid} decides what is accepted); {@link #address()} gives the parsed form for
 * range and network arithmetic.
 *
 * @param value the canonical text, e.g. {@code 10.0.0.7}
 */
public record IpAddress(String value) implements Comparable<IpAddress> {

    public IpAddress {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("IP address is required, got '" + value + "'");
        }
        if (!IpAddresses.isValid(value)) {
            throw new IllegalArgumentException("not a valid IP address: '" + value + "'");
        }
        value = value.trim();
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
