package io.bigr.discovery.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product version actually observed on an asset: which text said so, where it came from, and the CPE
 * vendor:product pairs that text identifies. Extraction is pattern-based over banners, the SNMP sysDescr and the
 * manual note only; an open port alone never yields evidence.
 *
 * @param port    the port the banner came from, or null for SNMP / manual note
 * @param text    the banner, sysDescr or note text (trimmed, at most {@value #MAX_TEXT} characters)
 * @param product human name of the product recognised ({@code OpenSSH})
 * @param cpes    CPE {@code vendor:product} pairs (lower case) the product is filed under in NVD
 */
public record VersionEvidence(String source, Integer port, String text, String product, String version,
                              List<String> cpes) {
    static final int MAX_TEXT = 200;

    /**
     * A recognisable product: a regex whose group 1 is the version, its NVD vendor:product names, and the literal
     * words (lower case, separated by {@code |}) one of which every match contains. A text that names none of them is
     * not searched: 15 case-insensitive searches of every banner were a sixth of the risk report's time at 100,000
     * assets, and nearly every banner names one product or none.
     */
    record Product(String name, List<String> needles, Pattern pattern, List<String> cpes) {
        Product(String name, String needles, String regex, String... cpes) {
            this(name, List.of(needles.split("\\|")), Pattern.compile(regex, Pattern.CASE_INSENSITIVE), List.of(cpes));
        }

        /** Whether {@code lowerText} (the text in {@link Locale#ROOT} lower case) names one of the words. */
        boolean mentioned(String lowerText) {
            for (String needle : needles) {
                if (lowerText.contains(needle)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Known products. Versions must be explicit in the text; patterns never infer one from a port or a vendor. */
    static final List<Product> PRODUCTS = List.of(
            new Product("OpenSSH", "openssh", "OpenSSH[_-](\\d+(?:\\.\\d+)+(?:p\\d+)?)", "openbsd:openssh"),
            new Product("Dropbear SSH", "dropbear", "dropbear[_-](\\d{4}\\.\\d+)", "dropbear_ssh_project:dropbear_ssh"),
            new Product("nginx", "nginx/", "nginx/(\\d+\\.\\d+(?:\\.\\d+)?)", "f5:nginx", "nginx:nginx"),
            new Product("Apache HTTP Server", "apache/", "Apache/(\\d+\\.\\d+\\.\\d+)", "apache:http_server"),
            new Product("lighttpd", "lighttpd/", "lighttpd/(\\d+\\.\\d+\\.\\d+)", "lighttpd:lighttpd"),
            new Product("Microsoft IIS", "microsoft-iis/", "Microsoft-IIS/(\\d+\\.\\d+)",
                    "microsoft:internet_information_services"),
            new Product("vsftpd", "vsftpd ", "vsFTPd (\\d+\\.\\d+\\.\\d+)", "vsftpd_project:vsftpd", "beasts:vsftpd"),
            new Product("ProFTPD", "proftpd ", "ProFTPD (\\d+\\.\\d+\\.\\d+[a-z]?)", "proftpd:proftpd"),
            new Product("OpenSSL", "openssl/", "OpenSSL/(\\d+\\.\\d+\\.\\d+[a-z]?)", "openssl:openssl"),
            new Product("PHP", "php/", "PHP/(\\d+\\.\\d+\\.\\d+)", "php:php"),
            new Product("CUPS", "cups/", "CUPS/(\\d+\\.\\d+(?:\\.\\d+)?)", "apple:cups", "openprinting:cups"),
            new Product("Exim", "exim ", "Exim (\\d+\\.\\d+(?:\\.\\d+)?)", "exim:exim"),
            new Product("MikroTik RouterOS", "routeros|mikrotik", "(?:RouterOS|MikroTik) v?(\\d+\\.\\d+(?:\\.\\d+)?)",
                    "mikrotik:routeros"),
            new Product("Cisco IOS XE", "xe software", "IOS[ -]XE Software.*?Version:? *(\\d+\\.\\d+\\.\\d+[a-z]?)",
                    "cisco:ios_xe"),
            new Product("Synology DSM", "dsm ", "DSM (\\d+\\.\\d+(?:\\.\\d+)?)", "synology:diskstation_manager"));

    /** Every CPE {@code vendor:product} key a recognised product is filed under (what evidence can ever name). */
    public static java.util.Set<String> knownCpeKeys() {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        PRODUCTS.forEach(p -> keys.addAll(p.cpes()));
        return keys;
    }

    /**
     * Whether stored evidence JSON can hold version evidence at all: only the banner and sysDescr keys are read, so
     * text naming neither needs no parsing (our writers never escape these ASCII key names).
     */
    public static boolean mayHold(String rawEvidenceJson) {
        return rawEvidenceJson != null && (rawEvidenceJson.contains(EvidenceKeys.BANNERS)
                || rawEvidenceJson.contains(EvidenceKeys.SNMP_SYS_DESCR));
    }

    private static final java.util.Set<String> READ = java.util.Set.of(EvidenceKeys.BANNERS,
            EvidenceKeys.SNMP_SYS_DESCR);

    /**
     * What the reports read of stored evidence ({@link #evidence}) and {@link #extract}, for the rows of one report:
     * each distinct banner and sysDescr text is parsed and scanned once (assets of one model show the same banners),
     * and the rows that show it share the result, which nobody may change. Bounded ({@code Json.KEPT_MEMO_MAX} texts); one per report and thread.
     */
    public static final class Memo {
        private final Map<String, ObjectNode> parsed = new java.util.HashMap<>();
        private final Map<ObjectNode, List<VersionEvidence>> scanned = new java.util.IdentityHashMap<>();

        /**
         * The banners and sysDescr of stored evidence JSON ({@link #extract} reads them, and {@code ExportRow.services}
         * the banners), parsed alone; null when the text cannot hold them ({@link #mayHold}). Shared by rows whose
         * banners and sysDescr read the same.
         */
        public ObjectNode evidence(String rawEvidenceJson) {
            return mayHold(rawEvidenceJson)
                    ? io.bigr.discovery.core.Json.parseObjectKeeping(rawEvidenceJson, READ, parsed) : null;
        }

        /** {@link #extract}, an unmodifiable list; once per evidence object when there is no manual note. */
        public List<VersionEvidence> versions(ObjectNode evidence, String manualNote) {
            if (evidence == null || manualNote != null) {
                return extract(evidence, manualNote);
            }
            List<VersionEvidence> found = scanned.get(evidence);
            if (found == null) {
                found = List.copyOf(extract(evidence, null));
                if (scanned.size() < io.bigr.discovery.core.Json.KEPT_MEMO_MAX) {
                    scanned.put(evidence, found);
                }
            }
            return found;
        }
    }

    /**
     * All version evidence of one asset: each banner (ports in ascending order), the SNMP sysDescr, then the manual
     * note. A text may name several products (e.g. {@code Apache/2.4.49 OpenSSL/1.1.1k}).
     */
    public static List<VersionEvidence> extract(ObjectNode rawEvidence, String manualNote) {
        List<VersionEvidence> out = new ArrayList<>();
        if (rawEvidence != null) {
            JsonNode banners = rawEvidence.get(EvidenceKeys.BANNERS);
            if (banners != null && banners.isObject()) {
                new java.util.TreeMap<>(toPortMap(banners)).forEach((port, text) ->
                        scan(EvidenceKeys.SOURCE_BANNER, port, text, out));
            }
            JsonNode sysDescr = rawEvidence.get(EvidenceKeys.SNMP_SYS_DESCR);
            if (sysDescr != null && sysDescr.isTextual()) {
                scan(EvidenceKeys.SOURCE_SNMP, null, sysDescr.asText(), out);
            }
        }
        if (manualNote != null && !manualNote.isBlank()) {
            scan(EvidenceKeys.SOURCE_MANUAL_NOTE, null, manualNote, out);
        }
        return out;
    }

    private static Map<Integer, String> toPortMap(JsonNode banners) {
        Map<Integer, String> byPort = new java.util.HashMap<>();
        banners.fields().forEachRemaining(e -> {
            try {
                int port = Integer.parseInt(e.getKey().trim());
                String text = bannerText(e.getValue());
                if (port >= 0 && port <= 65535 && text != null) {
                    byPort.put(port, text);
                }
            } catch (NumberFormatException ignored) {
                // not a port key: not banner evidence
            }
        });
        return byPort;
    }

    /**
     * The text of one banner in either stored shape: the plain string of earlier releases, or the object
     * {@code bigr scan} writes ({@code {"service", "banner"}} for a greeting, {@code {"service", "server", "title"}}
     * for HTTP, docs/DOMAIN.md §4.4). Of an object, the greeting line and the HTTP {@code Server} header (as
     * {@code Server: ...}) are read; a page title is authored text and never taken as a version. Null when the
     * value holds neither.
     */
    static String bannerText(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (!value.isObject()) {
            return null;
        }
        List<String> lines = new ArrayList<>(2);
        JsonNode banner = value.get("banner");
        if (banner != null && banner.isTextual() && !banner.asText().isBlank()) {
            lines.add(banner.asText());
        }
        JsonNode server = value.get("server");
        if (server != null && server.isTextual() && !server.asText().isBlank()) {
            lines.add("Server: " + server.asText());
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static void scan(String source, Integer port, String text, List<VersionEvidence> out) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Product p : PRODUCTS) {
            if (!p.mentioned(lower)) {
                continue;
            }
            Matcher m = p.pattern().matcher(text);
            if (m.find()) {
                // Report the line that said it ("Server: nginx/1.18.0"), not a whole HTTP response.
                int from = text.lastIndexOf('\n', m.start()) + 1;
                int to = text.indexOf('\n', m.end());
                String shown = text.substring(from, to < 0 ? text.length() : to).strip();
                out.add(new VersionEvidence(source, port,
                        shown.length() > MAX_TEXT ? shown.substring(0, MAX_TEXT) : shown, p.name(), m.group(1),
                        p.cpes()));
            }
        }
    }
}
