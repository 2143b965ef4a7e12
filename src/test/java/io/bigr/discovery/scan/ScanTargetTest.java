package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanTargetTest {
    @Test
    void cidrExcludesNetworkAndBroadcast() {
        ScanTarget t = ScanTarget.parse("192.168.1.0/24");
        assertThat(t.count()).isEqualTo(254);
        assertThat(ScanTarget.format(t.address(0))).isEqualTo("192.168.1.1");
        assertThat(ScanTarget.format(t.address(253))).isEqualTo("192.168.1.254");
        assertThat(t.text()).isEqualTo("192.168.1.0/24");
    }

    @Test
    void hostBitsAreAllowedAndTheTextIsKeptAsTyped() {
        ScanTarget t = ScanTarget.parse(" 10.0.0.5/30 ");
        assertThat(t.text()).isEqualTo("10.0.0.5/30");
        assertThat(t.count()).isEqualTo(2);
        assertThat(ScanTarget.format(t.address(0))).isEqualTo("10.0.0.5");
        assertThat(ScanTarget.format(t.address(1))).isEqualTo("10.0.0.6");
    }

    @Test
    void slash31AndSlash32KeepEveryAddress() {
        ScanTarget p2p = ScanTarget.parse("10.0.0.4/31");
        assertThat(p2p.count()).isEqualTo(2);
        assertThat(ScanTarget.format(p2p.address(0))).isEqualTo("10.0.0.4");
        ScanTarget one = ScanTarget.parse("10.0.0.9/32");
        assertThat(one.count()).isEqualTo(1);
        assertThat(ScanTarget.format(one.address(0))).isEqualTo("10.0.0.9");
    }

    @Test
    void singleAddressAndRange() {
        assertThat(ScanTarget.parse("127.0.0.1").count()).isEqualTo(1);
        ScanTarget r = ScanTarget.parse("10.1.2.10-20");
        assertThat(r.count()).isEqualTo(11);
        assertThat(ScanTarget.format(r.address(10))).isEqualTo("10.1.2.20");
        assertThat(r.contains(ScanTarget.parseAddress("10.1.2.15"))).isTrue();
        assertThat(r.contains(ScanTarget.parseAddress("10.1.2.21"))).isFalse();
    }

    @Test
    void highAddressesStayUnsigned() {
        ScanTarget t = ScanTarget.parse("255.255.255.0/30");
        assertThat(ScanTarget.format(t.address(1))).isEqualTo("255.255.255.2");
        assertThat(t.contains(ScanTarget.parseAddress("255.255.255.1"))).isTrue();
        assertThat(t.contains(ScanTarget.parseAddress("1.0.0.1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "foo", "10.0.0", "10.1", "10.0.0.256", "10.0.0.0/33", "10.0.0.0/", "10.0.0.1-",
        "10.0.0.20-10", "10.0.0.1-300", "10.0.0.*", "::1", "fe80::/64", "10.0.0.0/24,10.0.1.0/24", "example.org",
        "10.0.0.1 10.0.0.2"})
    void invalidTargetsAreOneClearLine(String bad) {
        assertThatThrownBy(() -> ScanTarget.parse(bad))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageStartingWith("Invalid target '" + bad.trim() + "'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void ipv6IsNamedAsUnsupported() {
        assertThatThrownBy(() -> ScanTarget.parse("2001:db8::/64")).hasMessageContaining("IPv6");
        // A single address too: the scanner probes IPv4 only (docs/DOMAIN.md §3.15), and says so.
        assertThatThrownBy(() -> ScanTarget.parse("2001:db8::5")).hasMessage(
                "Invalid target '2001:db8::5': IPv6 targets are not supported: bigr scan probes IPv4 addresses only");
    }

    @Test
    void moreThan65536AddressesNeedForce() {
        assertThat(ScanTarget.parseAll(List.of("10.0.0.0/16"), false)).hasSize(1); // 65,534 hosts: allowed
        assertThatThrownBy(() -> ScanTarget.parseAll(List.of("10.0.0.0/16", "10.1.0.0/24"), false))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("65,788 addresses").hasMessageContaining("--force");
        assertThatThrownBy(() -> ScanTarget.parseAll(List.of("10.0.0.0/15"), false))
                .hasMessageContaining("--force");
        assertThat(ScanTarget.parseAll(List.of("10.0.0.0/15"), true).get(0).count()).isEqualTo(131_070);
    }
}
