package io.bigr.discovery.mdns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * One resolved DNS-SD service instance (docs/DOMAIN.md §5.7): {@code name} is the instance name, {@code serviceType}
 * the fully qualified type ({@code _googlecast._tcp.local.}), {@code hostname} the target host name
 * ({@code chromecast-abc.local.}), {@code port} 0 when unknown, TXT properties decoded to strings (a key without
 * a value is {@code ""}).
 */
public record MdnsService(String name, String serviceType, String ip, int port, String hostname,
                          Map<String, String> properties) {
    public MdnsService {
        properties = properties == null ? Map.of() : Map.copyOf(new TreeMap<>(properties));
    }

    /** The evidence shape of §5.7: {name, service_type, port, hostname, properties} (no ip: it is the asset's). */
    public ObjectNode evidence() {
        ObjectNode n = Json.object();
        n.put("name", name);
        n.put("service_type", serviceType);
        n.put("port", port);
        if (hostname == null) {
            n.putNull("hostname");
        } else {
            n.put("hostname", hostname);
        }
        ObjectNode props = n.putObject("properties");
        new TreeMap<>(properties).forEach(props::put);
        return n;
    }
}
