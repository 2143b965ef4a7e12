package io.bigr.discovery.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded generator of hostile requests over every route of the API (docs/DOMAIN.md §6.2): query and path values
 * from a pool of what attackers and careless clients send (numbers past every range, non-canonical IPs, zone ids,
 * timestamps in the year 2400 or 999999, NUL, 10,000-character strings, SQL and path fragments, broken escapes),
 * bodies made from a valid document by one to three mutations (a value replaced by a hostile one, a key dropped or
 * added, nesting 2,000 deep, the text cut short or its bytes made invalid UTF-8), and raw wire requests no client
 * library sends (malformed chunked bodies, lying Content-Length, bad percent-encoding). The same seed gives the
 * same requests.
 */
final class HostileRequests {
    /** One request: either an HTTP method, path and body, or raw bytes for the socket. */
    record Request(String method, String path, String body, byte[] raw) {
        boolean isWrite() {
            return !method.equals("GET");
        }

        /** The method and the route's first two path segments, for timing. */
        String route() {
            if (raw != null) {
                return "raw";
            }
            String[] parts = path.split("[/?]", 5);
            return method + " /" + parts[1] + "/" + (parts.length > 2 ? parts[2] : "");
        }

        String describe() {
            String b = body == null ? "" : " " + (body.length() > 160 ? body.substring(0, 160) + "…" : body);
            return raw != null ? "RAW " + new String(raw, 0, Math.min(raw.length, 160), StandardCharsets.ISO_8859_1)
                    : method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + b;
        }
    }

    private static final String DEEP_MARKER = "__deep_nesting__";
    private static final String[] ROUTES_READ = {"/api/data", "/api/assets", "/api/assets/{ip}", "/api/assets/export",
        "/api/scans", "/api/scans/{id}", "/api/changes", "/api/subnets", "/api/switches", "/api/certificates",
        "/api/topology", "/api/topology/subnet/{cidr}", "/api/compliance", "/api/analytics", "/api/risk",
        "/api/vulnerabilities", "/api/health"};
    private static final Map<String, String[]> PARAMS = Map.ofEntries(
            Map.entry("/api/data", new String[] {"subnet", "limit", "offset", "scope"}),
            Map.entry("/api/assets", new String[] {"q", "category", "vendor", "subnet", "port", "status", "seen_since",
                "seen_before", "sort", "order", "limit", "cursor", "device_type"}),
            Map.entry("/api/assets/export", new String[] {"format"}),
            Map.entry("/api/scans", new String[] {"limit", "offset"}),
            Map.entry("/api/changes", new String[] {"type", "ip", "since", "before", "limit", "offset"}),
            Map.entry("/api/subnets", new String[] {"limit", "offset"}),
            Map.entry("/api/switches", new String[] {"limit", "offset"}),
            Map.entry("/api/certificates", new String[] {"expiring_within", "limit", "offset"}),
            Map.entry("/api/analytics", new String[] {"days"}));

    private final Random random;
    private final Instant now;
    private final List<String> knownIps;
    private final List<String> knownScanIds;
    private final List<Supplier<String>> strings = new ArrayList<>();

    HostileRequests(long seed, Instant now, List<String> knownIps, List<String> knownScanIds) {
        this.random = new Random(seed);
        this.now = now;
        this.knownIps = knownIps;
        this.knownScanIds = knownScanIds;
        String big = "A".repeat(10_000);
        for (String s : new String[] {"", " ", "-1", "0", "1", "65535", "65536", "4094", "4095", "99999999999",
            "1099511627776", "9223372036854775808", "-9223372036854775809", "1e309", "-1e309", "NaN", "1.5", "0x10",
            "abc", "null", "true", "[]", "{}", "'; DROP TABLE assets; --", "\" OR 1=1 --", "%", "_", "%25", "\\",
            "a\u0000b", "\u0000", "İ", "ﬀ", "\uD83D\uDE00", "\uD800", "../../etc/passwd", "a\r\nX-Injected: 1",
            "127.1", "2130706433", "0x7f.0.0.1", "0177.0.0.1", "0", "fe80::1%eth0", "[::1]", "::1", "10.0.0.1",
            "10.0.0.0/24", "10.0.0.0/33", "10.0.0.5/24", "0.0.0.0/0", "::/0", "10.1/16", "999.1.1.1",
            "2400-01-01T00:00:00Z", "+999999-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
            "2026-13-45", "2026-01-15", "2026-01-15T10:00:00+25:00", "1e3", "-0", "00001", "ip", "-last_seen",
            "open_ports", "desc", "asc", "csv", "jsonl", "xml", "inventory", "scan", "online", "gone", "iot",
            "unclassified", "new_asset", "port_opened", "router", "aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF"}) {
            strings.add(() -> s);
        }
        strings.add(() -> big);
        strings.add(() -> "x".repeat(1 + random.nextInt(3000)));
        strings.add(() -> "9".repeat(1 + random.nextInt(400)));
        strings.add(() -> randomText(1 + random.nextInt(64)));
        strings.add(() -> knownIps.get(random.nextInt(knownIps.size())));
        strings.add(() -> Timestamps.format(now.minusSeconds(random.nextInt(1_000_000))));
    }

    Request next() {
        int dice = random.nextInt(100);
        if (dice < 40) {
            return read();
        }
        if (dice < 94) {
            return write();
        }
        return raw();
    }

    // ------------------------------------------------------------------ reads

    private Request read() {
        String route = pick(ROUTES_READ);
        String path = route.replace("{ip}", pathValue(() -> pick(knownIps)))
                .replace("{id}", pathValue(() -> pick(knownScanIds)))
                .replace("{cidr}", pathValue(() -> "10.0.0.0/24"));
        String[] params = PARAMS.get(route);
        StringBuilder q = new StringBuilder();
        if (params != null) {
            int n = random.nextInt(Math.min(4, params.length) + 1);
            for (int i = 0; i < n; i++) {
                q.append(q.isEmpty() ? '?' : '&').append(pick(params)).append('=')
                        .append(URLEncoder.encode(string(), StandardCharsets.UTF_8));
            }
        }
        if (random.nextInt(20) == 0) {
            q.append(q.isEmpty() ? '?' : '&').append(URLEncoder.encode(string(), StandardCharsets.UTF_8)).append('=');
        }
        return new Request("GET", path + q, null, null);
    }

    /** A path segment: usually a hostile value (percent-encoded, slashes too), sometimes a real one. */
    private String pathValue(Supplier<String> real) {
        String v = random.nextInt(4) == 0 ? real.get() : string();
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------ writes

    private Request write() {
        int kind = random.nextInt(10);
        String ip = pathValue(() -> pick(knownIps));
        return switch (kind) {
            case 0, 1, 2, 3 -> new Request("POST", "/api/scans", mutate(scanDocument()), null);
            case 4 -> new Request("PUT", "/api/assets/" + ip + "/tag", mutate(tagDocument()), null);
            case 5 -> new Request("DELETE", "/api/assets/" + ip + "/tag", null, null);
            case 6 -> new Request("POST", "/api/subnets", mutate(subnetDocument()), null);
            case 7 -> new Request("DELETE", "/api/subnets/" + pathValue(() -> "10.0.0.0/24"), null, null);
            default -> new Request("POST", "/api/certificates", mutate(certificateDocument()), null);
        };
    }

    ObjectNode scanDocument() {
        ObjectNode scan = Json.object();
        Instant started = now.minus(Duration.ofMinutes(5 + random.nextInt(10_000)));
        scan.put("target", "10.0.0.0/24").put("scan_method", "active").put("started_at", Timestamps.format(started))
                .put("completed_at", Timestamps.format(started.plusSeconds(30))).put("is_root", false);
        ArrayNode assets = scan.putArray("assets");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            ObjectNode a = assets.addObject();
            a.put("ip", "10.0.0." + (1 + random.nextInt(40))).put("mac", String.format("02:00:00:00:00:%02x",
                    random.nextInt(256)));
            a.put("hostname", "host-" + i).put("vendor", "Cisco").putArray("open_ports").add(22).add(443);
            a.put("os_hint", "Linux").put("bigr_category", "ag_ve_sistemler").put("confidence_score", 0.5)
                    .put("scan_method", "active").put("first_seen", Timestamps.format(started))
                    .put("last_seen", Timestamps.format(started.plusSeconds(10)));
            a.putObject("raw_evidence").putObject("banners").putObject("22").put("service", "ssh")
                    .put("banner", "SSH-2.0-OpenSSH_9.6");
            a.put("switch_host", "sw1").put("switch_port", "Gi0/1").put("switch_port_index", 1);
        }
        scan.putObject("details").put("mode", "active");
        return scan;
    }

    private ObjectNode tagDocument() {
        return Json.object().put("category", "iot").put("note", "lobby camera");
    }

    private ObjectNode subnetDocument() {
        return Json.object().put("cidr", "10.0." + random.nextInt(256) + ".0/24").put("label", "Office")
                .put("vlan_id", 1 + random.nextInt(4094));
    }

    private ObjectNode certificateDocument() {
        ObjectNode c = Json.object().put("ip", "10.0.0." + (1 + random.nextInt(40))).put("port", 443)
                .put("cn", "gw.local").put("issuer", "CA").put("issuer_org", "Org")
                .put("valid_from", "2025-01-01T00:00:00Z").put("valid_to", "2027-01-01T00:00:00Z")
                .put("serial", "0A").put("key_size", 2048).put("key_algorithm", "RSA").put("is_self_signed", false)
                .put("signature_algorithm", "SHA256withRSA");
        c.putArray("san").add("gw.local");
        return c;
    }

    /** One to three mutations of a valid document, rarely none; then, rarely, the text itself is broken. */
    private String mutate(ObjectNode doc) {
        int mutations = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutateOnce(doc);
        }
        String text = Json.write(doc);
        if (text.contains(DEEP_MARKER)) {
            int depth = 1001 + random.nextInt(2000);
            text = text.replace("\"" + DEEP_MARKER + "\"", "[".repeat(depth) + "]".repeat(depth));
        }
        return switch (random.nextInt(25)) {
            case 0 -> text.substring(0, random.nextInt(text.length()));
            case 1 -> "[" + text + "]";
            case 2 -> text + text;
            case 3 -> "null";
            default -> text;
        };
    }

    private void mutateOnce(ObjectNode doc) {
        List<JsonNode> containers = new ArrayList<>();
        collect(doc, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int op = random.nextInt(10);
            if (names.isEmpty() || op == 0) {
                o.set(random.nextBoolean() ? string() : pick(new String[] {"ip", "mac", "port", "vlan_id", "san"}),
                        hostileValue());
            } else if (op == 1) {
                o.remove(pick(names.toArray(String[]::new)));
            } else {
                o.set(pick(names.toArray(String[]::new)), hostileValue());
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(hostileValue());
            } else {
                a.set(random.nextInt(a.size()), hostileValue());
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    /** A JSON value: a hostile number, string, list or object. */
    private JsonNode hostileValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(16)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(pick(new long[] {-1, 0, 1, 65535, 65536, 4094, 4095, 99_999_999_999L, 1L << 40,
                Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L}));
            case 3 -> f.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(60))));
            case 4 -> f.numberNode(pick(new double[] {-0.5, 1.5, 1e300, -1e300, 0.3}));
            case 5 -> f.arrayNode().add(f.nullNode());
            case 6 -> f.arrayNode().add(string()).add(f.numberNode(1));
            case 7 -> f.objectNode().set(string(), f.textNode(string()));
            case 8 -> f.textNode(DEEP_MARKER);
            case 9 -> f.textNode(pick(new String[] {"2400-01-01T00:00:00Z", "+999999-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z", "1969-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "2026-02-30T00:00:00Z"}));
            case 10 -> f.textNode(pick(new String[] {"127.1", "2130706433", "0x7f.0.0.1", "fe80::1%eth0", "0",
                "::ffff:10.0.0.1", "2001:DB8::1", "10.0.0.01", "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff",
                "m".repeat(65), "aa:bb:cc:dd:ee:ff:00"}));
            case 11 -> f.textNode("a\u0000b");
            case 12 -> f.textNode("x".repeat(900 + random.nextInt(300)));
            default -> f.textNode(string());
        };
    }

    // ------------------------------------------------------------------ raw wire requests

    private Request raw() {
        String body = Json.write(scanDocument());
        String head = "POST /api/scans HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n";
        String text = switch (random.nextInt(12)) {
            case 0 -> head + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + body + "\r\n0\r\n\r\n";
            case 1 -> head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length() + 50) + "\r\n"
                    + body + "\r\n0\r\n\r\n";
            case 2 -> head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"tar\r\n-3\r\n\r\n";
            case 3 -> head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body;
            case 4 -> head + "Content-Length: " + (body.length() + 100) + "\r\n\r\n" + body;
            case 5 -> head + "Content-Length: -1\r\n\r\n" + body;
            case 6 -> head + "Content-Length: 5\r\nContent-Length: 9\r\n\r\n" + body;
            case 7 -> "GET /api/assets/%zz%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            case 8 -> "GET /api/data?subnet=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n";
            case 9 -> "PUT /api/assets/10.0.0.1/tag HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                    + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: 4\r\n\r\n\u00ff\u00fe\u00fd\u00fc";
            case 10 -> head + "Transfer-Encoding: gzip, chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n";
            default -> head + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}";
        };
        return new Request("POST", "raw", null, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ------------------------------------------------------------------ helpers

    private String string() {
        return strings.get(random.nextInt(strings.size())).get();
    }

    private String randomText(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return b.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }

    private double pick(double[] values) {
        return values[random.nextInt(values.length)];
    }
}
