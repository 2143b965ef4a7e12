package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * An IP network. Parsing is non-strict as it has always been ({@link IpAddresses#network}): host bits are dropped
 * ({@code 10.0.0.5/24} is {@code 10.0.0.0/24}) and a bare address is its own /32 (or /128). The canonical text is the
 * network's prefix-block form.
 *
 * @param value the canonical text, e.g. {@code 10.0.0.0/24}
 */
public record Cidr(String value) {

    public Cidr {
        String input = value;
        IPAddress network = IpAddresses.network(input).orElseThrow(
                () -> new IllegalArgumentException("not a valid network (CIDR): " + InputBounds.quote(input)));
        value = IpAddresses.networkText(network);
    }

    @JsonCreator
    public static Cidr of(String text) {
        return new Cidr(text);
    }

    /** The parsed network (a prefix block). */
    public IPAddress network() {
        return new IPAddressString(value).getAddress().toPrefixBlock();
    }

    public int prefixLength() {
        return network().getNetworkPrefixLength();
    }

    public boolean contains(IpAddress ip) {
        return ip != null && network().contains(ip.address());
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
