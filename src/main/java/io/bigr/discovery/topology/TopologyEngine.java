package io.bigr.discovery.topology;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the topology graph (docs/DOMAIN.md §6.8): one node per /24, per asset and per switch; device → subnet edges
 * and switch → every-subnet uplinks.
 *
 * <p>Invariants: node order is subnets (first-seen), assets (input order, those with an ip), switches (first-seen);
 * edge order is per asset then per switch; at most one gateway (the first asset matching rule 1, else rule 2); an
 * asset whose ip does not parse gets a node but no subnet and no edge. Pure: no I/O.
 */
public final class TopologyEngine {
    static final String SUBNET_COLOR = "#334155";
    static final String SWITCH_COLOR = "#60a5fa";
    static final String UNKNOWN_COLOR = "#6b7280";
    static final Map<BigrCategory, String> CATEGORY_COLORS = Map.of(
            BigrCategory.AG_VE_SISTEMLER, "#3b82f6",
            BigrCategory.UYGULAMALAR, "#8b5cf6",
            BigrCategory.IOT, "#10b981",
            BigrCategory.TASINABILIR, "#f59e0b",
            BigrCategory.UNCLASSIFIED, UNKNOWN_COLOR);
    static final int GATEWAY_SIZE = 30;
    static final int SWITCH_SIZE = 25;
    static final int SUBNET_SIZE = 20;
    static final int DEVICE_SIZE = 10;
    private static final Set<Integer> GATEWAY_PORTS = Set.of(53, 80, 443);

    private TopologyEngine() {
    }

    public static Topology build(List<TopologyAsset> assets) {
        if (assets.isEmpty()) {
            return Topology.empty();
        }
        String gateway = gateway(assets);
        String[] subnetOf = new String[assets.size()]; // by position: hashing each record hashed all its fields
        Set<String> subnets = new LinkedHashSet<>();
        for (int i = 0; i < subnetOf.length; i++) {
            subnetOf[i] = slash24(assets.get(i).ip()).orElse(null);
            if (subnetOf[i] != null) {
                subnets.add(subnetOf[i]);
            }
        }
        List<Topology.Node> nodes = new ArrayList<>();
        List<Topology.Edge> edges = new ArrayList<>();
        for (String cidr : subnets) {
            nodes.add(new Topology.Node(cidr, cidr, null, null, null, null, "subnet", "unclassified", 0.0, List.of(),
                    SUBNET_SIZE, SUBNET_COLOR, null, null));
        }
        Set<String> switches = new LinkedHashSet<>();
        for (int i = 0; i < subnetOf.length; i++) {
            TopologyAsset a = assets.get(i);
            if (a.switchHost() != null && !a.switchHost().isEmpty()) {
                switches.add(a.switchHost());
            }
            if (a.ip() == null || a.ip().isEmpty()) {
                continue;
            }
            boolean isGateway = a.ip().equals(gateway);
            String label = nonEmpty(a.hostname()) ? a.hostname() : nonEmpty(a.vendor()) ? a.vendor() : a.ip();
            BigrCategory category = a.bigrCategory();
            String subnet = subnetOf[i];
            nodes.add(new Topology.Node(a.ip(), label, a.ip(), a.mac(), a.hostname(), a.vendor(),
                    isGateway ? "gateway" : "device", category.value(), a.confidenceScore(), a.openPorts(),
                    isGateway ? GATEWAY_SIZE : DEVICE_SIZE, CATEGORY_COLORS.getOrDefault(category, UNKNOWN_COLOR),
                    subnet, a.switchPort()));
            if (subnet != null) {
                edges.add(isGateway ? new Topology.Edge(a.ip(), subnet, "gateway", "gateway")
                        : new Topology.Edge(a.ip(), subnet, "subnet", null));
            }
        }
        for (String host : switches) {
            String id = "switch:" + host;
            nodes.add(new Topology.Node(id, host, null, null, null, null, "switch", "unclassified", 0.0, List.of(),
                    SWITCH_SIZE, SWITCH_COLOR, null, null));
            for (String cidr : subnets) {
                edges.add(new Topology.Edge(id, cidr, "switch", "switch uplink"));
            }
        }
        Map<String, Integer> types = new LinkedHashMap<>();
        nodes.forEach(n -> types.merge(n.type(), 1, Integer::sum));
        return new Topology(List.copyOf(nodes), List.copyOf(edges),
                new Topology.Stats(nodes.size(), edges.size(), types));
    }

    /** The graph of the assets inside {@code cidr} (non-strict parse); an invalid CIDR gives the empty graph. */
    public static Topology subnet(List<TopologyAsset> assets, String cidr) {
        Optional<IPAddress> network = IpAddresses.network(cidr);
        if (network.isEmpty()) {
            return Topology.empty();
        }
        return build(assets.stream().filter(a -> IpAddresses.contains(network.get(), a.ip())).toList());
    }

    /** Rule 1: ".1" and ag_ve_sistemler; else rule 2: ".1"/".254" with DNS or web open; else none. */
    static String gateway(List<TopologyAsset> assets) {
        for (TopologyAsset a : assets) {
            if (a.ip() != null && a.ip().endsWith(".1") && a.bigrCategory() == BigrCategory.AG_VE_SISTEMLER) {
                return a.ip();
            }
        }
        for (TopologyAsset a : assets) {
            if (a.ip() != null && (a.ip().endsWith(".1") || a.ip().endsWith(".254"))
                    && a.openPorts().stream().anyMatch(GATEWAY_PORTS::contains)) {
                return a.ip();
            }
        }
        return null;
    }

    /**
     * The /24 network of an address, non-strict ({@code 192.168.1.50} → {@code 192.168.1.0/24}). A canonical dotted
     * quad (nearly every stored address) is cut at its last dot; anything else goes through the address library,
     * which took half of a 100,000-asset graph's build when every address did.
     */
    static Optional<String> slash24(String ip) {
        if (ip == null || ip.isBlank()) {
            return Optional.empty();
        }
        String s = ip.trim();
        if (IpAddresses.isDottedQuad(s)) {
            return Optional.of(s.substring(0, s.lastIndexOf('.')) + ".0/24");
        }
        IPAddress a = new IPAddressString(s).getAddress();
        if (a == null || a.isPrefixed()) {
            return Optional.empty();
        }
        return Optional.of(IpAddresses.networkText(a.setPrefixLength(24, false)));
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
