package io.bigr.discovery.topology;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** The network graph of docs/DOMAIN.md §6.8 in its wire shape: {@code {"nodes", "edges", "stats"}}. */
@JsonPropertyOrder({"nodes", "edges", "stats"})
public record Topology(List<Node> nodes, List<Edge> edges, Stats stats) {

    /** The empty graph (no assets, or an invalid subnet filter). */
    public static Topology empty() {
        return new Topology(List.of(), List.of(), new Stats(0, 0, Map.of()));
    }

    /** A subnet, gateway, device or switch node; non-device nodes carry the defaults (nulls, unclassified, 0.0, []). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"id", "label", "ip", "mac", "hostname", "vendor", "type", "bigr_category", "confidence",
        "open_ports", "size", "color", "subnet", "switch_port"})
    public record Node(String id, String label, String ip, String mac, String hostname, String vendor, String type,
                       String bigrCategory, double confidence, List<Integer> openPorts, int size, String color,
                       String subnet, String switchPort) {
    }

    @JsonPropertyOrder({"source", "target", "type", "label"})
    public record Edge(String source, String target, String type, String label) {
    }

    /** {@code node_types}: count per node type in first-seen order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"total_nodes", "total_edges", "node_types"})
    public record Stats(int totalNodes, int totalEdges, Map<String, Integer> nodeTypes) {
    }
}
