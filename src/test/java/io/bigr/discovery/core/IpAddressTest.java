package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical IP text of docs/DOMAIN.md §2.8: dotted quads and RFC 5952 IPv6, nothing a resolver guesses at. */
class IpAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.7                | 10.0.0.7",
            "' 192.168.1.1 '         | 192.168.1.1",
            "0.0.0.0                 | 0.0.0.0",
            "255.255.255.255         | 255.255.255.255",
            "::1                     | ::1",
            "0:0:0:0:0:0:0:1         | ::1",
            "fe80::1                 | fe80::1",
            "2001:DB8:0:0:0:0:0:1    | 2001:db8::1",
            "2001:0db8::0001         | 2001:db8::1",
            "2001:db8:0:0:1:0:0:1    | 2001:db8::1:0:0:1",
            "::FFFF:C000:0201        | ::ffff:192.0.2.1",
            "::ffff:192.0.2.1        | ::ffff:192.0.2.1"})
    void canonicalText(String input, String canonical) {
        IpAddress ip = IpAddress.of(input);
        assertThat(ip.value()).isEqualTo(canonical);
        assertThat(ip).hasToString(canonical).isEqualTo(IpAddress.of(canonical));
    }

    /** Forms inet_aton and friends take, which would make 127.0.0.1 three identities. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "2130706433", "127.1", "127.0.1", "0x7f.0.0.1", "0x7f000001", "0177.0.0.1",
            "010.0.0.1", "127.000.0.1", "not-an-ip", "10.0.0.0/24", "10.0.0.256", "example.com", "10.0.0.*",
            "1.2.3.4.5", "[::1]", "::1/128", "1:2:3:4:5:6:7:8:9", "10.0.0.1-5", "١٠.0.0.1"})
    void refusedNamingAShortPrefixOfTheValue(String bad) {
        assertThatThrownBy(() -> IpAddress.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid IP address: " + InputBounds.quote(bad));
        assertThat(IpAddresses.isValid(bad)).isFalse();
    }

    @Test
    void zoneIdsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> IpAddress.of("fe80::1%eth0"))
                .hasMessage("not a valid IP address: 'fe80::1%eth0' (IPv6 zone ids such as %eth0 are not accepted)");
    }

    @Test
    void shortFormsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> IpAddress.of("127.1")).hasMessage("not a valid IP address: '127.1' (IPv4 is written"
                + " as four decimal numbers a.b.c.d without leading zeros)");
    }

    @Test
    void aHugeValueIsQuotedShort() {
        String huge = "1".repeat(10_000_000);
        assertThatThrownBy(() -> IpAddress.of(huge)).satisfies(e -> assertThat(e.getMessage())
                .hasSizeLessThan(200).contains("(10000000 chars)"));
    }

    @Test
    void blankIsRequired() {
        assertThatThrownBy(() -> IpAddress.of(" ")).hasMessage("IP address is required, got ' '");
        assertThatThrownBy(() -> IpAddress.of(null)).hasMessage("IP address is required, got null");
        assertThat(IpAddress.ofNullable(" ")).isNull();
        assertThat(IpAddress.ofNullable(null)).isNull();
    }

    @Test
    void isValidAgreesWithTheValueType() {
        for (String s : List.of("1.2.3.4", "::ffff:1.2.3.4", "fe80::1", "10.1.2.3")) {
            assertThat(IpAddresses.isValid(s)).isTrue();
            assertThat(IpAddresses.canonical(s)).contains(IpAddress.of(s).value());
        }
    }

    @Test
    void ordersNumericallyAndTestsMembership() {
        List<IpAddress> sorted = List.of(IpAddress.of("10.0.0.10"), IpAddress.of("10.0.0.9"), IpAddress.of("9.0.0.1"))
                .stream().sorted().toList();
        assertThat(sorted).extracting(IpAddress::value).containsExactly("9.0.0.1", "10.0.0.9", "10.0.0.10");
        assertThat(IpAddress.of("10.0.0.9").isIn(Cidr.of("10.0.0.0/24"))).isTrue();
        assertThat(IpAddress.of("10.0.1.9").isIn(Cidr.of("10.0.0.0/24"))).isFalse();
    }

    @Test
    void jsonIsTheCanonicalText() throws Exception {
        assertThat(Json.MAPPER.writeValueAsString(IpAddress.of(" 10.0.0.1"))).isEqualTo("\"10.0.0.1\"");
        assertThat(Json.MAPPER.readValue("\"2001:DB8::1\"", IpAddress.class)).isEqualTo(IpAddress.of("2001:db8::1"));
        assertThatThrownBy(() -> Json.MAPPER.readValue("\"nope\"", IpAddress.class))
                .hasMessageContaining("not a valid IP address: 'nope'");
    }
}
