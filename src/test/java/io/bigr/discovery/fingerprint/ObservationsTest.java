package io.bigr.discovery.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The banner object the scan writes (docs/DOMAIN.md §5.12) gives the texts fingerprints match. */
class ObservationsTest {
    @Test
    void theScansTlsObjectGivesTheTlsSubject() throws Exception {
        ObjectNode ev = (ObjectNode) Json.MAPPER.readTree("{\"banners\":{\"8443\":{\"service\":\"https\","
                + "\"server\":\"lighttpd\",\"protocol\":\"HTTP/1.1\",\"tls\":{\"subject\":\"CN=FGT60F,O=Fortinet\","
                + "\"issuer\":\"CN=FGT60F,O=Fortinet\",\"san\":[],\"not_after\":\"2030-01-01T00:00:00Z\"}}}}");
        List<Observation> obs = Observations.of(ev, null, List.of(8443));
        assertThat(obs).anySatisfy(o -> {
            assertThat(o.kind()).isEqualTo(EvidenceKind.TLS_SUBJECT);
            assertThat(o.text()).isEqualTo("CN=FGT60F,O=Fortinet");
            assertThat(o.source()).isEqualTo("banners.8443.tls.subject");
        });
    }

    @Test
    void probedServicesNetbiosAndTheSsdpServerLineGiveTheirTexts() throws Exception {
        ObjectNode ev = (ObjectNode) Json.MAPPER.readTree("{\"banners\":{\"3306\":{\"service\":\"mysql\","
                + "\"banner\":\"8.0.36-0ubuntu0.22.04.1\"},\"21\":{\"service\":\"ftp\",\"banner\":\"220 (vsFTPd 3.0.5)\"}},"
                + "\"netbios\":{\"name\":\"DC01\",\"names\":[\"DC01<00>\",\"CORP<1C> (group)\"]},"
                + "\"upnp\":[{\"manufacturer\":\"Sonos, Inc.\",\"model_name\":\"Sonos One\","
                + "\"server\":\"Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)\",\"source\":\"ssdp\"}]}");
        List<Observation> obs = Observations.of(ev, null, List.of());
        assertThat(obs).extracting(Observation::kind, Observation::text, Observation::source).contains(
                org.assertj.core.groups.Tuple.tuple(EvidenceKind.GREETING, "mysql 8.0.36-0ubuntu0.22.04.1",
                        "banners.3306.banner"),
                org.assertj.core.groups.Tuple.tuple(EvidenceKind.GREETING, "220 (vsFTPd 3.0.5)", "banners.21.banner"),
                org.assertj.core.groups.Tuple.tuple(EvidenceKind.NETBIOS_NAMES, "DC01<00>, CORP<1C> (group)",
                        "netbios.names"),
                org.assertj.core.groups.Tuple.tuple(EvidenceKind.UPNP_DESCRIPTION,
                        "manufacturer=Sonos, Inc.; model_name=Sonos One", "upnp[0]"),
                org.assertj.core.groups.Tuple.tuple(EvidenceKind.HTTP_SERVER, "Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)",
                        "upnp[0].server"));
    }
}
