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
        assertThat(Json.write(TopologyEngine.build(TopologyEngine.within(List.of(ROUTER), "nonsense")))).isEqualTo(empty);
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
        Topology t = TopologyEngine.build(TopologyEngine.within(List.of(ROUTER, CAMERA, OTHER, odd), "192.168.1.77/24"));
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

    /**
     * The streamed graph is the mapped one, byte for byte: random inventories with gateways of both rules, shared
     * and unparsable addresses, IPv6, switches, nulls, Turkish and control characters, odd confidences.
     */
    @Test
    void writtenGraphEqualsTheMappedOne() throws Exception {
        java.util.Random random = new java.util.Random(15);
        String[] ips = {"192.168.1.1", "192.168.1.254", "192.168.1.7", "10.0.0.1", "10.0.0.9", "10.0.3.1",
            "fe80::1", "2001:db8::5", "not-an-ip", "", null, " 172.16.0.4 ", "10.0.0.0/8"};
        String[] names = {null, "", "router", "Kamera-Şube\u00e7\"1\"", "tab\there", "\u0001ctl"};
        double[] confidences = {0.0, 0.1, 0.3333333333333333, 1.0, 0.85, 1e-7};
        BigrCategory[] categories = BigrCategory.values();
        for (int round = 0; round < 300; round++) {
            List<TopologyAsset> assets = new java.util.ArrayList<>();
            int n = random.nextInt(round < 10 ? 3 : 40);
            for (int i = 0; i < n; i++) {
                String ip = random.nextInt(4) == 0 ? ips[random.nextInt(ips.length)]
                        : "10." + random.nextInt(3) + "." + random.nextInt(4) + "." + random.nextInt(256);
                List<Integer> ports = random.nextBoolean() ? List.of()
                        : List.of(53, 80, 443, 22, 65535).subList(0, 1 + random.nextInt(5));
                assets.add(new TopologyAsset(ip, names[random.nextInt(names.length)],
                        names[random.nextInt(names.length)], names[random.nextInt(names.length)],
                        categories[random.nextInt(categories.length)], confidences[random.nextInt(confidences.length)],
                        ports, random.nextInt(3) == 0 ? "sw-" + random.nextInt(3) : names[random.nextInt(2)],
                        names[random.nextInt(names.length)]));
            }
            java.io.StringWriter out = new java.io.StringWriter();
            try (com.fasterxml.jackson.core.JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
                TopologyEngine.write(assets, g);
            }
            assertThat(out.toString()).as("round %d", round).isEqualTo(Json.write(TopologyEngine.build(assets)));
        }
    }
}
