package io.bigr.discovery.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MdnsCollectorTest {
    private static byte[] txt(String... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String e : entries) {
            byte[] b = e.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void txtRecordsDecodeToStrings() {
        assertThat(MdnsCollector.txt(txt("md=Chromecast", "flag", "empty=", "md=second", "fn=Salon=1")))
                .containsExactly(Map.entry("md", "Chromecast"), Map.entry("flag", ""), Map.entry("empty", ""),
                        Map.entry("fn", "Salon=1"));
        assertThat(MdnsCollector.txt(new byte[] {0})).isEmpty();
        assertThat(MdnsCollector.txt(null)).isEmpty();
    }

    @Test
    void enrichmentIsByExactIpAndKeepsAnExistingHostname() {
        MdnsService cast = new MdnsService("TV", "_googlecast._tcp.local.", "10.0.0.5", 8009, "tv.local.", Map.of());
        MdnsService ssh = new MdnsService("nas", "_ssh._tcp.local.", "10.0.0.6", 22, "nas.local.", Map.of("a", "b"));
        List<Asset> out = MdnsEnricher.enrich(List.of(Asset.of(IpAddress.of("10.0.0.5")), Asset.of(IpAddress.of("10.0.0.6")).withHostname("keep"),
                Asset.of(IpAddress.of("10.0.0.50"))), List.of(cast, ssh));
        assertThat(out.get(0).hostname()).isEqualTo("tv.local.");
        assertThat(out.get(0).rawEvidence().get("mdns_services").get(0).get("service_type").asText())
                .isEqualTo("_googlecast._tcp.local.");
        assertThat(out.get(1).hostname()).isEqualTo("keep");
        assertThat(out.get(1).rawEvidence().get("mdns_services").get(0).get("properties").get("a").asText())
                .isEqualTo("b");
        assertThat(out.get(2).rawEvidence().has("mdns_services")).isFalse();
    }
}
