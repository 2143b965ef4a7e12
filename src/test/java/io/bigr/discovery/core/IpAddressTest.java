package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.7          | 10.0.0.7",
            "' 192.168.1.1 '   | 192.168.1.1",
            "::1               | ::1",
            "fe80::1           | fe80::1"})
    void canonicalTextIsTheTrimmedInput(String input, String canonical) {
        IpAddress ip = IpAddress.of(input);
        assertThat(ip.value()).isEqualTo(canonical);
        assertThat(ip).hasToString(canonical).isEqualTo(IpAddress.of(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-ip", "10.0.0.0/24", "10.0.0.256", "example.com", "10.0.0.*"})
    void badValuesAreRejectedNamingTheValue(String bad) {
        assertThatThrownBy(() -> IpAddress.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid IP address: '" + bad + "'");
    }

    @Test
    void blankIsRequired() {
        assertThatThrownBy(() -> IpAddress.of(" ")).hasMessage("IP address is required, got ' '");
        assertThatThrownBy(() -> IpAddress.of(null)).hasMessage("IP address is required, got 'null'");
        assertThat(IpAddress.ofNullable(" ")).isNull();
        assertThat(IpAddress.ofNullable(null)).isNull();
    }

    @Test
    void acceptsExactlyWhatIpAddressesAccepts() {
        for (String s : List.of("1.2.3.4", "::ffff:1.2.3.4", "fe80::1", "10.1.2.3")) {
            assertThat(IpAddresses.isValid(s)).isTrue();
            assertThat(IpAddress.of(s).value()).isEqualTo(s);
        }
        for (String s : List.of("1.2.3.4/32", "x", "1.2.3.4.5")) {
            assertThat(IpAddresses.isValid(s)).isFalse();
            assertThatThrownBy(() -> IpAddress.of(s)).isInstanceOf(IllegalArgumentException.class);
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
        assertThat(Json.MAPPER.readValue("\"10.0.0.1\"", IpAddress.class)).isEqualTo(IpAddress.of("10.0.0.1"));
        assertThatThrownBy(() -> Json.MAPPER.readValue("\"nope\"", IpAddress.class))
                .hasMessageContaining("not a valid IP address: 'nope'");
    }
}
