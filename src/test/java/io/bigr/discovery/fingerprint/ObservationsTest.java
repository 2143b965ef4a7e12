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
}
