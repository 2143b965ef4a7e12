package io.bigr.discovery.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyEngineTest {
    private static final TopologyAsset ROUTER = new TopologyAsset("192.168.1.1", "aa:00:00:00:00:01", "router", null,
            BigrCategory.AG_VE_SISTEMLER, 0.9, List.of(53, 80), null, null);
    private static final TopologyAsset CAMERA = new TopologyAsset("192.168.1.50", "aa:00:00:00:00:32", null,
            "Hikvision", BigrCategory.IOT, 0.8, List.of(554), "10.0.0.254", "Gi0/5");
    private static final TopologyAsset OTHER = new TopologyAsset("10.0.0.5", null, null, null, BigrCategory.UNCLASSIFIED, 0.1,
            List.of(), null, null);

    /** The worked example of docs/DOMAIN.md §6.8. */
    @Test
    void workedExample() {
        Topology t = TopologyEngine.build(List.of(ROUTER, CAMERA, OTHER));
        assertThat(t.nodes()).extracting(Topology.Node::id).containsExactly("192.168.1.0/24", "10.0.0.0/24",
                "192.168.1.1", "192.168.1.50", "10.0.0.5", "switch:10.0.0.254");
        assertThat(t.nodes()).extracting(Topology.Node::type).containsExactly("subnet", "subnet", "gateway", "device",
                "device", "switch");
        assertThat(t.nodes()).extracting(Topology.Node::label).containsExactly("192.168.1.0/24", "10.0.0.0/24",
                "router", "Hikvision", "10.0.0.5", "10.0.0.254");
        assertThat(t.nodes()).extracting(Topology.Node::size).containsExactly(20, 20, 30, 10, 10, 25);
        assertThat(t.nodes()).extracting(Topology.Node::color).containsExactly("#334155", "#334155", "#3b82f6",
                "#10b981", "#6b7280", "#60a5fa");
        assertThat(t.edges()).containsExactly(
                new Topology.Edge("192.168.1.1", "192.168.1.0/24", "gateway", "gateway"),
                new Topology.Edge("192.168.1.50", "192.168.1.0/24", "subnet", null),
                new Topology.Edge("10.0.0.5", "10.0.0.0/24", "subnet", null),
                new Topology.Edge("switch:10.0.0.254", "192.168.1.0/24", "switch", "switch uplink"),
                new Topology.Edge("switch:10.0.0.254", "10.0.0.0/24", "switch", "switch uplink"));
        assertThat(t.stats().totalNodes()).isEqualTo(6);
        assertThat(t.stats().totalEdges()).isEqualTo(5);
        assertThat(t.stats().nodeTypes()).containsExactly(Map.entry("subnet", 2), Map.entry("gateway", 1),
                Map.entry("device", 2), Map.entry("switch", 1));
        Topology.Node camera = t.nodes().get(3);
        assertThat(camera.subnet()).isEqualTo("192.168.1.0/24");
        assertThat(camera.switchPort()).isEqualTo("Gi0/5");
    }

    @Test
    void nodeJsonKeysInOrderWithDefaultsForNonDeviceNodes() {
        String json = Json.write(TopologyEngine.build(List.of(OTHER)));
        assertThat(json).isEqualTo("""
                {"nodes":[{"id":"10.0.0.0/24","label":"10.0.0.0/24","ip":null,"mac":null,"hostname":null,\
                "vendor":null,"type":"subnet","bigr_category":"unclassified","confidence":0.0,"open_ports":[],\
                "size":20,"color":"#334155","subnet":null,"switch_port":null},\
                {"id":"10.0.0.5","label":"10.0.0.5","ip":"10.0.0.5","mac":null,"hostname":null,"vendor":null,\
                "type":"device","bigr_category":"unclassified","confidence":0.1,"open_ports":[],"size":10,\
                "color":"#6b7280","subnet":"10.0.0.0/24","switch_port":null}],\
                "edges":[{"source":"10.0.0.5","target":"10.0.0.0/24","type":"subnet","label":null}],\
                "stats":{"total_nodes":2,"total_edges":1,"node_types":{"subnet":1,"device":1}}}""");
    }

    @Test
    void emptyInputAndInvalidCidrGiveTheEmptyGraph() {
        String empty = "{\"nodes\":[],\"edges\":[],\"stats\":{\"total_nodes\":0,\"total_edges\":0,\"node_types\":{}}}";
        assertThat(Json.write(TopologyEngine.build(List.of()))).isEqualTo(empty);
        assertThat(Json.write(TopologyEngine.subnet(List.of(ROUTER), "nonsense"))).isEqualTo(empty);
    }

    @Test
    void gatewayRuleTwoNeedsWebOrDnsOnDotOneOrDot254() {
        TopologyAsset dot254 = new TopologyAsset("10.1.1.254", null, null, null, BigrCategory.IOT, 0.5, List.of(443), null, null);
        TopologyAsset dot1NoPorts = new TopologyAsset("10.1.2.1", null, null, null, BigrCategory.IOT, 0.5, List.of(22), null,
                null);
        assertThat(TopologyEngine.gateway(List.of(dot1NoPorts, dot254))).isEqualTo("10.1.1.254");
        assertThat(TopologyEngine.gateway(List.of(dot1NoPorts))).isNull();
        // Rule 1 wins over an earlier rule-2 candidate.
        assertThat(TopologyEngine.gateway(List.of(dot254, ROUTER))).isEqualTo("192.168.1.1");
    }

    @Test
    void subnetFilterIsNonStrictAndUnknownCategoryIsGrey() {
        // A stored category outside the five ("printer") reaches the engine as unclassified (the database mapper).
        TopologyAsset odd = new TopologyAsset("192.168.1.9", null, null, null, BigrCategory.fromValue("printer"), 0.5,
                List.of(), null, null);
        Topology t = TopologyEngine.subnet(List.of(ROUTER, CAMERA, OTHER, odd), "192.168.1.77/24");
        assertThat(t.nodes()).extracting(Topology.Node::id).containsExactly("192.168.1.0/24", "192.168.1.1",
                "192.168.1.50", "192.168.1.9", "switch:10.0.0.254");
        assertThat(t.nodes().get(3).color()).isEqualTo("#6b7280");
    }

    @Test
    void invalidIpGetsANodeButNoSubnetOrEdge() {
        TopologyAsset bad = new TopologyAsset("not-an-ip", null, null, null, BigrCategory.IOT, 0.5, List.of(), null, null);
        Topology t = TopologyEngine.build(List.of(bad));
        assertThat(t.nodes()).extracting(Topology.Node::id).containsExactly("not-an-ip");
        assertThat(t.edges()).isEmpty();
    }

    /**
     * The /24 of a canonical dotted quad, cut at its last dot, is the address library's answer; other texts (leading
     * zeros, blanks, IPv6, a prefix, nonsense) still go the library's way.
     */
    @Test
    void slash24OfADottedQuadIsTheLibrarysAnswer() {
        for (String ip : List.of("0.0.0.0", "10.0.0.1", "192.168.1.50", "255.255.255.255", "172.16.254.3",
                "8.8.8.8", "100.64.0.99")) {
            String library = io.bigr.discovery.core.IpAddresses.networkText(new inet.ipaddr.IPAddressString(ip)
                    .getAddress().setPrefixLength(24, false));
            assertThat(TopologyEngine.slash24(ip)).as(ip).contains(library);
        }
        assertThat(TopologyEngine.slash24(" 10.1.2.3 ")).contains("10.1.2.0/24");
        assertThat(TopologyEngine.slash24("2001:db8::1")).contains("2001:d00::/24");
        assertThat(TopologyEngine.slash24("10.0.0.0/8")).isEmpty();
        assertThat(TopologyEngine.slash24("not an address")).isEmpty();
        assertThat(TopologyEngine.slash24("")).isEmpty();
    }
}
