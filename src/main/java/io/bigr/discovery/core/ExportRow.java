package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One inventory row as the full export writes it (docs/DOMAIN.md §6.3.16): the asset, its latest snapshot's open
 * ports, what each port runs (service, product, version from the banners) and its CVE matches.
 */
public record ExportRow(InventoryAsset asset, List<Integer> openPorts, List<Service> services, List<Cve> cves) {
    public ExportRow {
        openPorts = openPorts == null ? List.of() : List.copyOf(openPorts);
        services = services == null ? List.of() : List.copyOf(services);
        cves = cves == null ? List.of() : List.copyOf(cves);
    }

    /** What one open port runs; product and version null when unknown. */
    @JsonPropertyOrder({"port", "service", "product", "version"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Service(@JsonProperty("port") int port, @JsonProperty("service") String service,
                          @JsonProperty("product") String product, @JsonProperty("version") String version) {
        /** {@code 22/ssh OpenSSH 9.2p1}: the CSV cell form. */
        public String text() {
            return port + "/" + service + (product == null ? "" : " " + product) + (version == null ? "" : " " + version);
        }
    }

    /** One CVE match of the asset (docs/DOMAIN.md §6.7). */
    @JsonPropertyOrder({"cve_id", "match_type", "cvss_score", "severity"})
    public record Cve(@JsonProperty("cve_id") String cveId, @JsonProperty("match_type") String matchType,
                      @JsonProperty("cvss_score") double cvssScore, @JsonProperty("severity") String severity) {
    }

    /**
     * The services of a snapshot's {@code raw_evidence.banners} (§5.12), by port: {@code product} and
     * {@code version} when the evidence names them (an nmap import), else the HTTP {@code Server} header or the
     * greeting line as the product.
     */
    public static List<Service> services(JsonNode rawEvidence) {
        List<Service> out = new ArrayList<>();
        JsonNode banners = rawEvidence == null ? null : rawEvidence.get("banners");
        if (banners == null || !banners.isObject()) {
            return out;
        }
        banners.fields().forEachRemaining(e -> {
            JsonNode b = e.getValue();
            int port;
            try {
                port = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ignored) {
                return;
            }
            String product = text(b, "product");
            if (product == null) {
                product = text(b, "server");
            }
            if (product == null) {
                product = text(b, "banner");
            }
            out.add(new Service(port, b.path("service").asText("unknown"), product, text(b, "version")));
        });
        out.sort(java.util.Comparator.comparingInt(Service::port));
        return out;
    }

    private static String text(JsonNode b, String key) {
        JsonNode v = b.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return null;
        }
        String s = v.asText().strip();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
