package io.bigr.discovery.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.scan.Listeners;
import io.bigr.discovery.upnp.SsdpSearch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a device volunteers, read from loopback servers speaking HTTP: an SSDP answer's description is read only on
 * a scanned host that is the answer's own address; an identity endpoint only on a port that answered HTTP.
 */
class DeviceDescriptionsTest {
    private static final String XML = "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
            + "<deviceType>urn:schemas-upnp-org:device:ZonePlayer:1</deviceType><friendlyName>Office - Sonos One"
            + "</friendlyName><manufacturer>Sonos, Inc.</manufacturer><modelName>Sonos One</modelName></device></root>";

    private static String http(String type, String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String prefix() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(100, 250) + "." + r.nextInt(1, 250) + ".";
    }

    private static Asset withHttpBanner(String ip, int port) {
        ObjectNode ev = Json.object();
        ev.putObject("banners").putObject(Integer.toString(port)).put("service", "http");
        return Asset.of(IpAddress.of(ip)).withEvidence(ev);
    }

    @Test
    void anSsdpAnswersDescriptionOnAScannedHostBecomesEvidence() throws Exception {
        String p = prefix();
        AtomicInteger strangerAsked = new AtomicInteger();
        try (Listeners.Listener sonos = Listeners.listen(p + "10", 0, Listeners.answers(http("text/xml", XML)));
             Listeners.Listener stranger = Listeners.listen(p + "99", 0, c -> strangerAsked.incrementAndGet())) {
            List<Asset> assets = List.of(Asset.of(IpAddress.of(p + "10")), Asset.of(IpAddress.of(p + "11")));
            List<SsdpSearch.Response> answers = List.of(
                    new SsdpSearch.Response(p + "10", "http://" + p + "10:" + sonos.port() + "/xml/desc.xml",
                            "Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)", "upnp:rootdevice", "uuid:1"),
                    // not a scanned host: never fetched
                    new SsdpSearch.Response(p + "99", "http://" + p + "99:" + stranger.port() + "/d.xml", null, null,
                            null),
                    // a scanned host pointing elsewhere: never fetched
                    new SsdpSearch.Response(p + "11", "http://" + p + "99:" + stranger.port() + "/d.xml", null, null,
                            null));
            List<Asset> out = DeviceDescriptions.enrich(assets, answers, Duration.ofSeconds(3));
            JsonNode upnp = out.get(0).rawEvidence().get("upnp");
            assertThat(upnp).hasSize(1);
            assertThat(upnp.get(0).get("manufacturer").asText()).isEqualTo("Sonos, Inc.");
            assertThat(upnp.get(0).get("model_name").asText()).isEqualTo("Sonos One");
            assertThat(upnp.get(0).get("server").asText()).isEqualTo("Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)");
            assertThat(upnp.get(0).get("source").asText()).isEqualTo("ssdp");
            assertThat(out.get(1).rawEvidence().has("upnp")).isFalse();
            assertThat(strangerAsked).hasValue(0);
        }
    }

    @Test
    void anIdentityEndpointIsAskedOnlyOnItsPortWhenThatPortAnsweredHttp() throws Exception {
        String p = prefix();
        String eureka = "{\"name\":\"Den TV\",\"device_info\":{\"manufacturer\":\"Google Inc.\","
                + "\"model_name\":\"Chromecast\"}}";
        AtomicInteger asked = new AtomicInteger();
        try (Listeners.Listener cast = Listeners.listen(p + "20", 8008, c -> {
            asked.incrementAndGet();
            Listeners.answers(http("application/json", eureka)).serve(c);
        })) {
            Asset answeredHttp = withHttpBanner(p + "20", 8008);
            List<Asset> out = DeviceDescriptions.enrich(List.of(answeredHttp), List.of(), Duration.ofSeconds(3));
            JsonNode upnp = out.get(0).rawEvidence().get("upnp");
            assertThat(upnp.get(0).get("model_name").asText()).isEqualTo("Chromecast");
            assertThat(upnp.get(0).get("friendly_name").asText()).isEqualTo("Den TV");
            assertThat(upnp.get(0).get("source").asText()).isEqualTo("eureka_info");
            assertThat(asked).hasValue(1);
            // the same host without an HTTP answer on 8008 is not asked
            List<Asset> silent = List.of(Asset.of(IpAddress.of(p + "20")));
            assertThat(DeviceDescriptions.enrich(silent, List.of(), Duration.ofSeconds(3))).isEqualTo(silent);
            assertThat(asked).hasValue(1);
        }
    }
}
