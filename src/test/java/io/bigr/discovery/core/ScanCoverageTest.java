package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a scan probed (docs/DOMAIN.md §3.15): address ranges and IPv6 addresses, ports, and what a snapshot keeps. */
class ScanCoverageTest {
    private static final ScanCoverage C = new ScanCoverage(List.of("10.0.0.0-10.0.0.15", "192.168.1.7",
            "2001:db8::5"), "22,80,8000-8100", true, 0, 0);

    @Test
    void coversIpv4RangesAndListedIpv6AddressesInAnyForm() {
        assertThat(C.covers("10.0.0.15")).isTrue();
        assertThat(C.covers("10.0.0.16")).isFalse();
        assertThat(C.covers("192.168.1.7")).isTrue();
        assertThat(C.covers("2001:db8::5")).isTrue();
        assertThat(C.covers("2001:0DB8:0:0:0:0:0:5")).isTrue();
        assertThat(C.covers("2001:db8::50")).isFalse();
        assertThat(C.covers("fe80::1%eth0")).isFalse();
        assertThat(ScanCoverage.commonPrefix("2001:db8::5")).isEqualTo("2001:db8::5");
        assertThat(ScanCoverage.commonPrefix("10.0.0.0-10.0.0.15")).isEqualTo("10.0.0.");
    }

    @Test
    void ipv6AddressesAreKeptCanonicalAndRangesRefused() {
        assertThat(new ScanCoverage(List.of("2001:DB8:0::5"), "", true, 0, 0).addresses())
                .containsExactly("2001:db8::5");
        assertThatThrownBy(() -> new ScanCoverage(List.of("2001:db8::1-2001:db8::ff"), "", true, 0, 0))
                .hasMessageContaining("IPv6 coverage lists single addresses");
        assertThatThrownBy(() -> new ScanCoverage(List.of("2001:db8::/64"), "", true, 0, 0))
                .hasMessageContaining("not an IPv6 address");
        assertThat(ScanCoverage.fromJson(Json.parseOrNull(
                "{\"addresses\": [\"2001:db8::1-2001:db8::ff\"], \"ports\": \"22\", \"complete\": true}"))).isNull();
        // Round trip through the stored JSON.
        assertThat(ScanCoverage.fromText(Json.write(C.toJson()))).isEqualTo(C);
    }

    @Test
    void aSnapshotKeepsTheKnownPortsTheScanDidNotProbe() {
        assertThat(C.carryForward(List.of(22, 80, 443, 8080), List.of(22))).containsExactly(22, 443);
        assertThat(C.carryForward(List.of(22, 80), List.of(22))).containsExactly(22);
        List<Integer> found = List.of(80, 22);
        assertThat(C.carryForward(null, found)).isSameAs(found);
        assertThat(C.carryForward(List.of(8050), found)).isSameAs(found);
        assertThat(C.carryForward(List.of(3389), List.of(80, 22))).containsExactly(22, 80, 3389);
        assertThat(new ScanCoverage(List.of(), "", true, 0, 0).carryForward(List.of(22), List.of()))
                .containsExactly(22);
    }
}
