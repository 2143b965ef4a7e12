package io.bigr.discovery.topology;

import com.fasterxml.jackson.core.JsonGenerator;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddresses;
import java.io.IOException;
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
        Plan plan = new Plan(assets);
        List<Topology.Node> nodes = new ArrayList<>();
        List<Topology.Edge> edges = new ArrayList<>();
        plan.eachNode(nodes::add);
        plan.eachEdge(edges::add);
        Map<String, Integer> types = new LinkedHashMap<>();
        nodes.forEach(n -> types.merge(n.type(), 1, Integer::sum));
        return new Topology(List.copyOf(nodes), List.copyOf(edges),
                new Topology.Stats(nodes.size(), edges.size(), types));
    }

    /**
     * Writes {@link #build}'s graph of {@code assets} to {@code g} byte for byte as the project mapper writes the
     * {@link Topology} (TopologyEngineTest holds the two together), one node or edge at a time: the graph of 100,000
     * assets is never held as 200,000 node and edge records (half of its render time at that size).
     */
    public static void write(List<TopologyAsset> assets, JsonGenerator g) throws IOException {
        Plan plan = new Plan(assets);
        Map<String, Integer> types = new LinkedHashMap<>();
        int[] edges = {0};
        try {
            g.writeStartObject();
            g.writeArrayFieldStart("nodes");
            plan.eachNode(n -> {
                writeNode(g, n);
                types.merge(n.type(), 1, Integer::sum);
            });
            g.writeEndArray();
            g.writeArrayFieldStart("edges");
            plan.eachEdge(e -> {
                writeEdge(g, e);
                edges[0]++;
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("stats");
        g.writeNumberField("total_nodes", types.values().stream().mapToInt(Integer::intValue).sum());
        g.writeNumberField("total_edges", edges[0]);
        g.writeObjectFieldStart("node_types");
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeNode(JsonGenerator g, Topology.Node n) {
        try {
            g.writeStartObject();
            g.writeStringField("id", n.id());
            g.writeStringField("label", n.label());
            g.writeStringField("ip", n.ip());
            g.writeStringField("mac", n.mac());
            g.writeStringField("hostname", n.hostname());
            g.writeStringField("vendor", n.vendor());
            g.writeStringField("type", n.type());
            g.writeStringField("bigr_category", n.bigrCategory());
            g.writeNumberField("confidence", n.confidence());
            g.writeArrayFieldStart("open_ports");
            for (int port : n.openPorts()) {
                g.writeNumber(port);
            }
            g.writeEndArray();
            g.writeNumberField("size", n.size());
            g.writeStringField("color", n.color());
            g.writeStringField("subnet", n.subnet());
            g.writeStringField("switch_port", n.switchPort());
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeEdge(JsonGenerator g, Topology.Edge e) {
        try {
            g.writeStartObject();
            g.writeStringField("source", e.source());
            g.writeStringField("target", e.target());
            g.writeStringField("type", e.type());
            g.writeStringField("label", e.label());
            g.writeEndObject();
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    private static Topology.Node subnetNode(String cidr) {
        return new Topology.Node(cidr, cidr, null, null, null, null, "subnet", "unclassified", 0.0, List.of(),
                SUBNET_SIZE, SUBNET_COLOR, null, null);
    }

    private static Topology.Node switchNode(String host) {
        return new Topology.Node("switch:" + host, host, null, null, null, null, "switch", "unclassified", 0.0,
                List.of(), SWITCH_SIZE, SWITCH_COLOR, null, null);
    }

    private static Topology.Edge uplink(String host, String cidr) {
        return new Topology.Edge("switch:" + host, cidr, "switch", "switch uplink");
    }

    /** The node of an asset with an ip. */
    private static Topology.Node deviceNode(TopologyAsset a, boolean isGateway, String subnet) {
        String label = nonEmpty(a.hostname()) ? a.hostname() : nonEmpty(a.vendor()) ? a.vendor() : a.ip();
        BigrCategory category = a.bigrCategory();
        return new Topology.Node(a.ip(), label, a.ip(), a.mac(), a.hostname(), a.vendor(),
                isGateway ? "gateway" : "device", category.value(), a.confidenceScore(), a.openPorts(),
                isGateway ? GATEWAY_SIZE : DEVICE_SIZE, CATEGORY_COLORS.getOrDefault(category, UNKNOWN_COLOR),
                subnet, a.switchPort());
    }

    /** The edge of an asset with an ip to its subnet. */
    private static Topology.Edge edge(TopologyAsset a, boolean isGateway, String subnet) {
        return isGateway ? new Topology.Edge(a.ip(), subnet, "gateway", "gateway")
                : new Topology.Edge(a.ip(), subnet, "subnet", null);
    }

    /** What the graph's order needs before its first node: the gateway, each asset's /24, subnets and switches. */
    private static final class Plan {
        final List<TopologyAsset> assets;
        final String gateway;
        final String[] subnetOf; // by position: hashing each record hashed all its fields
        final Set<String> subnets = new LinkedHashSet<>();
        final Set<String> switches = new LinkedHashSet<>();

        private Plan(List<TopologyAsset> assets) {
            this.assets = assets;
            gateway = gateway(assets);
            subnetOf = new String[assets.size()];
            for (int i = 0; i < subnetOf.length; i++) {
                TopologyAsset a = assets.get(i);
                subnetOf[i] = slash24(a.ip()).orElse(null);
                if (subnetOf[i] != null) {
                    subnets.add(subnetOf[i]);
                }
                if (a.switchHost() != null && !a.switchHost().isEmpty()) {
                    switches.add(a.switchHost());
                }
            }
        }

        /** Nodes in graph order: subnets (first seen), assets with an ip (input order), switches (first seen). */
        void eachNode(java.util.function.Consumer<Topology.Node> sink) {
            subnets.forEach(cidr -> sink.accept(subnetNode(cidr)));
            for (int i = 0; i < assets.size(); i++) {
                TopologyAsset a = assets.get(i);
                if (a.ip() != null && !a.ip().isEmpty()) {
                    sink.accept(deviceNode(a, a.ip().equals(gateway), subnetOf[i]));
                }
            }
            switches.forEach(host -> sink.accept(switchNode(host)));
        }

        /** Edges in graph order: each asset's to its subnet, then each switch's uplink to every subnet. */
        void eachEdge(java.util.function.Consumer<Topology.Edge> sink) {
            for (int i = 0; i < assets.size(); i++) {
                TopologyAsset a = assets.get(i);
                if (a.ip() != null && !a.ip().isEmpty() && subnetOf[i] != null) {
                    sink.accept(edge(a, a.ip().equals(gateway), subnetOf[i]));
                }
            }
            for (String host : switches) {
                subnets.forEach(cidr -> sink.accept(uplink(host, cidr)));
            }
        }
    }

    /** The assets inside {@code cidr} (non-strict parse), in their order; none for an invalid CIDR. */
    public static List<TopologyAsset> within(List<TopologyAsset> assets, String cidr) {
        Optional<IPAddress> network = IpAddresses.network(cidr);
        if (network.isEmpty()) {
            return List.of();
        }
        return assets.stream().filter(a -> IpAddresses.contains(network.get(), a.ip())).toList();
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
