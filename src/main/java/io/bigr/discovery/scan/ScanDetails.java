package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanMethod;
import java.util.List;

/**
 * What one {@link Scanner} run did, as typed records; {@link #toJson()} is the {@code details} object stored with
 * the scan. Key names and their order are part of the stored shape: keep them when adding a phase or a field.
 */
public record ScanDetails(ScanMethod mode, long targetAddresses, List<Phase> phases, boolean isRoot, long probesSent,
                          ProbeSettings settings, int hostsFound, long durationMs) {

    public ScanDetails {
        phases = List.copyOf(phases);
    }

    /** One entry of {@code details.phases}. */
    public sealed interface Phase permits NeighbourSnapshot, TcpDiscovery, ArpSweepRun, NeighbourRead, PortScan,
            ReverseDnsWait, BannerGrab {
        String name();

        /** Writes this phase's fields (after {@code name}) into {@code p}. */
        void write(ObjectNode p);
    }

    /** The kernel neighbour table read before any probe: the passive view. */
    public record NeighbourSnapshot(int hosts, long ms) implements Phase {
        @Override
        public String name() {
            return "neighbour_snapshot";
        }

        @Override
        public void write(ObjectNode p) {
            p.put("packets_sent", 0);
            p.put("hosts", hosts);
            p.put("ms", ms);
        }
    }

    /**
     * TCP discovery of every target address on {@link Scanner#DISCOVERY_PORTS}; {@code startMs} is its start from
     * the scan's (the phases of a scan overlap: each host is port-scanned as soon as it is found).
     */
    public record TcpDiscovery(int[] ports, long timeoutMs, int settingsRetries, ProbeEngine.Stats stats, int alive,
                               boolean stoppedEarlyByArpSweep, long startMs) implements Phase {
        @Override
        public String name() {
            return "tcp_discovery";
        }

        @Override
        public void write(ObjectNode p) {
            ArrayNode a = p.putArray("ports");
            for (int port : ports) {
                a.add(port);
            }
            p.put("timeout_ms", timeoutMs);
            // Keeps the key's place; the engine's retry count below overwrites the value.
            p.put("retries", settingsRetries);
            writeStats(p, stats);
            p.put("alive", alive);
            p.put("stopped_early_by_arp_sweep", stoppedEarlyByArpSweep);
            p.put("start_ms", startMs);
        }
    }

    /** The ARP sweep: whether it ran and why; its counts and start (from the scan's) only when it ran. */
    public record ArpSweepRun(ArpSweep.Plan plan, ArpSweep.Result result, long startMs) implements Phase {
        @Override
        public String name() {
            return "arp_sweep";
        }

        @Override
        public void write(ObjectNode p) {
            p.put("ran", plan.runnable());
            p.put("reason", plan.reason());
            if (result != null) {
                p.put("hosts", result.macByIp().size());
                p.put("ms", result.millis());
                if (result.error() != null) {
                    p.put("error", result.error());
                }
                p.put("start_ms", startMs);
            }
        }
    }

    /**
     * The neighbour table read again right after discovery, while answered hosts' entries are fresh;
     * {@code statesRead} false when only the resolved entries were read (every entry in the target was of a host
     * that answered TCP, so no entry's state could add a host), and then no entry is counted fresh.
     */
    public record NeighbourRead(int freshEntries, long ms, long startMs, boolean statesRead) implements Phase {
        @Override
        public String name() {
            return "neighbour_table";
        }

        @Override
        public void write(ObjectNode p) {
            p.put("packets_sent", 0);
            p.put("fresh_entries", freshEntries);
            p.put("ms", ms);
            p.put("start_ms", startMs);
            p.put("states_read", statesRead);
        }
    }

    /**
     * Every requested port on the live hosts, each host from the moment it was found; {@code ms} runs from the first
     * host's start to the last host's end, {@code startMs} from the scan's start to the first host's.
     */
    public record PortScan(int hosts, String portList, int ports, long timeoutMs, int settingsRetries,
                           ProbeEngine.Stats stats, long startMs) implements Phase {
        @Override
        public String name() {
            return "port_scan";
        }

        @Override
        public void write(ObjectNode p) {
            p.put("hosts", hosts);
            p.put("port_list", portList);
            p.put("ports", ports);
            p.put("timeout_ms", timeoutMs);
            p.put("retries", settingsRetries);
            writeStats(p, stats);
            p.put("start_ms", startMs);
        }
    }

    /**
     * Reverse DNS, each host looked up as soon as it is found; {@code waitedMs} is what the scan waited for it once
     * the port scan was over.
     */
    public record ReverseDnsWait(int lookups, int names, long deadlineMs, long waitedMs) implements Phase {
        @Override
        public String name() {
            return "reverse_dns";
        }

        @Override
        public void write(ObjectNode p) {
            p.put("lookups", lookups);
            p.put("names", names);
            p.put("deadline_ms", deadlineMs);
            p.put("waited_ms", waitedMs);
        }
    }

    /**
     * Banners read from open ports, each port asked as soon as it was found: {@code ms} is what the scan waited for
     * them once the port scan was over, {@code startMs} the first port's ask from the scan's start.
     */
    public record BannerGrab(int hosts, int banners, long ms, long startMs) implements Phase {
        @Override
        public String name() {
            return "banners";
        }

        @Override
        public void write(ObjectNode p) {
            p.put("hosts", hosts);
            p.put("banners", banners);
            p.put("ms", ms);
            p.put("start_ms", startMs);
        }
    }

    public ObjectNode toJson() {
        ObjectNode d = Json.object();
        d.put("mode", mode.value());
        d.put("target_addresses", targetAddresses);
        ArrayNode list = d.putArray("phases");
        for (Phase phase : phases) {
            ObjectNode p = list.addObject();
            p.put("name", phase.name());
            phase.write(p);
        }
        d.put("is_root", isRoot);
        d.put("probes_sent", probesSent);
        d.put("rate", settings.rate());
        d.put("max_in_flight", settings.maxInFlight());
        d.put("per_host_cap", settings.perHostCap());
        d.put("hosts_found", hostsFound);
        d.put("duration_ms", durationMs);
        return d;
    }

    private static void writeStats(ObjectNode p, ProbeEngine.Stats s) {
        p.put("probes_sent", s.sent());
        p.put("retries", s.retries());
        p.put("open", s.open());
        p.put("closed", s.closed());
        p.put("filtered", s.filtered());
        p.put("unreachable", s.unreachable());
        p.put("local_errors", s.localErrors());
        p.put("local_failures_reported", s.localFailed());
        p.put("skipped", s.skipped());
        p.put("ms", s.nanos() / 1_000_000);
    }
}
