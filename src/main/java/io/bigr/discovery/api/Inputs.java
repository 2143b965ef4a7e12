package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.IpAddresses;
import java.time.Instant;
import java.util.List;

/** Request bodies of the write routes. Each validates itself, naming the field at fault (422). */
public final class Inputs {
    private Inputs() {
    }

    /** {@code PUT /api/assets/{ip}/tag}. The category itself is validated by the store. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tag(String category, String note) {
        public Tag {
            if (category == null || category.isBlank()) {
                throw ApiException.invalidField("category", "category is required");
            }
            if (note != null && note.length() > 1000) {
                throw ApiException.invalidField("note", "note is longer than 1000 characters");
            }
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
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Subnet(String cidr, String label, Integer vlanId) {
        public Subnet {
            if (cidr == null || !cidr.contains("/") || IpAddresses.network(cidr).isEmpty()) {
                throw ApiException.invalidField("cidr", "cidr must be a network such as 10.0.0.0/24, got '" + cidr
                        + "'");
            }
            if (vlanId != null && (vlanId < 1 || vlanId > 4094)) {
                throw ApiException.invalidField("vlan_id", "vlan_id must be between 1 and 4094");
            }
            if (label != null && label.length() > 200) {
                throw ApiException.invalidField("label", "label is longer than 200 characters");
            }
        }

        /** The canonical network text: {@code 10.0.0.5/24} is stored as {@code 10.0.0.0/24}. */
        public String network() {
            return IpAddresses.networkText(IpAddresses.network(cidr).orElseThrow());
        }
    }

    /**
     * {@code POST /api/certificates}: the docs/DOMAIN.md §3.14 shape without id and last_checked (the store stamps
     * those).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CertificateIn(String ip, Integer port, String cn, String issuer, String issuerOrg, Instant validFrom,
                                Instant validTo, String serial, Integer keySize, String keyAlgorithm,
                                @JsonProperty("is_self_signed") Boolean isSelfSigned,
                                @JsonProperty("is_expired") Boolean isExpired, Integer daysUntilExpiry,
                                List<String> san, String signatureAlgorithm) {
        public CertificateIn {
            if (!IpAddresses.isValid(ip)) {
                throw ApiException.invalidField("ip", "ip must be an IP address, got '" + ip + "'");
            }
            if (port == null || port < 1 || port > 65535) {
                throw ApiException.invalidField("port", "port must be between 1 and 65535");
            }
            if (keySize != null && keySize < 0) {
                throw ApiException.invalidField("key_size", "key_size must not be negative");
            }
        }

        public Certificate toCertificate() {
            return new Certificate(null, ip.trim(), port, cn, issuer, issuerOrg, validFrom, validTo, serial, keySize,
                    keyAlgorithm, Boolean.TRUE.equals(isSelfSigned), Boolean.TRUE.equals(isExpired), daysUntilExpiry,
                    san, null, signatureAlgorithm);
        }
    }
}
