package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What one scan actually probed (docs/DOMAIN.md §3.15): the IPv4 address ranges every address of which was asked
 * and the IPv6 addresses asked one by one, the ports asked, and whether the run completed with no probe lost. Kept
 * compact whatever the size of the target: a /16 is one range, a port list is its runs ({@code 22,80,8000-8100}).
 * Stored as JSON in {@code scans.coverage}.
 *
 * <p>The ports apply to every address covered and to every asset the scan saw: the scanner asks each host it reports
 * every port of the list, so a port outside the list was not asked and says nothing about that port ({@link
 * #carryForward}).
 *
 * @param addresses        inclusive IPv4 ranges ({@code first-last} or one address) and single IPv6 addresses (kept in
 *                         their canonical text, docs/DOMAIN.md §2.8); an IPv6 range is refused, since the stored
 *                         text of the addresses inside it has no common prefix to look them up by
 * @param ports            the ports asked, as comma-separated runs
 * @param complete         the run finished and lost no probe: only then may an absence mark an asset missed
 * @param probesLost       probes never answered for a local reason (local errors, probes skipped)
 * @param probesUnanswered probes that timed out (filtered or a silent address)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"addresses", "ports", "complete", "probes_lost", "probes_unanswered"})
public record ScanCoverage(List<String> addresses, String ports, boolean complete, long probesLost,
                           long probesUnanswered) {

    /** The key of the coverage in a scan's {@code details} on its way to the store. */
    public static final String DETAILS_KEY = "coverage";

    public ScanCoverage {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        ports = ports == null ? "" : ports;
        List<String> checked = new ArrayList<>(addresses.size());
        for (String range : addresses) {
            if (range != null && range.indexOf(':') >= 0) {
                checked.add(ipv6(range));
            } else {
                bounds(range); // refuse what cannot be read back
                checked.add(range);
            }
        }
        addresses = List.copyOf(checked);
    }

    /** True when {@code ip} (IPv4 dotted text, or IPv6 in any form) lies in one of the ranges or is a listed address. */
    public boolean covers(String ip) {
        if (ip != null && ip.indexOf(':') >= 0) {
            String canonical = IpAddresses.canonical(ip).orElse(null);
            return canonical != null && addresses.contains(canonical);
        }
        long v = parse(ip);
        if (v < 0) {
            return false;
        }
        for (String range : addresses) {
            if (range.indexOf(':') >= 0) {
                continue;
            }
            long[] b = bounds(range);
            if (v >= b[0] && v <= b[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The open ports a snapshot of an asset the scan saw keeps (docs/DOMAIN.md §3.4): those the scan found open, and
     * those of the asset's latest snapshot ({@code known}, null when it has none) that the scan did not ask, in
     * ascending order; {@code found} itself when nothing is carried.
     */
    public List<Integer> carryForward(List<Integer> known, List<Integer> found) {
        if (known == null || known.isEmpty()) {
            return found;
        }
        TreeSet<Integer> kept = null;
        for (int p : known) {
            if (!probed(p) && !found.contains(p)) {
                if (kept == null) {
                    kept = new TreeSet<>(found);
                }
                kept.add(p);
            }
        }
        return kept == null ? found : List.copyOf(kept);
    }

    /** True when {@code port} was asked. */
    public boolean probed(int port) {
        if (ports.isEmpty()) {
            return false;
        }
        for (String run : ports.split(",")) {
            int dash = run.indexOf('-');
            int lo = Integer.parseInt(dash < 0 ? run : run.substring(0, dash));
            int hi = dash < 0 ? lo : Integer.parseInt(run.substring(dash + 1));
            if (port >= lo && port <= hi) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dotted-quad prefix every address of the range shares ({@code 127.0.0.} for a /28), for a LIKE filter; an IPv6
     * entry is its own prefix.
     */
    public static String commonPrefix(String range) {
        if (range.indexOf(':') >= 0) {
            return ipv6(range);
        }
        long[] b = bounds(range);
        String lo = format(b[0]);
        String hi = format(b[1]);
        int end = 0;
        for (int i = 0; i < Math.min(lo.length(), hi.length()) && lo.charAt(i) == hi.charAt(i); i++) {
            if (lo.charAt(i) == '.') {
                end = i + 1;
            }
        }
        return lo.equals(hi) ? lo : lo.substring(0, end);
    }

    /** Ports as sorted comma-separated runs: {@code [80, 22, 23, 24]} → {@code 22-24,80}. */
    public static String portRuns(Collection<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        int start = -1;
        int prev = -1;
        for (int p : new TreeSet<>(ports)) {
            if (start >= 0 && p == prev + 1) {
                prev = p;
                continue;
            }
            appendRun(sb, start, prev);
            start = p;
            prev = p;
        }
        appendRun(sb, start, prev);
        return sb.toString();
    }

    /** An inclusive range of IPv4 addresses given as unsigned values. */
    public static String range(long first, long last) {
        return first == last ? format(first) : format(first) + "-" + format(last);
    }

    /** The coverage in a scan's details, or null when there is none or it cannot be read. */
    public static ScanCoverage fromDetails(JsonNode details) {
        JsonNode c = details == null ? null : details.get(DETAILS_KEY);
        return c == null || !c.isObject() ? null : fromJson(c);
    }

    public static ScanCoverage fromJson(JsonNode node) {
        try {
            return Json.MAPPER.treeToValue(node, ScanCoverage.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The stored text (a column value), or null. */
    public static ScanCoverage fromText(String text) {
        JsonNode n = Json.parseOrNull(text);
        return n == null ? null : fromJson(n);
    }

    public JsonNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    private static void appendRun(StringBuilder sb, int start, int end) {
        if (start < 0) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        sb.append(start);
        if (end > start) {
            sb.append('-').append(end);
        }
    }

    /** The canonical text of a single IPv6 address of the coverage; a range or anything else is refused. */
    private static String ipv6(String entry) {
        if (entry.indexOf('-') >= 0) {
            throw new IllegalArgumentException("IPv6 coverage lists single addresses, not ranges: '" + entry + "'");
        }
        return IpAddresses.canonical(entry).filter(a -> a.indexOf(':') >= 0).orElseThrow(
                () -> new IllegalArgumentException("not an IPv6 address: '" + entry + "'"));
    }

    private static long[] bounds(String range) {
        int dash = range.indexOf('-');
        long lo = parse(dash < 0 ? range : range.substring(0, dash));
        long hi = dash < 0 ? lo : parse(range.substring(dash + 1));
        if (lo < 0 || hi < lo) {
            throw new IllegalArgumentException("not an IPv4 range: '" + range + "'");
        }
        return new long[] {lo, hi};
    }

    /** Unsigned value of a dotted quad, or -1. */
    private static long parse(String ip) {
        if (ip == null) {
            return -1;
        }
        String[] parts = ip.trim().split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    private static String format(long v) {
        return String.format(Locale.ROOT, "%d.%d.%d.%d", (v >> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255);
    }
}
