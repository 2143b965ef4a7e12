package io.bigr.discovery.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Background;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.upnp.DescriptionFetcher;
import io.bigr.discovery.upnp.DeviceDescription;
import io.bigr.discovery.upnp.IdentityEndpoints;
import io.bigr.discovery.upnp.SsdpSearch;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What devices say about themselves (docs/DOMAIN.md §5.14): SSDP searches the networks facing the target while the
 * probes run ({@link SsdpSearch}); once discovery is done, the description at each answer's {@code LOCATION} is
 * read when that address is one of the scan's hosts, and so are the identity endpoints of the ports that answered
 * HTTP ({@link IdentityEndpoints}). Each host gets {@code raw_evidence.upnp}: its descriptions (maker, model, type,
 * friendly name, the SSDP {@code SERVER} line), which the fingerprints read (§4.15).
 */
public record DeviceDescriptions(Duration listen, Duration grace, Duration fetchDeadline) implements Collector {
    public static final String KEY = "upnp";
    public static final Duration DEFAULT_LISTEN = Duration.ofSeconds(3);
    public static final Duration DEFAULT_FETCH = Duration.ofSeconds(3);
    static final int PER_HOST = 4;

    @Override
    public String name() {
        return "upnp";
    }

    @Override
    public Stage stage() {
        return Stage.DURING_DISCOVERY;
    }

    @Override
    public Set<String> evidenceKeys() {
        return Set.of(KEY);
    }

    @Override
    public Enrichment start(ScanTarget target) {
        SsdpSearch ssdp = SsdpSearch.start(target.text(), listen, grace);
        return new Enrichment() {
            private java.util.concurrent.CompletableFuture<Map<String, ArrayNode>> read;

            @Override
            public void prepare(List<Asset> discovered) {
                read = Background.start("bigr-describe-wait",
                        () -> describe(discovered, ssdp.responses(), fetchDeadline));
            }

            @Override
            public List<Asset> apply(List<Asset> assets) {
                Map<String, ArrayNode> found;
                try {
                    found = read != null ? read.join() : describe(assets, ssdp.responses(), fetchDeadline);
                } catch (RuntimeException e) {
                    found = Map.of();
                }
                return withEvidence(assets, found);
            }
        };
    }

    /** Reads the descriptions of {@code assets}' SSDP answers and identity endpoints; adds them as evidence. */
    static List<Asset> enrich(List<Asset> assets, List<SsdpSearch.Response> answers, Duration deadline) {
        return withEvidence(assets, describe(assets, answers, deadline));
    }

    /** The descriptions of {@code assets}' SSDP answers and identity endpoints, by host (bounded by the deadline). */
    static Map<String, ArrayNode> describe(List<Asset> assets, List<SsdpSearch.Response> answers,
                                           Duration deadline) {
        Set<String> hosts = new HashSet<>();
        assets.forEach(a -> hosts.add(a.ip().value()));
        Map<String, List<DescriptionFetcher.Request>> byHost = new LinkedHashMap<>();
        Map<String, String> serverOf = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (SsdpSearch.Response r : answers) {
            URI u = DescriptionFetcher.httpOn(r.location(), hosts);
            if (u == null || !u.getHost().equals(r.ip()) || !seen.add(u.toString())) {
                continue;
            }
            List<DescriptionFetcher.Request> list = byHost.computeIfAbsent(r.ip(), k -> new ArrayList<>());
            if (list.size() < PER_HOST) {
                list.add(new DescriptionFetcher.Request(r.ip(), u,
                        (url, body) -> DeviceDescription.upnpXml("ssdp", url, body)));
                if (r.server() != null) {
                    serverOf.put(u.toString(), r.server());
                }
            }
        }
        for (Asset a : assets) {
            for (DescriptionFetcher.Request r : IdentityEndpoints.requests(a.ip().value(), a.rawEvidence().get("banners"))) {
                List<DescriptionFetcher.Request> list = byHost.computeIfAbsent(r.ip(), k -> new ArrayList<>());
                if (list.size() < PER_HOST && seen.add(r.url().toString())) {
                    list.add(r);
                }
            }
        }
        List<DescriptionFetcher.Request> all = byHost.values().stream().flatMap(List::stream).toList();
        Map<DescriptionFetcher.Request, DeviceDescription> read = DescriptionFetcher.fetch(all, deadline);
        Map<String, ArrayNode> evidence = new LinkedHashMap<>();
        read.forEach((req, d) -> {
            String server = serverOf.get(req.url().toString());
            evidence.computeIfAbsent(req.ip(), k -> Json.MAPPER.createArrayNode())
                    .add((server == null ? d : d.withServer(server)).toJson());
        });
        return evidence;
    }

    private static List<Asset> withEvidence(List<Asset> assets, Map<String, ArrayNode> evidence) {
        if (evidence.isEmpty()) {
            return assets;
        }
        List<Asset> out = new ArrayList<>(assets.size());
        for (Asset a : assets) {
            ArrayNode found = evidence.get(a.ip().value());
            if (found == null) {
                out.add(a);
                continue;
            }
            ObjectNode ev = a.rawEvidence().deepCopy();
            ev.set(KEY, found);
            out.add(a.withEvidence(ev));
        }
        return out;
    }
}
