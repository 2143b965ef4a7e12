package io.bigr.discovery.mdns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies mDNS results to scanned assets by exact IP (docs/DOMAIN.md §5.7), before classification so the service rules
 * (§4.9) see them: an asset without a hostname takes the first non-empty service hostname; its
 * {@code raw_evidence.mdns_services} becomes the list of every service on that IP (replacing any earlier list).
 * Assets without a match are returned unchanged. Pure.
 */
public final class MdnsEnricher {
    private MdnsEnricher() {
    }

    public static List<Asset> enrich(List<Asset> assets, List<MdnsService> services) {
        if (services.isEmpty()) {
            return assets;
        }
        Map<String, List<MdnsService>> byIp = new LinkedHashMap<>();
        services.forEach(s -> byIp.computeIfAbsent(s.ip(), k -> new ArrayList<>()).add(s));
        List<Asset> out = new ArrayList<>(assets.size());
        for (Asset a : assets) {
            List<MdnsService> mine = byIp.get(a.ip().value());
            out.add(mine == null ? a : enrich(a, mine));
        }
        return out;
    }

    static Asset enrich(Asset a, List<MdnsService> mine) {
        Asset result = a;
        if (a.hostname() == null) {
            String name = mine.stream().map(MdnsService::hostname).filter(h -> h != null && !h.isBlank())
                    .findFirst().orElse(null);
            if (name != null) {
                result = result.withHostname(name);
            }
        }
        ObjectNode evidence = a.rawEvidence().deepCopy();
        ArrayNode list = Json.array();
        mine.forEach(s -> list.add(s.evidence()));
        evidence.set("mdns_services", list);
        return result.withEvidence(evidence);
    }
}
