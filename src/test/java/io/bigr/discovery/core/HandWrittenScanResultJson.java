package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scan-result codec as it was written by hand before {@link ScanResultJson} moved to Jackson, kept verbatim as
 * the reference the Jackson codec is held to (ScanResultJsonTest): same output tree, same accepted input, same
 * field named on rejection.
 */
final class HandWrittenScanResultJson {
    private HandWrittenScanResultJson() {
    }

    public static ObjectNode toJson(ScanResult r) {
        ObjectNode o = Json.object();
        o.put("target", r.target());
        o.put("scan_method", r.scanMethod().value());
        o.put("started_at", Timestamps.format(r.startedAt()));
        o.put("completed_at", Timestamps.format(r.completedAt()));
        Double duration = r.durationSeconds();
        if (duration == null) {
            o.putNull("duration_seconds");
        } else {
            o.put("duration_seconds", duration);
        }
        o.put("is_root", r.isRoot());
        o.put("total_assets", r.assets().size());
        ObjectNode summary = o.putObject("category_summary");
        for (Map.Entry<String, Integer> e : r.categorySummary().entrySet()) {
            summary.put(e.getKey(), e.getValue());
        }
        ArrayNode assets = o.putArray("assets");
        r.assets().forEach(a -> assets.add(toJson(a)));
        if (r.details() != null) {
            o.set("details", r.details());
        }
        return o;
    }

    public static ObjectNode toJson(Asset a) {
        ObjectNode o = Json.object();
        o.put("ip", a.ip().value());
        o.put("mac", a.mac() == null ? null : a.mac().value());
        o.put("hostname", a.hostname());
        o.put("vendor", a.vendor());
        ArrayNode ports = o.putArray("open_ports");
        a.openPorts().forEach(ports::add);
        o.put("os_hint", a.osHint());
        o.put("bigr_category", a.bigrCategory().value());
        o.put("bigr_category_tr", a.bigrCategory().label());
        o.put("confidence_score", Numbers.round(a.confidenceScore(), 4));
        o.put("confidence_level", a.confidenceLevel().value());
        o.put("scan_method", a.scanMethod().value());
        o.put("first_seen", Timestamps.format(a.firstSeen()));
        o.put("last_seen", Timestamps.format(a.lastSeen()));
        o.set("raw_evidence", a.rawEvidence());
        if (a.switchHost() != null) {
            o.put("switch_host", a.switchHost());
            o.put("switch_port", a.switchPort());
            if (a.switchPortIndex() == null) {
                o.putNull("switch_port_index");
            } else {
                o.put("switch_port_index", a.switchPortIndex());
            }
        }
        // The fingerprint identity's columns, added after this codec was replaced: always written, null when unknown.
        o.put("device_type", a.deviceType());
        o.put("product", a.product());
        o.put("os", a.os());
        o.put("os_version", a.osVersion());
        return o;
    }

    /** Reads a scan result; throws {@link InvalidInputException} naming the bad field. */
    public static ScanResult fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "expected a JSON object with target and assets");
        }
        String target = text(node, "target", "target");
        if (target == null || target.isBlank()) {
            throw new InvalidInputException("target", "is required");
        }
        ScanMethod method = method(node.get("scan_method"), "scan_method", ScanMethod.HYBRID);
        Instant started = time(node.get("started_at"), "started_at");
        Instant completed = time(node.get("completed_at"), "completed_at");
        JsonNode root = node.get("is_root");
        if (root != null && !root.isNull() && !root.isBoolean() && !root.isInt()) {
            throw new InvalidInputException("is_root", "must be a boolean");
        }
        boolean isRoot = root != null && (root.isBoolean() ? root.booleanValue() : root.intValue() != 0);
        List<Asset> assets = new ArrayList<>();
        JsonNode list = node.get("assets");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidInputException("assets", "must be an array");
            }
            for (int i = 0; i < list.size(); i++) {
                assets.add(assetFromJson(list.get(i), "assets[" + i + "]"));
            }
        }
        JsonNode details = node.get("details");
        return new ScanResult(target.trim(), method, started, completed, isRoot, assets,
                details instanceof ObjectNode d ? d : null);
    }

    public static Asset assetFromJson(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(path, "must be an object");
        }
        String ip = text(n, "ip", path + ".ip");
        if (ip == null || ip.isBlank()) {
            throw new InvalidInputException(path + ".ip", "is required");
        }
        if (!IpAddresses.isValid(ip.trim())) {
            throw new InvalidInputException(path + ".ip", "is not a valid IP address: '" + ip + "'");
        }
        List<Integer> ports = new ArrayList<>();
        JsonNode p = n.get("open_ports");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                throw new InvalidInputException(path + ".open_ports", "must be an array of port numbers");
            }
            for (int i = 0; i < p.size(); i++) {
                JsonNode port = p.get(i);
                if (!port.canConvertToInt() || !port.isIntegralNumber() || port.intValue() < 0 || port.intValue() > 65535) {
                    throw new InvalidInputException(path + ".open_ports[" + i + "]", "must be an integer 0-65535");
                }
                ports.add(port.intValue());
            }
        }
        String category = text(n, "bigr_category", path + ".bigr_category");
        BigrCategory cat = BigrCategory.UNCLASSIFIED;
        if (category != null) {
            cat = BigrCategory.parse(category).orElseThrow(() -> new InvalidInputException(path + ".bigr_category",
                    "unknown category '" + category + "'"));
        }
        double confidence = 0.0;
        JsonNode c = n.get("confidence_score");
        if (c != null && !c.isNull()) {
            if (!c.isNumber() || c.doubleValue() < 0.0 || c.doubleValue() > 1.0) {
                throw new InvalidInputException(path + ".confidence_score", "must be a number between 0.0 and 1.0");
            }
            confidence = c.doubleValue();
        }
        JsonNode ev = n.get("raw_evidence");
        if (ev != null && !ev.isNull() && !ev.isObject()) {
            throw new InvalidInputException(path + ".raw_evidence", "must be an object");
        }
        JsonNode portIndex = n.get("switch_port_index");
        return new Asset(IpAddress.of(ip), MacAddress.ofNullable(text(n, "mac", path + ".mac")), text(n, "hostname", path + ".hostname"),
                text(n, "vendor", path + ".vendor"), ports, text(n, "os_hint", path + ".os_hint"), cat, confidence,
                method(n.get("scan_method"), path + ".scan_method", ScanMethod.PASSIVE),
                time(n.get("first_seen"), path + ".first_seen"), time(n.get("last_seen"), path + ".last_seen"),
                ev instanceof ObjectNode o ? o : null,
                text(n, "switch_host", path + ".switch_host"), text(n, "switch_port", path + ".switch_port"),
                portIndex != null && portIndex.canConvertToInt() ? portIndex.intValue() : null);
    }

    private static String text(JsonNode n, String key, String path) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(path, "must be a string");
        }
        return v.textValue();
    }

    private static ScanMethod method(JsonNode v, String path, ScanMethod dflt) {
        if (v == null || v.isNull()) {
            return dflt;
        }
        return ScanMethod.parse(v.asText()).orElseThrow(() -> new InvalidInputException(path,
                "must be passive, active or hybrid, got '" + v.asText() + "'"));
    }

    private static Instant time(JsonNode v, String path) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Timestamps.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path, "must be an ISO-8601 timestamp, got '" + v.asText() + "'");
        }
    }
}
