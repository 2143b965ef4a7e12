package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.ScanMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stored {@code details} shape: key names and order as the scanner has always written them, new keys (the
 * phases' {@code start_ms}) after them.
 */
class ScanDetailsTest {
    private static final ProbeEngine.Stats STATS = new ProbeEngine.Stats(10, 2, 0, 1, 3, 4, 0, 0, 0, 7_000_000);

    @Test
    void detailsKeepTheirKeysAndOrder() {
        ScanDetails d = new ScanDetails(ScanMethod.HYBRID, 4, List.of(
                new ScanDetails.NeighbourSnapshot(1, 2),
                new ScanDetails.TcpDiscovery(Scanner.DISCOVERY_PORTS, 750, 1, STATS, 2, false, 0),
                new ScanDetails.ArpSweepRun(new ArpSweep.Plan(false, null, "not root"), null, -1),
                new ScanDetails.NeighbourRead(0, 1, 8, true),
                new ScanDetails.PortScan(2, "default", 26, 2000, 1, STATS, 1),
                new ScanDetails.ReverseDnsWait(2, 1, 2000, 3),
                new ScanDetails.BannerGrab(1, 1, 5, 2)),
                false, 20, ProbeSettings.defaults(), 2, 99);
        JsonNode json = d.toJson();
        assertThat(names(json)).containsExactly("mode", "target_addresses", "phases", "is_root", "probes_sent", "rate",
                "max_in_flight", "per_host_cap", "hosts_found", "duration_ms");
        assertThat(json.get("phases")).extracting(p -> p.get("name").asText()).containsExactly("neighbour_snapshot",
                "tcp_discovery", "arp_sweep", "neighbour_table", "port_scan", "reverse_dns", "banners");
        JsonNode tcp = json.get("phases").get(1);
        assertThat(names(tcp)).containsExactly("name", "ports", "timeout_ms", "retries", "probes_sent", "open",
                "closed", "filtered", "unreachable", "local_errors", "local_failures_reported", "skipped", "ms",
                "alive", "stopped_early_by_arp_sweep", "start_ms");
        assertThat(tcp.get("retries").asLong()).as("the engine's retry count").isEqualTo(2);
        assertThat(tcp.get("ms").asLong()).isEqualTo(7);
        assertThat(names(json.get("phases").get(2))).containsExactly("name", "ran", "reason");
        assertThat(names(json.get("phases").get(4))).startsWith("name", "hosts", "port_list", "ports", "timeout_ms",
                "retries", "probes_sent");
        assertThat(json.get("mode").asText()).isEqualTo("hybrid");
    }

    @Test
    void anArpSweepThatRanReportsItsCountsAndError() {
        JsonNode p = new ScanDetails(ScanMethod.ACTIVE, 1, List.of(new ScanDetails.ArpSweepRun(
                new ArpSweep.Plan(true, "eth0", "root on an attached network"),
                new ArpSweep.Result(java.util.Map.of("10.0.0.1", "02:00:00:00:00:01"), 12, "exit 1"), 3)),
                true, 0, ProbeSettings.defaults(), 0, 1).toJson().get("phases").get(0);
        assertThat(names(p)).containsExactly("name", "ran", "reason", "hosts", "ms", "error", "start_ms");
        assertThat(p.get("hosts").asInt()).isEqualTo(1);
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
