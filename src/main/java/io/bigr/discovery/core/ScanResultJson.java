package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scan-result document of docs/DOMAIN.md §2.6–§2.7 (the {@code bigr scan --output} file, the body of
 * {@code POST /api/scans} and of the remote post), bound by Jackson to the records below. Key order, rounding and
 * defaults are the contract: the write records declare the order, {@link AssetDocument#confidenceScore} rounds to
 * four decimals, and the switch keys appear only for an asset placed on a switch.
 *
 * <p>Reading accepts what the field deserializers of {@link StrictJson} accept, ignores unknown keys, and rejects
 * bad input with an {@link InvalidInputException} naming the field by its path ({@code assets[3].open_ports[0]}).
 */
public final class ScanResultJson {
    private ScanResultJson() {
    }

    /** The document as written. */
    @JsonPropertyOrder({"target", "scan_method", "started_at", "completed_at", "duration_seconds", "is_root",
            "total_assets", "category_summary", "assets", "details"})
    record Document(
            @JsonProperty("target") String target,
            @JsonProperty("scan_method") ScanMethod scanMethod,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("completed_at") Instant completedAt,
            @JsonProperty("duration_seconds") Double durationSeconds,
            @JsonProperty("is_root") boolean isRoot,
            @JsonProperty("total_assets") int totalAssets,
            @JsonProperty("category_summary") Map<String, Integer> categorySummary,
            @JsonProperty("assets") List<AssetDocument> assets,
            @JsonProperty("details") @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode details) {

        static Document of(ScanResult r) {
            return new Document(r.target(), r.scanMethod(), r.startedAt(), r.completedAt(), r.durationSeconds(),
                    r.isRoot(), r.assets().size(), r.categorySummary(),
                    r.assets().stream().map(AssetDocument::of).toList(), r.details());
        }
    }

    /** One asset as written; {@code switchPlacement} is null (no keys at all) for an asset not on a switch. */
    @JsonPropertyOrder({"ip", "mac", "hostname", "vendor", "open_ports", "os_hint", "bigr_category",
            "bigr_category_tr", "confidence_score", "confidence_level", "scan_method", "first_seen", "last_seen",
            "raw_evidence"})
    record AssetDocument(
            @JsonProperty("ip") String ip,
            @JsonProperty("mac") String mac,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("vendor") String vendor,
            @JsonProperty("open_ports") List<Integer> openPorts,
            @JsonProperty("os_hint") String osHint,
            @JsonProperty("bigr_category") BigrCategory bigrCategory,
            @JsonProperty("bigr_category_tr") String bigrCategoryTr,
            @JsonProperty("confidence_score") double confidenceScore,
            @JsonProperty("confidence_level") ConfidenceLevel confidenceLevel,
            @JsonProperty("scan_method") ScanMethod scanMethod,
            @JsonProperty("first_seen") Instant firstSeen,
            @JsonProperty("last_seen") Instant lastSeen,
            @JsonProperty("raw_evidence") ObjectNode rawEvidence,
            @JsonUnwrapped SwitchPlacement switchPlacement,
            @JsonProperty("device_type") String deviceType,
            @JsonProperty("product") String product,
            @JsonProperty("os") String os,
            @JsonProperty("os_version") String osVersion) {

        static AssetDocument of(Asset a) {
            return new AssetDocument(a.ip().value(), Objects.toString(a.mac(), null), a.hostname(), a.vendor(),
                    a.openPorts(), a.osHint(),
                    a.bigrCategory(), a.bigrCategory().label(), Numbers.round(a.confidenceScore(), 4),
                    a.confidenceLevel(), a.scanMethod(), a.firstSeen(), a.lastSeen(), a.rawEvidence(),
                    a.switchHost() == null ? null
                            : new SwitchPlacement(a.switchHost(), a.switchPort(), a.switchPortIndex()),
                    a.deviceType(), a.product(), a.os(), a.osVersion());
        }
    }

    /** The three switch keys, written together (nulls included) or not at all. */
    @JsonPropertyOrder({"switch_host", "switch_port", "switch_port_index"})
    record SwitchPlacement(
            @JsonProperty("switch_host") String switchHost,
            @JsonProperty("switch_port") String switchPort,
            @JsonProperty("switch_port_index") Integer switchPortIndex) {
    }

    /** The document as read: only the keys that carry input; the derived ones (totals, labels) are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DocumentInput(
            @JsonProperty("target") @JsonDeserialize(using = StrictJson.Text.class) String target,
            @JsonProperty("scan_method") @JsonDeserialize(using = StrictJson.Method.class) ScanMethod scanMethod,
            @JsonProperty("started_at") @JsonDeserialize(using = StrictJson.Time.class) Instant startedAt,
            @JsonProperty("completed_at") @JsonDeserialize(using = StrictJson.Time.class) Instant completedAt,
            @JsonProperty("is_root") @JsonDeserialize(using = StrictJson.Flag.class) Boolean isRoot,
            @JsonProperty("assets") @JsonDeserialize(using = StrictJson.Assets.class) List<AssetInput> assets,
            @JsonProperty("details") @JsonDeserialize(using = StrictJson.Details.class) ObjectNode details) {

        ScanResult toResult() {
            Instant now = Timestamps.now();
            String text = InputBounds.text("target", target.trim(), InputBounds.MAX_TARGET);
            InputBounds.observed("started_at", startedAt, now);
            InputBounds.observed("completed_at", completedAt, now);
            if (startedAt != null && completedAt != null && completedAt.isBefore(startedAt)) {
                throw new InvalidInputException("completed_at", "must not be before started_at");
            }
            List<Asset> out = new ArrayList<>();
            if (assets != null) {
                for (int i = 0; i < assets.size(); i++) {
                    out.add(assets.get(i).toAsset("assets[" + i + "]", now));
                }
            }
            return new ScanResult(text, scanMethod == null ? ScanMethod.HYBRID : scanMethod, startedAt,
                    completedAt, isRoot != null && isRoot, out, details);
        }
    }

    /** One asset as read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssetInput(
            @JsonProperty("ip") @JsonDeserialize(using = StrictJson.Text.class) String ip,
            @JsonProperty("mac") @JsonDeserialize(using = StrictJson.Text.class) String mac,
            @JsonProperty("hostname") @JsonDeserialize(using = StrictJson.Text.class) String hostname,
            @JsonProperty("vendor") @JsonDeserialize(using = StrictJson.Text.class) String vendor,
            @JsonProperty("open_ports") @JsonDeserialize(using = StrictJson.Ports.class) List<Integer> openPorts,
            @JsonProperty("os_hint") @JsonDeserialize(using = StrictJson.Text.class) String osHint,
            @JsonProperty("bigr_category") @JsonDeserialize(using = StrictJson.Text.class) String bigrCategory,
            @JsonProperty("confidence_score") @JsonDeserialize(using = StrictJson.Score.class) Double confidenceScore,
            @JsonProperty("scan_method") @JsonDeserialize(using = StrictJson.Method.class) ScanMethod scanMethod,
            @JsonProperty("first_seen") @JsonDeserialize(using = StrictJson.Time.class) Instant firstSeen,
            @JsonProperty("last_seen") @JsonDeserialize(using = StrictJson.Time.class) Instant lastSeen,
            @JsonProperty("raw_evidence") @JsonDeserialize(using = StrictJson.Evidence.class) ObjectNode rawEvidence,
            @JsonProperty("switch_host") @JsonDeserialize(using = StrictJson.Text.class) String switchHost,
            @JsonProperty("switch_port") @JsonDeserialize(using = StrictJson.Text.class) String switchPort,
            @JsonProperty("switch_port_index") @JsonDeserialize(using = StrictJson.PortIndex.class)
            Integer switchPortIndex,
            @JsonProperty("device_type") @JsonDeserialize(using = StrictJson.Text.class) String deviceType,
            @JsonProperty("product") @JsonDeserialize(using = StrictJson.Text.class) String product,
            @JsonProperty("os") @JsonDeserialize(using = StrictJson.Text.class) String os,
            @JsonProperty("os_version") @JsonDeserialize(using = StrictJson.Text.class) String osVersion) {

        /**
         * The asset, after the checks that need more than one JSON type and the bounds of docs/DOMAIN.md §2.8;
         * {@code path} names it in errors.
         */
        Asset toAsset(String path, Instant now) {
            if (ip == null || ip.isBlank()) {
                throw new InvalidInputException(path + ".ip", "is required");
            }
            IpAddress address;
            try {
                address = IpAddress.of(ip);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(path + ".ip", "is not a valid IP address: " + InputBounds.quote(ip)
                        + IpAddresses.hint(ip));
            }
            MacAddress macAddress;
            try {
                macAddress = MacAddress.ofNullable(mac);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(path + ".mac", "is not a 48-bit MAC address: "
                        + InputBounds.quote(mac));
            }
            BigrCategory category = bigrCategory == null ? BigrCategory.UNCLASSIFIED
                    : BigrCategory.parse(bigrCategory).orElseThrow(() -> new InvalidInputException(
                            path + ".bigr_category", "unknown category " + InputBounds.quote(bigrCategory)));
            return new Asset(address, macAddress, text(path, "hostname", hostname), text(path, "vendor", vendor),
                    openPorts == null ? List.of() : openPorts, text(path, "os_hint", osHint),
                    category, confidenceScore == null ? 0.0 : confidenceScore,
                    scanMethod == null ? ScanMethod.PASSIVE : scanMethod,
                    InputBounds.observed(path + ".first_seen", firstSeen, now),
                    InputBounds.observed(path + ".last_seen", lastSeen, now), rawEvidence,
                    text(path, "switch_host", switchHost), text(path, "switch_port", switchPort), switchPortIndex,
                    text(path, "device_type", deviceType), text(path, "product", product), text(path, "os", os),
                    text(path, "os_version", osVersion));
        }

        private static String text(String path, String field, String value) {
            return InputBounds.text(path + "." + field, value);
        }
    }

    public static ObjectNode toJson(ScanResult r) {
        return Json.MAPPER.valueToTree(Document.of(r));
    }

    public static ObjectNode toJson(Asset a) {
        return Json.MAPPER.valueToTree(AssetDocument.of(a));
    }

    /** Reads a scan result; throws {@link InvalidInputException} naming the bad field. */
    public static ScanResult fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "expected a JSON object with target and assets");
        }
        // The target is checked first, before any asset, as it always was.
        JsonNode target = node.get("target");
        if (target != null && !target.isNull() && !target.isTextual()) {
            throw new InvalidInputException("target", "must be a string");
        }
        if (target == null || target.isNull() || target.textValue().isBlank()) {
            throw new InvalidInputException("target", "is required");
        }
        return read(node, DocumentInput.class, "").toResult();
    }

    /** Reads one asset object; {@code path} prefixes the field named in errors. */
    public static Asset assetFromJson(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(path, "must be an object");
        }
        return read(n, AssetInput.class, path).toAsset(path, Timestamps.now());
    }

    private static <T> T read(JsonNode node, Class<T> type, String prefix) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(prefix + path(e, prefix.isEmpty()), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(prefix.isEmpty() ? "body" : prefix, e.getOriginalMessage());
        }
    }

    /** {@code assets[3].open_ports[0]} from Jackson's reference chain. */
    private static String path(JsonMappingException e, boolean atRoot) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0 || !atRoot) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
