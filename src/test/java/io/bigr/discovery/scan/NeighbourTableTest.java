package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.scan.NeighbourTable.Neighbour;
import io.bigr.discovery.scan.NeighbourTable.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourTableTest {
    @Test
    void parsesIpNeighWithStates() {
        List<Neighbour> n = NeighbourTable.parseIpNeigh("""
                10.77.0.11 dev br0 lladdr 00:50:56:AA:00:11 REACHABLE
                10.77.0.12 dev br0 lladdr a4:14:37:0:0:12 STALE
                10.77.0.99 dev br0  FAILED
                10.77.0.98 dev br0  INCOMPLETE
                10.0.0.1 dev eth0 lladdr 3c:22:fb:01:02:03 router DELAY
                """);
        assertThat(n).containsExactly(
                new Neighbour("10.77.0.11", "00:50:56:aa:00:11", "br0", State.REACHABLE),
                new Neighbour("10.77.0.12", "a4:14:37:00:00:12", "br0", State.STALE),
                new Neighbour("10.77.0.99", null, "br0", State.FAILED),
                new Neighbour("10.77.0.98", null, "br0", State.INCOMPLETE),
                new Neighbour("10.0.0.1", "3c:22:fb:01:02:03", "eth0", State.DELAY));
        assertThat(n.get(0).fresh()).isTrue();
        assertThat(n.get(1).fresh()).isFalse();
        assertThat(n.get(1).resolved()).isTrue();
        assertThat(n.get(2).resolved()).isFalse();
    }

    @Test
    void parsesProcNetArpKeepingOnlyCompleteMacs() {
        List<Neighbour> n = NeighbourTable.parseProcArp("""
                IP address       HW type     Flags       HW address            Mask     Device
                10.77.0.11       0x1         0x2         00:50:56:aa:00:11     *        br0
                10.77.0.99       0x1         0x0         00:00:00:00:00:00     *        br0
                """);
        assertThat(n).containsExactly(
                new Neighbour("10.77.0.11", "00:50:56:aa:00:11", "br0", State.COMPLETE),
                new Neighbour("10.77.0.99", null, "br0", State.INCOMPLETE));
        assertThat(n.get(0).fresh()).isFalse();
    }

    @Test
    void arpScanOutputIsParsedAndFilteredToTheTarget() {
        ScanTarget t = ScanTarget.parse("10.77.0.0/24");
        assertThat(ArpSweep.parse("10.77.0.11\t00:50:56:aa:00:11\n10.78.0.1\t00:11:22:33:44:55\n"
                + "10.77.0.12\tA4:14:37:00:00:12\tHikvision\n10.77.0.11\t00:50:56:aa:00:11 (DUP: 2)\n", t))
                .containsExactly(java.util.Map.entry("10.77.0.11", "00:50:56:aa:00:11"),
                        java.util.Map.entry("10.77.0.12", "a4:14:37:00:00:12"));
    }
}
