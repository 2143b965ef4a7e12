package io.bigr.discovery.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns an asset's evidence into the texts fingerprints match, one shape per {@link EvidenceKind}
 * (docs/DOMAIN.md §4.15). Reads {@code raw_evidence.banners} (objects per port: {@code service}, {@code banner},
 * {@code server}, {@code title}, {@code realm}, {@code tls.subject} as the scan writes it (docs/DOMAIN.md §5.12) or a
 * flat {@code tls_subject}; a plain string is taken as a banner),
 * {@code mdns_services}, {@code upnp} (with each description's SSDP {@code server} line as an {@code http_server}
 * text), {@code netbios}, {@code snmp_sys_descr}, the host name and the open ports. Keys that are
 * absent give nothing; nothing here fails on a shape it does not know.
 */
public final class Observations {
    private static final Pattern REALM = Pattern.compile("(?im)^www-authenticate:[ \\t]*\\w+[ \\t]+.*?realm=\"([^\"]{0,200})\"");
    /**
     * Services the scan asks with its own probe (docs/DOMAIN.md §5.12), whose stored banner is a parsed value (a
     * MySQL version, a printer ID) rather than a greeting line: their greeting text is prefixed with the service.
     */
    static final java.util.Set<String> PROBED = java.util.Set.of("mysql", "postgresql", "rdp", "mqtt", "pjl");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
    private static final List<String> UPNP_KEYS = List.of("manufacturer", "model_name", "model_number",
            "device_type", "friendly_name");

    private Observations() {
    }

    /** Everything {@code rawEvidence} (may be null), the host name and the open ports say. */
    public static List<Observation> of(JsonNode rawEvidence, String hostname, List<Integer> openPorts) {
        List<Observation> out = new ArrayList<>();
        JsonNode ev = rawEvidence == null ? null : rawEvidence;
        if (ev != null) {
            banners(ev.get("banners"), out);
            mdns(ev.get("mdns_services"), out);
            upnp(ev.get("upnp"), out);
            netbios(ev.get("netbios"), out);
            JsonNode snmp = ev.get("snmp_sys_descr");
            if (snmp != null && snmp.isTextual() && !snmp.asText().isBlank()) {
                out.add(new Observation(EvidenceKind.SNMP_SYSDESCR, snmp.asText().strip(), "snmp_sys_descr"));
            }
        }
        if (hostname != null && !hostname.isBlank()) {
            String h = hostname.strip();
            if (h.endsWith(".")) {
                h = h.substring(0, h.length() - 1);
            }
            out.add(new Observation(EvidenceKind.HOSTNAME, h, "hostname"));
        }
        if (openPorts != null && !openPorts.isEmpty()) {
            out.add(new Observation(EvidenceKind.PORT_SET, portSet(openPorts), "open_ports"));
        }
        return out;
    }

    /** The {@code port_set} text: open ports ascending, comma-separated ({@code 22,80,443}). */
    public static String portSet(List<Integer> ports) {
        return ports.stream().distinct().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The realm of a {@code WWW-Authenticate} header in an HTTP response head, or null. */
    public static String realm(String httpHead) {
        if (httpHead == null) {
            return null;
        }
        Matcher m = REALM.matcher(httpHead);
        return m.find() && !m.group(1).isBlank() ? m.group(1).strip() : null;
    }

    /** Control characters of a binary greeting shown as {@code .}, as greeting fingerprints are written. */
    public static String printable(String text) {
        return CONTROL.matcher(text).replaceAll(".");
    }

    private static void banners(JsonNode banners, List<Observation> out) {
        if (banners == null || !banners.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = banners.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "banners." + e.getKey();
            JsonNode b = e.getValue();
            if (b.isTextual()) {
                greeting(b.asText(), at, out);
                continue;
            }
            if (!b.isObject()) {
                continue;
            }
            add(out, EvidenceKind.HTTP_SERVER, text(b, "server"), at + ".server");
            add(out, EvidenceKind.HTTP_TITLE, text(b, "title"), at + ".title");
            add(out, EvidenceKind.HTTP_REALM, text(b, "realm"), at + ".realm");
            add(out, EvidenceKind.TLS_SUBJECT, text(b.get("tls"), "subject"), at + ".tls.subject");
            add(out, EvidenceKind.TLS_SUBJECT, text(b, "tls_subject"), at + ".tls_subject");
            String banner = text(b, "banner");
            if (banner != null) {
                String service = text(b, "service");
                greeting(service != null && PROBED.contains(service) ? service + " " + banner : banner,
                        at + ".banner", out);
            }
        }
    }

    private static void greeting(String text, String at, List<Observation> out) {
        String t = printable(text).strip();
        if (t.isEmpty()) {
            return;
        }
        boolean ssh = t.regionMatches(true, 0, "SSH-", 0, 4);
        out.add(new Observation(ssh ? EvidenceKind.SSH_BANNER : EvidenceKind.GREETING, t, at));
    }

    /** One text per service for its instance name, its host and each TXT property. */
    private static void mdns(JsonNode services, List<Observation> out) {
        if (services == null || !services.isArray()) {
            return;
        }
        for (int i = 0; i < services.size(); i++) {
            JsonNode s = services.get(i);
            String type = text(s, "service_type");
            if (type == null) {
                continue;
            }
            String at = "mdns_services[" + i + "]";
            add(out, EvidenceKind.MDNS_RECORD, prefixed(type, "name", text(s, "name")), at + ".name");
            add(out, EvidenceKind.MDNS_RECORD, prefixed(type, "host", text(s, "hostname")), at + ".hostname");
            JsonNode props = s.get("properties");
            if (props != null && props.isObject()) {
                Map<String, String> sorted = new TreeMap<>();
                props.fields().forEachRemaining(p -> sorted.put(p.getKey(), p.getValue().asText("")));
                sorted.forEach((k, v) -> add(out, EvidenceKind.MDNS_RECORD, prefixed(type, k, v),
                        at + ".properties." + k));
            }
        }
    }

    private static String prefixed(String type, String key, String value) {
        return value == null || value.isBlank() ? null : type + " " + key + "=" + value.strip();
    }

    /** {@code manufacturer=..; model_name=..; model_number=..; device_type=..; friendly_name=..} per device. */
    private static void upnp(JsonNode upnp, List<Observation> out) {
        if (upnp == null) {
            return;
        }
        List<JsonNode> devices = new ArrayList<>();
        if (upnp.isArray()) {
            upnp.forEach(devices::add);
        } else if (upnp.isObject()) {
            devices.add(upnp);
        }
        for (int i = 0; i < devices.size(); i++) {
            JsonNode d = devices.get(i);
            List<String> parts = new ArrayList<>();
            for (String key : UPNP_KEYS) {
                String v = text(d, key);
                if (v != null) {
                    parts.add(key + "=" + v.strip());
                }
            }
            String at = upnp.isArray() ? "upnp[" + i + "]" : "upnp";
            add(out, EvidenceKind.UPNP_DESCRIPTION, parts.isEmpty() ? null : String.join("; ", parts), at);
            add(out, EvidenceKind.HTTP_SERVER, text(d, "server"), at + ".server");
        }
    }

    /** The NetBIOS name table as one text: {@code WS01<00>, CORP<00> (group), CORP<1C> (group)}. */
    private static void netbios(JsonNode netbios, List<Observation> out) {
        JsonNode names = netbios == null ? null : netbios.get("names");
        if (names == null || !names.isArray() || names.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>();
        names.forEach(n -> all.add(n.asText()));
        add(out, EvidenceKind.NETBIOS_NAMES, String.join(", ", all), "netbios.names");
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static void add(List<Observation> out, EvidenceKind kind, String text, String at) {
        if (text != null && !text.isBlank()) {
            out.add(new Observation(kind, text.strip(), at));
        }
    }
}
