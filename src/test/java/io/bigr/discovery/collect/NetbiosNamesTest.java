package io.bigr.discovery.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.netbios.NodeStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node-status answer becomes {@code netbios} evidence and names a host that had no name. */
class NetbiosNamesTest {
    @Test
    void theNameTableIsEvidenceAndTheMachineNameNamesAHostWithoutOne() {
        NodeStatus.Answer dc = new NodeStatus.Answer("10.0.0.2", List.of(new NodeStatus.Name("DC01", 0, false),
                new NodeStatus.Name("CORP", 0x1c, true)), "14:fe:b5:4a:24:0f");
        Asset unnamed = Asset.of(IpAddress.of("10.0.0.2"));
        Asset named = Asset.of(IpAddress.of("10.0.0.3")).withHostname("fs01.corp.lab");
        NodeStatus.Answer fs = new NodeStatus.Answer("10.0.0.3", List.of(new NodeStatus.Name("FS01", 0, false)), null);
        Asset other = Asset.of(IpAddress.of("10.0.0.4"));
        List<Asset> out = NetbiosNames.enrich(List.of(unnamed, named, other), Map.of("10.0.0.2", dc, "10.0.0.3", fs));
        assertThat(out.get(0).hostname()).isEqualTo("dc01");
        assertThat(out.get(0).rawEvidence().get("netbios").toString())
                .isEqualTo("{\"name\":\"DC01\",\"names\":[\"DC01<00>\",\"CORP<1C> (group)\"],\"mac\":\"14:fe:b5:4a:24:0f\"}");
        assertThat(out.get(1).hostname()).isEqualTo("fs01.corp.lab");
        assertThat(out.get(1).rawEvidence().get("netbios").has("mac")).isFalse();
        assertThat(out.get(2)).isSameAs(other);
    }
}
