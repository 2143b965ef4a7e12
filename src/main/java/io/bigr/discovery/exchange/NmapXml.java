package io.bigr.discovery.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an nmap XML report ({@code nmap -oX}, or {@code bigr export --format xml}) into a scan result
 * (docs/DOMAIN.md §5.13): every host whose status is up, with its IPv4/IPv6 address, MAC and the vendor nmap gives,
 * the first host name, the open TCP ports, and what {@code -sV} said of each port as {@code raw_evidence.banners}
 * ({@code service}, {@code product}, {@code version}, {@code banner}). Parsed with the JDK's StAX reader with DTDs
 * and external entities off (no XXE, no network); anything malformed is an {@link IllegalArgumentException} naming the file.
 */
public final class NmapXml {
    /** Options of nmap's command line that take a value: never a target. */
    private static final Set<String> VALUED = Set.of("-p", "-oX", "-oN", "-oG", "-oA", "-oS", "--top-ports", "-iL",
            "--exclude", "--excludefile", "-e", "-S", "--script", "--script-args", "-T", "--max-retries",
            "--host-timeout", "--min-rate", "--max-rate", "--source-port", "-g", "--stylesheet", "--datadir");

    /** One run of a {@code scaninfo@services} list: {@code 22} or {@code 8000-8100}. */
    private static final java.util.regex.Pattern PORT_RUN = java.util.regex.Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

    private NmapXml() {
    }

    /** A reader that never resolves a DTD or an external entity. */
    static XMLInputFactory safeFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f;
    }

    /** The scan result of one report; {@code name} names the file in errors. */
    public static ScanResult read(InputStream in, String name) {
        try {
            XMLStreamReader r = safeFactory().createXMLStreamReader(in);
            try {
                return parse(r, name);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            String why = e.getMessage() == null ? "unreadable" : e.getMessage().lines().reduce((a, b) -> b).orElse("")
                    .replaceFirst("^Message: ", "");
            throw new IllegalArgumentException(name + ": not well-formed XML (" + shorten(why) + ")");
        }
    }

    private static ScanResult parse(XMLStreamReader r, String name) throws XMLStreamException {
        Instant started = null;
        Instant finished = null;
        String args = null;
        boolean root = false;
        java.util.TreeSet<Integer> asked = new java.util.TreeSet<>();
        boolean askedKnown = true;
        List<Asset> assets = new ArrayList<>();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.DTD) {
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "nmaprun" -> {
                    started = epoch(r.getAttributeValue(null, "start"));
                    args = r.getAttributeValue(null, "args");
                }
                case "scaninfo" -> {
                    root |= "syn".equals(r.getAttributeValue(null, "type"));
                    if ("tcp".equals(r.getAttributeValue(null, "protocol"))) {
                        askedKnown &= services(r.getAttributeValue(null, "services"), asked);
                    }
                }
                case "host" -> {
                    Asset a = host(r, name, assets.size());
                    if (a != null) {
                        assets.add(a);
                    }
                }
                case "finished" -> finished = epoch(r.getAttributeValue(null, "time"));
                default -> { }
            }
        }
        if (started == null) {
            throw new IllegalArgumentException(name + ": not an nmap XML report (no <nmaprun start=...>)");
        }
        // The TCP ports nmap asked, so that a report of `nmap -p 22` does not close a port it never asked (§3.4). No
        // addresses: which ones nmap asked is not in the report, so an import marks nothing missed.
        ObjectNode details = null;
        if (askedKnown && !asked.isEmpty()) {
            details = Json.object();
            details.set(io.bigr.discovery.core.ScanCoverage.DETAILS_KEY, new io.bigr.discovery.core.ScanCoverage(
                    List.of(), io.bigr.discovery.core.ScanCoverage.portRuns(asked), false, 0, 0).toJson());
        }
        return new ScanResult(target(args), ScanMethod.ACTIVE, started,
                finished != null && !finished.isBefore(started) ? finished : null, root, assets, details);
    }

    /**
     * Adds the ports of a {@code scaninfo@services} list ({@code 1,3-4,22}) to {@code into}; false when the list is
     * missing or not of that form (then the report says nothing reliable about what was asked).
     */
    static boolean services(String list, java.util.Set<Integer> into) {
        if (list == null || list.isBlank()) {
            return false;
        }
        for (String run : list.split(",")) {
            java.util.regex.Matcher m = PORT_RUN.matcher(run.strip());
            if (!m.matches()) {
                return false;
            }
            int lo = Integer.parseInt(m.group(1));
            int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
            if (lo < 1 || hi > 65535 || hi < lo) {
                return false;
            }
            for (int p = lo; p <= hi; p++) {
                into.add(p);
            }
        }
        return true;
    }

    /** One {@code <host>}; null when its status is not up or it has no IP address. */
    private static Asset host(XMLStreamReader r, String file, int index) throws XMLStreamException {
        String state = null;
        String ip = null;
        String mac = null;
        String vendor = null;
        String hostname = null;
        TreeMap<Integer, ObjectNode> services = new TreeMap<>();
        Instant seen = epoch(r.getAttributeValue(null, "endtime"));
        Integer port = null;
        boolean open = false;
        ObjectNode service = null;
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (r.getLocalName().equals("port")) {
                    if (open && port != null) {
                        services.put(port, service);
                    }
                    port = null;
                    service = null;
                    open = false;
                }
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            switch (r.getLocalName()) {
                case "status" -> state = r.getAttributeValue(null, "state");
                case "address" -> {
                    String type = r.getAttributeValue(null, "addrtype");
                    String addr = r.getAttributeValue(null, "addr");
                    if ("mac".equals(type)) {
                        mac = addr;
                        vendor = r.getAttributeValue(null, "vendor");
                    } else if (ip == null && ("ipv4".equals(type) || "ipv6".equals(type))) {
                        ip = addr;
                    }
                }
                case "hostname" -> {
                    if (hostname == null) {
                        hostname = r.getAttributeValue(null, "name");
                    }
                }
                case "port" -> {
                    port = "tcp".equals(r.getAttributeValue(null, "protocol"))
                            ? portNumber(r.getAttributeValue(null, "portid"), file, index) : null;
                }
                case "state" -> open = port != null && "open".equals(r.getAttributeValue(null, "state"));
                case "service" -> {
                    if (port != null) {
                        service = service(r);
                    }
                }
                default -> { }
            }
        }
        if (!"up".equals(state) || ip == null) {
            return null;
        }
        String path = file + ": host[" + index + "]";
        IpAddress address;
        MacAddress macAddress;
        try {
            address = IpAddress.of(ip);
            macAddress = MacAddress.ofNullable(mac);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + shorten(e.getMessage()));
        }
        ObjectNode evidence = Json.object();
        ObjectNode banners = Json.object();
        services.forEach((p, s) -> {
            if (s != null) {
                banners.set(String.valueOf(p), s);
            }
        });
        if (!banners.isEmpty()) {
            evidence.set("banners", banners);
        }
        return new Asset(address, macAddress, blankToNull(hostname), blankToNull(vendor),
                List.copyOf(services.keySet()), null, null, 0.0, ScanMethod.ACTIVE, seen, seen, evidence, null, null,
                null);
    }

    /** What {@code -sV} said of a port, in the banner keys of docs/DOMAIN.md §5.12 (plus product and version). */
    private static ObjectNode service(XMLStreamReader r) {
        String name = r.getAttributeValue(null, "name");
        String product = blankToNull(r.getAttributeValue(null, "product"));
        String version = blankToNull(r.getAttributeValue(null, "version"));
        String extra = blankToNull(r.getAttributeValue(null, "extrainfo"));
        ObjectNode s = Json.object();
        s.put("service", name == null || name.isBlank() ? "unknown" : name);
        if (product != null) {
            s.put("product", product);
        }
        if (version != null) {
            s.put("version", version);
        }
        if (product != null) {
            s.put("banner", product + (version == null ? "" : " " + version) + (extra == null ? "" : " (" + extra + ")"));
        }
        return s;
    }

    /** The targets of the nmap command line ({@code nmap -sT -sV -oX f.xml 10.0.0.0/24} → {@code 10.0.0.0/24}). */
    static String target(String args) {
        if (args == null) {
            return "nmap import";
        }
        String[] words = args.trim().split("\\s+");
        List<String> targets = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("-")) {
                if (VALUED.contains(w)) {
                    i++;
                }
                continue;
            }
            targets.add(w);
        }
        String t = String.join(" ", targets);
        return t.isBlank() ? "nmap import" : t.length() > 200 ? t.substring(0, 200) : t;
    }

    private static Integer portNumber(String text, String file, int index) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + ": host[" + index + "]: port '" + shorten(text)
                + "' is not 1-65535");
    }

    private static Instant epoch(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        try {
            long s = Long.parseLong(seconds.trim());
            return s > 0 && s < 32_503_680_000L ? Instant.ofEpochSecond(s) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }
}
