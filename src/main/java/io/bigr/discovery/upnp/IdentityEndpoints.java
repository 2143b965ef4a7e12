package io.bigr.discovery.upnp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Identity endpoints (docs/DOMAIN.md §5.14): read-only documents in which a kind of device describes itself, each
 * asked only on its own port and only when that port already answered HTTP in this scan's banners (§5.12). The
 * table is closed and small: a cast device's setup info, a Roku's device info, a Samsung TV's remote-API
 * description, a Sonos player's UPnP description.
 */
public final class IdentityEndpoints {
    /** One endpoint: its port, path and parser. */
    record Endpoint(int port, String path, BiFunction<String, byte[], DeviceDescription> parser) {
    }

    static final List<Endpoint> TABLE = List.of(
            new Endpoint(8008, "/setup/eureka_info?params=name,device_info", DeviceDescription::eurekaJson),
            new Endpoint(8060, "/query/device-info", DeviceDescription::rokuXml),
            new Endpoint(8001, "/api/v2/", DeviceDescription::samsungJson),
            new Endpoint(1400, "/xml/device_description.xml",
                    (url, body) -> DeviceDescription.upnpXml("sonos_description", url, body)));

    private IdentityEndpoints() {
    }

    /** The endpoint requests for one host, given its {@code raw_evidence.banners} object (may be null). */
    public static List<DescriptionFetcher.Request> requests(String ip, JsonNode banners) {
        List<DescriptionFetcher.Request> out = new ArrayList<>();
        if (banners == null || !banners.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = banners.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!"http".equals(e.getValue().path("service").asText())) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(e.getKey());
            } catch (NumberFormatException x) {
                continue;
            }
            for (Endpoint ep : TABLE) {
                if (ep.port() == port) {
                    out.add(new DescriptionFetcher.Request(ip, URI.create("http://" + ip + ":" + port + ep.path()),
                            ep.parser()));
                }
            }
        }
        return out;
    }
}
