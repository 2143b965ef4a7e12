package io.bigr.discovery.snmp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the raw SNMP tables of one switch into MAC placements (docs/DOMAIN.md §5.8): forwarding entries (BRIDGE-MIB and
 * VLAN-indexed Q-BRIDGE-MIB), bridge port → ifIndex → interface name, and the uplink/trunk verdict per port.
 *
 * <p>A port is an <b>uplink</b> (never used to place an asset) when an LLDP neighbour is seen on it, or when it
 * carries more distinct MACs than {@code uplinkThreshold}: a MAC learned there is only "somewhere behind" that port.
 * Every other placement carries a confidence: {@code high} when the port carries exactly one MAC, {@code medium}
 * for a few MACs (a desk switch, a hypervisor), {@code low} when the MAC is learned on more than one non-uplink
 * port (the port with the fewest MACs is chosen). Entries the switch marks {@code self} (its own MACs) are dropped.
 * Pure: no I/O, deterministic order (by MAC).
 */
public final class ForwardingTable {
    /** dot1dTpFdbStatus / dot1qTpFdbStatus value of the switch's own addresses. */
    static final int STATUS_SELF = 4;

    /** One learned MAC: where the switch forwards it. {@code vlanId} is null for BRIDGE-MIB entries. */
    public record FdbEntry(String mac, int bridgePort, Integer vlanId, Integer status) {
    }

    /** Raw tables as walked. */
    public record Raw(List<FdbEntry> entries, Map<Integer, Integer> bridgePortIfIndex, Map<Integer, String> ifName,
                      Map<Integer, String> ifDescr, Map<Integer, String> lldpNeighbours) {
    }

    /** Why a port is an uplink, or not one. */
    public record Port(int bridgePort, String name, Integer ifIndex, int macCount, boolean uplink, String reason) {
    }

    /** Where one MAC is, and how sure we are; {@code port} is null for MACs seen only on uplinks. */
    public record Placement(String mac, Port port, Integer vlanId, String confidence, String reason) {
        public boolean placed() {
            return port != null;
        }
    }

    /** The result for one switch. {@code macCount} counts distinct learned MACs (self entries excluded). */
    public record Mapping(List<Placement> placements, List<Port> ports, int macCount) {
        public List<Port> uplinks() {
            return ports.stream().filter(Port::uplink).toList();
        }
    }

    private ForwardingTable() {
    }

    public static Mapping map(Raw raw, int uplinkThreshold) {
        Map<Integer, Set<String>> macsByPort = new TreeMap<>();
        Map<String, Map<Integer, Integer>> portsByMac = new TreeMap<>(); // mac → bridge port → vlan (nullable)
        for (FdbEntry e : raw.entries()) {
            if (e.status() != null && e.status() == STATUS_SELF || e.bridgePort() <= 0) {
                continue; // the switch's own MACs, and entries with no port (0 = unknown / CPU)
            }
            macsByPort.computeIfAbsent(e.bridgePort(), k -> new TreeSet<>()).add(e.mac());
            Map<Integer, Integer> ports = portsByMac.computeIfAbsent(e.mac(), k -> new LinkedHashMap<>());
            Integer known = ports.get(e.bridgePort());
            ports.put(e.bridgePort(), known != null ? known : e.vlanId());
        }
        Map<Integer, Port> ports = new LinkedHashMap<>();
        macsByPort.forEach((bp, macs) -> ports.put(bp, port(raw, bp, macs.size(), uplinkThreshold)));
        List<Placement> placements = new ArrayList<>();
        portsByMac.forEach((mac, seen) -> placements.add(place(mac, seen, ports)));
        placements.sort(Comparator.comparing(Placement::mac));
        return new Mapping(placements, List.copyOf(ports.values()), portsByMac.size());
    }

    private static Port port(Raw raw, int bridgePort, int macCount, int threshold) {
        Integer ifIndex = raw.bridgePortIfIndex().get(bridgePort);
        String name = ifIndex == null ? null : raw.ifName().get(ifIndex);
        if (name == null || name.isBlank()) {
            name = ifIndex == null ? null : raw.ifDescr().get(ifIndex);
        }
        if (name == null || name.isBlank()) {
            name = "port-" + bridgePort;
        }
        String neighbour = raw.lldpNeighbours().get(bridgePort);
        if (neighbour != null) {
            return new Port(bridgePort, name, ifIndex, macCount, true, "LLDP neighbour " + neighbour);
        }
        if (macCount > threshold) {
            return new Port(bridgePort, name, ifIndex, macCount, true,
                    macCount + " MACs on one port (uplink threshold " + threshold + ")");
        }
        return new Port(bridgePort, name, ifIndex, macCount, false, macCount + " MAC(s) on the port");
    }

    private static Placement place(String mac, Map<Integer, Integer> seen, Map<Integer, Port> ports) {
        List<Map.Entry<Integer, Integer>> access = seen.entrySet().stream()
                .filter(e -> !ports.get(e.getKey()).uplink())
                .sorted(Comparator.comparing((Map.Entry<Integer, Integer> e) -> ports.get(e.getKey()).macCount())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        if (access.isEmpty()) {
            Port via = ports.get(seen.keySet().iterator().next());
            return new Placement(mac, null, seen.get(via.bridgePort()), "none",
                    "learned only on uplink " + via.name() + " (" + via.reason() + ")");
        }
        Port p = ports.get(access.get(0).getKey());
        Integer vlan = access.get(0).getValue();
        if (access.size() > 1) {
            return new Placement(mac, p, vlan, "low", "learned on " + access.size()
                    + " access ports; chose the one with the fewest MACs");
        }
        return p.macCount() == 1
                ? new Placement(mac, p, vlan, "high", "only MAC on an access port")
                : new Placement(mac, p, vlan, "medium", p.macCount() + " MACs share this access port");
    }

    /** Counts of each confidence, for reports. */
    public static Map<String, Integer> confidenceCounts(List<Placement> placements) {
        Map<String, Integer> counts = new HashMap<>();
        placements.forEach(p -> counts.merge(p.confidence(), 1, Integer::sum));
        return counts;
    }
}
