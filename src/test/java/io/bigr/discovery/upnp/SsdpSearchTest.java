package io.bigr.discovery.upnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SSDP answers as devices send them; a target no interface faces sends nothing and costs no time. */
class SsdpSearchTest {
    @Test
    void anAnswerGivesItsLocationAndServer() {
        SsdpSearch.Response r = SsdpSearch.parse("10.0.0.5", "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\n"
                + "EXT:\r\nLOCATION: http://10.0.0.5:1400/xml/device_description.xml\r\nSERVER: Linux UPnP/1.0 "
                + "Sonos/70.3-35220 (ZPS18)\r\nST: upnp:rootdevice\r\nUSN: uuid:RINCON_1::upnp:rootdevice\r\n\r\n");
        assertThat(r).isEqualTo(new SsdpSearch.Response("10.0.0.5", "http://10.0.0.5:1400/xml/device_description.xml",
                "Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)", "upnp:rootdevice", "uuid:RINCON_1::upnp:rootdevice"));
        assertThat(SsdpSearch.parse("10.0.0.5", "NOTIFY * HTTP/1.1\r\nLOCATION: http://x/\r\n\r\n")).isNull();
        assertThat(SsdpSearch.parse("10.0.0.5", "HTTP/1.1 200 OK\r\nSERVER: x\r\n\r\n")).isNull();
    }

    @Test
    void theSearchIsAnMSearchForEverything() {
        String m = new String(SsdpSearch.mSearch("ssdp:all"), StandardCharsets.US_ASCII);
        assertThat(m).startsWith("M-SEARCH * HTTP/1.1\r\n").contains("MAN: \"ssdp:discover\"\r\n", "MX: 1\r\n",
                "ST: ssdp:all\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void aTargetNoInterfaceFacesSendsNothing() {
        long t0 = System.nanoTime();
        assertThat(SsdpSearch.start("127.0.0.0/8", Duration.ofSeconds(3), Duration.ofMillis(300)).responses())
                .isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
    }
}
