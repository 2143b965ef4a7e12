package io.bigr.discovery.classify;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OS hint of docs/DOMAIN.md §4.4: a port-set table, then banner patterns. Pure functions, no I/O: the scanner opens
 * the connections ({@link #bannerPorts}, {@link #bannerRequest}, {@link #BANNER_TIMEOUT}, {@link #BANNER_MAX_BYTES})
 * and passes the banners it read to {@link #hint}. A banner that matches wins over the port table.
 */
public final class OsFingerprint {
    /** Per-connection timeout for a banner grab (§4.4). */
    public static final Duration BANNER_TIMEOUT = Duration.ofMillis(2000);
    /** At most this many bytes of a banner are read. */
    public static final int BANNER_MAX_BYTES = 1024;
    /** Ports probed for banners, in this order, at most {@link #MAX_BANNER_PORTS} of those that are open. */
    public static final List<Integer> BANNER_PORTS = List.of(22, 80, 8080);
    public static final int MAX_BANNER_PORTS = 2;

    private static final Set<Integer> HTTP_PORTS = Set.of(80, 8080, 8443, 443);
    private static final Set<Integer> WEB_ONLY = Set.of(80, 443, 8080, 8443);

    private record BannerPattern(Pattern pattern, String hint) {
        BannerPattern(String regex, String hint) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), hint);
        }
    }

    private static final List<BannerPattern> BANNERS = List.of(
            new BannerPattern("microsoft|windows|iis", "Windows"),
            new BannerPattern("ubuntu|debian|centos|fedora|red\\s?hat", "Linux"),
            new BannerPattern("apache|nginx|lighttpd", "Linux (Web Server)"),
            new BannerPattern("openssh", "Linux"),
            new BannerPattern("mikrotik|routeros", "Network Equipment (MikroTik)"),
            new BannerPattern("cisco|ios", "Network Equipment (Cisco)"),
            new BannerPattern("hikvision|dahua", "IP Camera"),
            new BannerPattern("printer|jetdirect|cups", "Printer"));

    private OsFingerprint() {
    }

    /**
     * The port table of §4.4, first matching line wins; null when nothing matches. An empty or null port set gives
     * null (the pipeline only fingerprints assets with open ports; "every port is a web port" is not meant to hold
     * vacuously).
     */
    public static String fromPorts(Collection<Integer> openPorts) {
        if (openPorts == null || openPorts.isEmpty()) {
            return null;
        }
        Set<Integer> p = Set.copyOf(openPorts);
        boolean rdp = p.contains(3389);
        boolean smb = p.contains(445);
        boolean ssh = p.contains(22);
        boolean snmp = p.contains(161);
        if (rdp) {
            return "Windows"; // lines 1 and 2: 3389 with or without 445
        }
        if (smb && !ssh) {
            return "Windows";
        }
        if (ssh) {
            // lines 4 and 5; line 6 (22 + 161 without 80) can never fire because these return first
            return p.size() >= 3 ? "Linux (Server)" : "Linux";
        }
        if (snmp && p.size() <= 2) {
            return "Network Equipment";
        }
        if (p.contains(554)) {
            return "IP Camera";
        }
        if (p.contains(1883)) {
            return "IoT Device";
        }
        if (p.contains(9100)) {
            return "Printer";
        }
        if (WEB_ONLY.containsAll(p)) {
            return "Web Server";
        }
        return null;
    }

    /** The banner table of §4.4 (case-insensitive, first match wins) over the trimmed banner; null if none. */
    public static String fromBanner(String banner) {
        if (banner == null || banner.isBlank()) {
            return null;
        }
        String text = banner.strip().toLowerCase(Locale.ROOT);
        for (BannerPattern b : BANNERS) {
            if (b.pattern().matcher(text).find()) {
                return b.hint();
            }
        }
        return null;
    }

    /** The first banner that yields a hint, else the port-table hint (§4.4, last paragraph). */
    public static String hint(Collection<Integer> openPorts, List<String> banners) {
        if (banners != null) {
            for (String banner : banners) {
                String h = fromBanner(banner);
                if (h != null) {
                    return h;
                }
            }
        }
        return fromPorts(openPorts);
    }

    /** Which open ports to grab banners from: those among 22, 80, 8080, in that order, at most two. */
    public static List<Integer> bannerPorts(Collection<Integer> openPorts) {
        return bannerPorts(openPorts, List.of());
    }

    /**
     * Which ports' banners feed the hint: the ports an SSH server answered on, whatever their number (ascending),
     * then those among 22, 80, 8080 in that order; at most two.
     */
    public static List<Integer> bannerPorts(Collection<Integer> openPorts, Collection<Integer> sshPorts) {
        if (openPorts == null) {
            return List.of();
        }
        java.util.LinkedHashSet<Integer> ports = new java.util.LinkedHashSet<>();
        if (sshPorts != null) {
            sshPorts.stream().filter(openPorts::contains).sorted().forEach(ports::add);
        }
        BANNER_PORTS.stream().filter(openPorts::contains).forEach(ports::add);
        return ports.stream().limit(MAX_BANNER_PORTS).toList();
    }

    /** What to send after connecting: an HTTP HEAD for web ports, a bare CRLF otherwise. */
    public static String bannerRequest(int port, String ip) {
        return HTTP_PORTS.contains(port) ? "HEAD / HTTP/1.0\r\nHost: " + ip + "\r\n\r\n" : "\r\n";
    }
}
