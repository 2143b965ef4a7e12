package io.bigr.discovery.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardingTableTest {
    private static ForwardingTable.FdbEntry e(String mac, int port) {
        return new ForwardingTable.FdbEntry(mac, port, null, 3);
    }

    @Test
    void aMacOnTwoAccessPortsIsPlacedWithLowConfidenceOnTheQuieterPort() {
        ForwardingTable.Raw raw = new ForwardingTable.Raw(List.of(e("02:00:00:00:00:01", 1), e("02:00:00:00:00:01", 2),
                e("02:00:00:00:00:02", 1)), Map.of(1, 11, 2, 12), Map.of(11, "eth1", 12, "eth2"), Map.of(), Map.of());
        ForwardingTable.Mapping m = ForwardingTable.map(raw, 8);
        ForwardingTable.Placement p = m.placements().get(0);
        assertThat(p.confidence()).isEqualTo("low");
        assertThat(p.port().name()).isEqualTo("eth2");
        assertThat(m.macCount()).isEqualTo(2);
    }

    @Test
    void aMacSeenOnAnUplinkAndAnAccessPortIsPlacedOnTheAccessPort() {
        ForwardingTable.Raw raw = new ForwardingTable.Raw(List.of(e("02:00:00:00:00:01", 1), e("02:00:00:00:00:01", 9)),
                Map.of(), Map.of(), Map.of(), Map.of(9, "core"));
        ForwardingTable.Placement p = ForwardingTable.map(raw, 8).placements().get(0);
        assertThat(p.port().bridgePort()).isEqualTo(1);
        assertThat(p.port().name()).isEqualTo("port-1");
        assertThat(p.confidence()).isEqualTo("high");
    }

    @Test
    void portZeroAndSelfEntriesAreIgnored() {
        ForwardingTable.Raw raw = new ForwardingTable.Raw(List.of(e("02:00:00:00:00:01", 0),
                new ForwardingTable.FdbEntry("02:00:00:00:00:02", 3, null, ForwardingTable.STATUS_SELF)),
                Map.of(), Map.of(), Map.of(), Map.of());
        assertThat(ForwardingTable.map(raw, 8).placements()).isEmpty();
    }
}
