package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/24       | 10.0.0.0/24",
            "10.0.0.5/24       | 10.0.0.0/24",
            "' 192.168.1.77/16 ' | 192.168.0.0/16",
            "10.1.2.3          | 10.1.2.3/32",
            "fe80::1/64        | fe80::/64",
            "::1               | ::1/128"})
    void canonicalTextIsThePrefixBlock(String input, String canonical) {
        Cidr cidr = Cidr.of(input);
        assertThat(cidr.value()).isEqualTo(canonical)
                .isEqualTo(IpAddresses.networkText(IpAddresses.network(input).orElseThrow()));
        assertThat(cidr).hasToString(canonical).isEqualTo(Cidr.of(canonical));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-a-network", "10.0.0.0/33", "10.0.0.256/24", "10.1/16", "10.0.0.0/024",
            "10.*.0.0/16", "0x0a.0.0.0/8", "fe80::1%eth0/64", "10.0.0.0/", "10.0.0.0/-1"})
    void badValuesAreRejectedNamingTheValue(String bad) {
        assertThatThrownBy(() -> Cidr.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid network (CIDR): " + InputBounds.quote(bad));
    }

    @Test
    void containsAndPrefix() {
        Cidr net = Cidr.of("10.0.0.0/24");
        assertThat(net.prefixLength()).isEqualTo(24);
        assertThat(net.contains(IpAddress.of("10.0.0.255"))).isTrue();
        assertThat(net.contains(IpAddress.of("10.0.1.0"))).isFalse();
        assertThat(net.contains(null)).isFalse();
    }

    @Test
    void jsonIsTheCanonicalText() throws Exception {
        assertThat(Json.MAPPER.writeValueAsString(Cidr.of("10.0.0.5/24"))).isEqualTo("\"10.0.0.0/24\"");
        assertThat(Json.MAPPER.readValue("\"10.0.0.5/24\"", Cidr.class)).isEqualTo(Cidr.of("10.0.0.0/24"));
    }
}
