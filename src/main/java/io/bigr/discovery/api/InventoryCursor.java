package io.bigr.discovery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.db.InventoryQuery;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code cursor} of {@code GET /api/assets}: the last row's sort key and id, the sort and direction, and a
 * digest of the filters, as base64url JSON followed by a check value. The check is an integrity check against edited
 * or truncated tokens, not a secret: a cursor grants nothing, it only says where a page starts. A token that fails
 * the check, does not decode, or was made for another sort or other filters is a 400 naming {@code cursor}.
 */
public final class InventoryCursor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "bigr-inventory-cursor-v1".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private InventoryCursor() {
    }

    /** The token that continues after {@code after} under {@code query}'s sort and filters. */
    public static String encode(InventoryQuery query, InventoryQuery.After after) {
        ObjectNode n = JSON.createObjectNode();
        n.put("s", query.sort().column());
        n.put("d", query.descending());
        n.put("f", filterDigest(query));
        switch (query.sort().kind()) {
            case NUMBER -> n.put("k", ((Number) after.value()).doubleValue());
            case TIME -> n.put("k", ((Instant) after.value()).toEpochMilli());
            default -> n.put("k", (String) after.value());
        }
        n.put("i", after.id());
        byte[] payload = n.toString().getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(payload) + "." + ENC.encodeToString(check(payload));
    }

    /** The keyset of {@code token} for {@code query} (whose own {@code after} is ignored); null when absent. */
    public static InventoryQuery.After decode(String token, InventoryQuery query) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            int dot = token.indexOf('.');
            if (dot < 0) {
                throw invalid();
            }
            byte[] payload = DEC.decode(token.substring(0, dot));
            if (!MessageDigest.isEqual(check(payload), DEC.decode(token.substring(dot + 1)))) {
                throw invalid();
            }
            JsonNode n = JSON.readTree(payload);
            if (!query.sort().column().equals(n.path("s").asText()) || n.path("d").asBoolean() != query.descending()
                    || !filterDigest(query).equals(n.path("f").asText())) {
                throw ApiException.badParameter("cursor",
                        "cursor belongs to another sort, order or filter; start again without it");
            }
            JsonNode k = n.path("k");
            JsonNode i = n.path("i");
            if (!i.isTextual()) {
                throw invalid();
            }
            Object value = switch (query.sort().kind()) {
                case NUMBER -> {
                    if (!k.isNumber()) {
                        throw invalid();
                    }
                    yield k.doubleValue();
                }
                case TIME -> {
                    if (!k.canConvertToLong()) {
                        throw invalid();
                    }
                    yield Instant.ofEpochMilli(k.longValue());
                }
                default -> {
                    if (!k.isTextual()) {
                        throw invalid();
                    }
                    yield k.textValue();
                }
            };
            return new InventoryQuery.After(value, i.textValue());
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) { // bad base64, bad JSON
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badParameter("cursor", "cursor is not a token this server issued");
    }

    /** The filters as one text: a cursor is only valid for the filters it was made under. */
    private static String filterDigest(InventoryQuery q) {
        String filters = String.join("\u0000", String.valueOf(q.text()), String.valueOf(q.category()),
                String.valueOf(q.vendor()), String.valueOf(q.subnetLo()), String.valueOf(q.subnetHi()),
                String.valueOf(q.port()), String.valueOf(q.status()), String.valueOf(q.seenSince()),
                String.valueOf(q.seenBefore()))
                + (q.deviceType() == null ? "" : "\u0000device_type=" + q.deviceType());
        return ENC.encodeToString(java.util.Arrays.copyOf(check(filters.getBytes(StandardCharsets.UTF_8)), 9));
    }

    private static byte[] check(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return java.util.Arrays.copyOf(mac.doFinal(data), 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
