package io.bigr.discovery.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One device as a scan saw it (docs/DOMAIN.md §2.6): the unit the classifier scores and the store upserts.
 * The MAC is normalised here, ports are kept sorted and distinct, evidence is never null.
 *
 * @param switchHost      switch the MAC was learned on (SNMP enrichment), or null when unknown
 * @param switchPort      interface name on that switch, or null
 * @param switchPortIndex bridge port number, or null
 * @param deviceType      the fingerprint identity's device type (docs/DOMAIN.md §4.15); like {@code product},
 *                        {@code os} and {@code osVersion}, a null value is read from {@code raw_evidence.identity}
 *                        (its field's {@code value}), so these four follow the evidence unless given
 */
public record Asset(
        IpAddress ip,
        MacAddress mac,
        String hostname,
        String vendor,
        List<Integer> openPorts,
        String osHint,
        BigrCategory bigrCategory,
        double confidenceScore,
        ScanMethod scanMethod,
        Instant firstSeen,
        Instant lastSeen,
        ObjectNode rawEvidence,
        String switchHost,
        String switchPort,
        Integer switchPortIndex,
        String deviceType,
        String product,
        String os,
        String osVersion) {

    /** The key of the fingerprint identity in {@code raw_evidence} (docs/DOMAIN.md §4.15). */
    public static final String IDENTITY = "identity";

    /** The key of a manual tag's note in {@code raw_evidence} (docs/DOMAIN.md §4.2). */
    public static final String MANUAL_OVERRIDE = "manual_override";

    /**
     * The note of a manual tag as it stands in the evidence: the user's note, or {@code User override} without one
     * (docs/DOMAIN.md §4.2).
     */
    public static String overrideNote(String note) {
        return note == null || note.isBlank() ? "User override" : note;
    }

    /** An asset whose identity fields come from its evidence. */
    public Asset(IpAddress ip, MacAddress mac, String hostname, String vendor, List<Integer> openPorts, String osHint,
                 BigrCategory bigrCategory, double confidenceScore, ScanMethod scanMethod, Instant firstSeen,
                 Instant lastSeen, ObjectNode rawEvidence, String switchHost, String switchPort,
                 Integer switchPortIndex) {
        this(ip, mac, hostname, vendor, openPorts, osHint, bigrCategory, confidenceScore, scanMethod, firstSeen,
                lastSeen, rawEvidence, switchHost, switchPort, switchPortIndex, null, null, null, null);
    }

    public Asset {
        if (ip == null) {
            throw new IllegalArgumentException("asset ip is required");
        }
        hostname = blankToNull(hostname);
        vendor = blankToNull(vendor);
        osHint = blankToNull(osHint);
        openPorts = openPorts == null ? List.of() : openPorts.stream().filter(Objects::nonNull).distinct().sorted().toList();
        for (int p : openPorts) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("open port out of range: " + p);
            }
        }
        bigrCategory = bigrCategory == null ? BigrCategory.UNCLASSIFIED : bigrCategory;
        if (Double.isNaN(confidenceScore) || confidenceScore < 0.0 || confidenceScore > 1.0) {
            throw new IllegalArgumentException("confidence_score must be between 0.0 and 1.0, got " + confidenceScore);
        }
        scanMethod = scanMethod == null ? ScanMethod.PASSIVE : scanMethod;
        Instant now = Timestamps.now();
        firstSeen = firstSeen == null ? now : firstSeen;
        lastSeen = lastSeen == null ? now : lastSeen;
        rawEvidence = rawEvidence == null ? JsonNodeFactory.instance.objectNode() : rawEvidence;
        switchHost = blankToNull(switchHost);
        switchPort = blankToNull(switchPort);
        deviceType = blankToNull(deviceType != null ? deviceType : identityValue(rawEvidence, "device_type"));
        product = blankToNull(product != null ? product : identityValue(rawEvidence, "product"));
        os = blankToNull(os != null ? os : identityValue(rawEvidence, "os"));
        osVersion = blankToNull(osVersion != null ? osVersion : identityValue(rawEvidence, "os_version"));
    }

    /** {@code raw_evidence.identity.<field>.value} as text, or null. */
    public static String identityValue(ObjectNode evidence, String field) {
        if (evidence == null) {
            return null;
        }
        var value = evidence.path(IDENTITY).path(field).path("value");
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A fresh observation of {@code ip} with everything else at its default. */
    public static Asset of(IpAddress ip) {
        return new Asset(ip, null, null, null, List.of(), null, null, 0.0, null, null, null, null, null, null, null);
    }

    public ConfidenceLevel confidenceLevel() {
        return ConfidenceLevel.of(confidenceScore);
    }

    public Asset withMac(MacAddress newMac) {
        return new Asset(ip, newMac, hostname, vendor, openPorts, osHint, bigrCategory, confidenceScore, scanMethod,
                firstSeen, lastSeen, rawEvidence, switchHost, switchPort, switchPortIndex,
                deviceType, product, os, osVersion);
    }

    public Asset withHostname(String newHostname) {
        return new Asset(ip, mac, newHostname, vendor, openPorts, osHint, bigrCategory, confidenceScore, scanMethod,
                firstSeen, lastSeen, rawEvidence, switchHost, switchPort, switchPortIndex,
                deviceType, product, os, osVersion);
    }

    public Asset withVendor(String newVendor) {
        return new Asset(ip, mac, hostname, newVendor, openPorts, osHint, bigrCategory, confidenceScore, scanMethod,
                firstSeen, lastSeen, rawEvidence, switchHost, switchPort, switchPortIndex,
                deviceType, product, os, osVersion);
    }

    public Asset withOpenPorts(List<Integer> ports) {
        return new Asset(ip, mac, hostname, vendor, ports, osHint, bigrCategory, confidenceScore, scanMethod,
                firstSeen, lastSeen, rawEvidence, switchHost, switchPort, switchPortIndex,
                deviceType, product, os, osVersion);
    }

    public Asset withOsHint(String hint) {
        return new Asset(ip, mac, hostname, vendor, openPorts, hint, bigrCategory, confidenceScore, scanMethod,
                firstSeen, lastSeen, rawEvidence, switchHost, switchPort, switchPortIndex,
                deviceType, product, os, osVersion);
    }

    public Asset withScanMethod(ScanMethod method) {
        return new Asset(ip, mac, hostname, vendor, openPorts, osHint, bigrCategory, confidenceScore, method,
                firstSeen, lastSeen, rawEvidence, switchHost, switchPort, switchPortIndex,
                deviceType, product, os, osVersion);
    }

    public Asset withEvidence(ObjectNode evidence) {
        return new Asset(ip, mac, hostname, vendor, openPorts, osHint, bigrCategory, confidenceScore, scanMethod,
                firstSeen, lastSeen, evidence, switchHost, switchPort, switchPortIndex, null, null, null, null);
    }

    public Asset withClassification(BigrCategory category, double confidence, ObjectNode evidence) {
        return new Asset(ip, mac, hostname, vendor, openPorts, osHint, category, confidence, scanMethod,
                firstSeen, lastSeen, evidence, switchHost, switchPort, switchPortIndex, null, null, null, null);
    }

    public Asset withSwitch(String host, String port, Integer portIndex) {
        return new Asset(ip, mac, hostname, vendor, openPorts, osHint, bigrCategory, confidenceScore, scanMethod,
                firstSeen, lastSeen, rawEvidence, host, port, portIndex,
                deviceType, product, os, osVersion);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
