package io.bigr.discovery.vuln;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Streams the {@code vulnerabilities[].cve} objects of an NVD CVE JSON 2.0 feed file (plain or gzip, detected from
 * the magic bytes) one at a time, so a 200 MB yearly feed is read in constant memory.
 *
 * <p>Read per CVE: {@code id}; the English description; the base score of the first Primary (else first) metric of
 * {@code cvssMetricV31}, then {@code V30}, then {@code V2} (none → 0.0, severity from the score); {@code published}
 * (date part); {@code cisaExploitAdd} present → CISA KEV; a reference tagged {@code Patch} → fix available; and every
 * {@code configurations[].nodes[].cpeMatch[]} criterion with its version range. Vendor and product are those of the
 * first vulnerable criterion. Entries without a valid CVE id are skipped and counted.
 */
public final class NvdFeedReader {
    private static final Pattern CVE_ID = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private NvdFeedReader() {
    }

    /** One parsed CVE with its applicability criteria. */
    public record Item(CveEntry cve, List<CpeMatch> criteria) {
    }

    /** What a read saw: items delivered and entries skipped for lack of a valid id. */
    public record Outcome(int items, int skipped) {
    }

    public static Outcome read(Path file, Consumer<Item> sink) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return read(in, sink);
            }
        }
    }

    /** Reads a feed document; a document without a top-level {@code vulnerabilities} array is rejected. */
    public static Outcome read(InputStream in, Consumer<Item> sink) throws IOException {
        int items = 0;
        int skipped = 0;
        boolean found = false;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an NVD CVE JSON 2.0 feed: the document is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("vulnerabilities".equals(name) && value == JsonToken.START_ARRAY) {
                    found = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode entry = Json.MAPPER.readTree(p);
                        Item item = parse(entry.path("cve"));
                        if (item == null) {
                            skipped++;
                        } else {
                            sink.accept(item);
                            items++;
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        }
        if (!found) {
            throw new IllegalArgumentException("not an NVD CVE JSON 2.0 feed: no top-level \"vulnerabilities\" array");
        }
        return new Outcome(items, skipped);
    }

    /** One {@code cve} object, or null when it has no valid id. */
    static Item parse(JsonNode cve) {
        String id = CveEntry.normalizeId(cve.path("id").asText(""));
        if (!CVE_ID.matcher(id).matches()) {
            return null;
        }
        double score = baseScore(cve.path("metrics"));
        List<CpeMatch> criteria = new ArrayList<>();
        for (JsonNode config : cve.path("configurations")) {
            for (JsonNode node : config.path("nodes")) {
                for (JsonNode m : node.path("cpeMatch")) {
                    String criterion = m.path("criteria").asText("");
                    if (criterion.startsWith("cpe:2.3:")) {
                        criteria.add(new CpeMatch(id, criterion, text(m, "versionStartIncluding"),
                                text(m, "versionStartExcluding"), text(m, "versionEndIncluding"),
                                text(m, "versionEndExcluding"), m.path("vulnerable").asBoolean(true)));
                    }
                }
            }
        }
        CpeMatch first = criteria.stream().filter(CpeMatch::vulnerable).findFirst()
                .orElse(criteria.isEmpty() ? null : criteria.get(0));
        String published = cve.path("published").asText("");
        boolean patch = false;
        for (JsonNode ref : cve.path("references")) {
            for (JsonNode tag : ref.path("tags")) {
                patch |= "Patch".equals(tag.asText());
            }
        }
        CveEntry entry = new CveEntry(id, score, CveEntry.severityOf(score), description(cve),
                first == null ? "" : first.vendor(), first == null ? "" : first.product(),
                first == null ? null : first.criteria(), published.length() >= 10 ? published.substring(0, 10) : null,
                patch, cve.has("cisaExploitAdd"), 0);
        return new Item(entry, List.copyOf(criteria));
    }

    private static double baseScore(JsonNode metrics) {
        for (String key : List.of("cvssMetricV31", "cvssMetricV30", "cvssMetricV2")) {
            JsonNode list = metrics.path(key);
            if (!list.isArray() || list.isEmpty()) {
                continue;
            }
            JsonNode chosen = list.get(0);
            for (JsonNode m : list) {
                if ("Primary".equals(m.path("type").asText())) {
                    chosen = m;
                    break;
                }
            }
            JsonNode score = chosen.path("cvssData").path("baseScore");
            if (score.isNumber()) {
                return Math.max(0.0, Math.min(10.0, score.doubleValue()));
            }
        }
        return 0.0;
    }

    private static String description(JsonNode cve) {
        JsonNode fallback = null;
        for (JsonNode d : cve.path("descriptions")) {
            if ("en".equals(d.path("lang").asText())) {
                return d.path("value").asText("");
            }
            fallback = fallback == null ? d : fallback;
        }
        return fallback == null ? "" : fallback.path("value").asText("");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
