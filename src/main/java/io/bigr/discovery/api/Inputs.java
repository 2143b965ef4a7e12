package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.InputBounds;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Request bodies of the write routes. Each validates itself with the bounds of docs/DOMAIN.md §2.8, naming the field
 * at fault (422). Numbers, times and lists are taken as JSON trees and checked here, so a number past an int's range
 * ({@code "vlan_id": 99999999999}) or a list holding {@code null} is a 422 like any other bad value.
 */
public final class Inputs {
    private Inputs() {
    }

    /** {@code PUT /api/assets/{ip}/tag}. The category itself is validated by the store. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tag(JsonNode category, JsonNode note) {
        public Tag {
            if (category == null || category.isNull() || !category.isTextual() || category.asText().isBlank()) {
                throw ApiException.invalidField("category", "category is required (a string)");
            }
            InputBounds.text("note", string("note", note));
        }

        public String categoryText() {
            return category.textValue();
        }

        public String noteText() {
            return string("note", note);
        }
    }

    /** {@code POST /api/assets/merge}: {@code {"keep": id, "merge": id}} (docs/DOMAIN.md §3.17). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Merge(String keep, String merge) {
        public Merge {
            keep = assetId("keep", keep);
            merge = assetId("merge", merge);
        }
    }

    /** {@code POST /api/assets/split}: {@code {"asset": id, "mac": "02:..."}} (docs/DOMAIN.md §3.17). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Split(String asset, String mac) {
        public Split {
            asset = assetId("asset", asset);
            if (mac == null || mac.isBlank()) {
                throw ApiException.invalidField("mac", "mac is required");
            }
        }

        public io.bigr.discovery.core.MacAddress macAddress() {
            try {
                return io.bigr.discovery.core.MacAddress.of(mac);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("mac", "mac must be a MAC address such as 02:00:5e:10:00:01");
            }
        }
    }

    private static String assetId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.invalidField(field, field + " is required (an asset id from /api/assets)");
        }
        if (id.length() > 64) {
            throw ApiException.invalidField(field, field + " is not an asset id");
        }
        return id.strip();
    }

    /** {@code POST /api/subnets}: {@code {"cidr": "10.0.0.0/24", "label": "Office", "vlan_id": 10}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subnet(@JsonProperty("cidr") JsonNode cidr, @JsonProperty("label") JsonNode label,
                         @JsonProperty("vlan_id") JsonNode vlanId) {
        public Subnet {
            InputBounds.cidr("cidr", string("cidr", cidr));
            InputBounds.vlan("vlan_id", integer("vlan_id", vlanId));
            InputBounds.text("label", string("label", label), 200);
        }

        /** The canonical network text: {@code 10.0.0.5/24} is stored as {@code 10.0.0.0/24}. */
        public String network() {
            return InputBounds.cidr("cidr", string("cidr", cidr)).value();
        }

        public String labelText() {
            return string("label", label);
        }

        public Integer vlan() {
            return InputBounds.vlan("vlan_id", integer("vlan_id", vlanId));
        }
    }

    /**
     * {@code POST /api/certificates}: the docs/DOMAIN.md §3.14 shape without id and last_checked (the store stamps
     * those).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CertificateIn(JsonNode ip, JsonNode port, JsonNode cn, JsonNode issuer, JsonNode issuerOrg,
                                JsonNode validFrom, JsonNode validTo, JsonNode serial, JsonNode keySize,
                                JsonNode keyAlgorithm,
                                @JsonProperty("is_self_signed") JsonNode isSelfSigned,
                                @JsonProperty("is_expired") JsonNode isExpired, JsonNode daysUntilExpiry,
                                JsonNode san, JsonNode signatureAlgorithm) {
        /** The largest key size taken (bits): RSA keys in use stop at 16384. */
        static final int MAX_KEY_SIZE = 65_536;
        /** At most this many SAN names. */
        static final int MAX_SAN = 1000;

        public CertificateIn {
            toCertificate();
        }

        public Certificate toCertificate() {
            String address = InputBounds.ip("ip", string("ip", ip)).value();
            Integer p = InputBounds.port("port", integer("port", port));
            if (p == null) {
                throw new InvalidInputException("port", "is required (1-65535)");
            }
            return new Certificate(null, address, p, text("cn", cn), text("issuer", issuer),
                    text("issuer_org", issuerOrg), time("valid_from", validFrom), time("valid_to", validTo),
                    text("serial", serial), InputBounds.intIn("key_size", integer("key_size", keySize), 0,
                    MAX_KEY_SIZE), text("key_algorithm", keyAlgorithm), flag("is_self_signed", isSelfSigned),
                    flag("is_expired", isExpired), InputBounds.intIn("days_until_expiry",
                    integer("days_until_expiry", daysUntilExpiry), -3_660_000, 3_660_000), names("san", san),
                    null, text("signature_algorithm", signatureAlgorithm));
        }
    }

    // ------------------------------------------------------------------ JSON value readers, each naming the field

    /** A string or null; any other JSON type is refused. */
    static String string(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return n.textValue();
    }

    /** A bounded string without NUL, or null. */
    static String text(String field, JsonNode n) {
        return InputBounds.text(field, string(field, n));
    }

    /** An integral number (any size: the caller bounds it) or null. */
    static Long integer(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber()) {
            throw new InvalidInputException(field, "must be an integer");
        }
        if (!n.canConvertToLong()) {
            throw new InvalidInputException(field, "is out of range");
        }
        return n.longValue();
    }

    /** A boolean, or false when absent. */
    static boolean flag(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new InvalidInputException(field, "must be a boolean");
        }
        return n.booleanValue();
    }

    /** An ISO-8601 time within years 0001-9999, or null. */
    static Instant time(String field, JsonNode n) {
        String s = string(field, n);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return InputBounds.time(field, Timestamps.parse(InputBounds.text(field, s, 64)));
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 time, got " + InputBounds.quote(s));
        }
    }

    /** An array of non-null bounded strings, or an empty list. */
    static List<String> names(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new InvalidInputException(field, "must be an array of strings");
        }
        if (n.size() > CertificateIn.MAX_SAN) {
            throw new InvalidInputException(field, "has more than " + CertificateIn.MAX_SAN + " entries");
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (e == null || !e.isTextual()) {
                throw new InvalidInputException(field + "[" + i + "]", "must be a string");
            }
            out.add(InputBounds.text(field + "[" + i + "]", e.textValue()));
        }
        return out;
    }
}
