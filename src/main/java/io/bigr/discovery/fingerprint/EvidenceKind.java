package io.bigr.discovery.fingerprint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of evidence a fingerprint can match (docs/DOMAIN.md §4.15). Each kind names one text an asset's
 * evidence yields, in one documented shape, so a fingerprint's regex and its examples are written against that
 * shape: e.g. an {@code mdns_record} text is {@code "<service_type> <key>=<value>"}.
 */
public enum EvidenceKind {
    SSH_BANNER, HTTP_SERVER, HTTP_TITLE, HTTP_REALM, TLS_SUBJECT, UPNP_DESCRIPTION, MDNS_RECORD, SNMP_SYSDESCR,
    GREETING, HOSTNAME, PORT_SET, NETBIOS_NAMES;

    /** Wire value in fingerprint files and evidence, e.g. {@code ssh_banner}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EvidenceKind> parse(String value) {
        return Arrays.stream(values()).filter(k -> k.value().equals(value)).findFirst();
    }

    public static String allValues() {
        return Arrays.stream(values()).map(EvidenceKind::value).collect(Collectors.joining(", "));
    }
}
