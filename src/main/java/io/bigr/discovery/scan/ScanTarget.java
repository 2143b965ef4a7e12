package io.bigr.discovery.scan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scan target as the user typed it, resolved to a contiguous block of IPv4 host addresses.
 *
 * <p>Accepted forms: a CIDR ({@code 10.0.0.0/24}, host bits allowed: {@code 10.0.0.5/24} is that network), a range
 * in the last octet ({@code 10.0.0.10-20}) and a single address. For prefixes shorter than /31 the network and
 * broadcast addresses are excluded (they are not hosts); /31 and /32 keep every address (RFC 3021).
 * Addresses are held as unsigned 32-bit values in {@code int}s so that a /16 costs 256 KiB, not a list of objects.
 *
 * @param text  the target exactly as given, the key under which scans of it are stored and diffed
 * @param first first host address (unsigned int)
 * @param count number of host addresses, at least 1
 */
public record ScanTarget(String text, int first, long count) {
    private static final Pattern RANGE = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})-(\\d{1,3})$");
    /** Strict dotted quad with an optional prefix: the library alone would also take inet_aton forms like "10.1". */
    private static final Pattern CIDR = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?$");

    /** Largest number of addresses one command scans without {@code --force}. */
    public static final long MAX_ADDRESSES = 65_536;

    public ScanTarget {
        if (count < 1) {
            throw new IllegalArgumentException("a target has at least one address");
        }
    }

    /** Parses one target; the exception message is the one line the user sees. */
    public static ScanTarget parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidTargetException("Invalid target '': expected a CIDR (10.0.0.0/24), a range (10.0.0.10-20) "
                    + "or an IPv4 address");
        }
        String text = raw.trim();
        Matcher m = RANGE.matcher(text);
        if (m.matches()) {
            int[] o = new int[5];
            for (int i = 0; i < 5; i++) {
                o[i] = Integer.parseInt(m.group(i + 1));
                if (o[i] > 255) {
                    throw invalid(text, "octet " + o[i] + " is larger than 255");
                }
            }
            if (o[4] < o[3]) {
                throw invalid(text, "the range end " + o[4] + " is below its start " + o[3]);
            }
            int first = (o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3];
            return new ScanTarget(text, first, o[4] - o[3] + 1L);
        }
        IPAddress a = CIDR.matcher(text).matches() ? new IPAddressString(text).getAddress() : null;
        if (a == null || !a.isIPv4()) {
            if (text.contains(":") && new IPAddressString(text).isIPv6()) {
                throw invalid(text, "IPv6 targets are not supported: bigr scan probes IPv4 addresses only");
            }
            throw invalid(text, "expected a CIDR (10.0.0.0/24), a range (10.0.0.10-20) or an IPv4 address");
        }
        IPv4Address v4 = a.toIPv4();
        if (!v4.isPrefixed()) {
            return new ScanTarget(text, v4.intValue(), 1);
        }
        int prefix = v4.getNetworkPrefixLength();
        IPv4Address block = v4.toPrefixBlock();
        int network = block.getLower().intValue();
        long size = 1L << (32 - prefix);
        if (prefix >= 31) {
            return new ScanTarget(text, network, size);
        }
        return new ScanTarget(text, network + 1, size - 2);
    }

    /**
     * Parses every target; more than {@link #MAX_ADDRESSES} addresses in total is refused unless {@code force}.
     */
    public static java.util.List<ScanTarget> parseAll(java.util.List<String> texts, boolean force) {
        java.util.List<ScanTarget> targets = texts.stream().map(ScanTarget::parse).toList();
        long total = targets.stream().mapToLong(ScanTarget::count).sum();
        if (total > MAX_ADDRESSES && !force) {
            throw new InvalidTargetException(String.format(java.util.Locale.ROOT,
                    "%,d addresses is more than the %,d a scan may cover without --force", total, MAX_ADDRESSES));
        }
        return targets;
    }

    private static InvalidTargetException invalid(String text, String why) {
        return new InvalidTargetException("Invalid target '" + text + "': " + why);
    }

    /** The i-th host address (0-based) as an unsigned int. */
    public int address(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return (int) (Integer.toUnsignedLong(first) + i);
    }

    /** True when {@code ip} (unsigned int) lies in this target. */
    public boolean contains(int ip) {
        long off = Integer.toUnsignedLong(ip) - Integer.toUnsignedLong(first);
        return off >= 0 && off < count;
    }

    /** Dotted-quad text of an unsigned-int address. */
    public static String format(int ip) {
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    /** Unsigned-int value of a dotted quad, or empty-handed {@link IllegalArgumentException} for anything else. */
    public static int parseAddress(String dotted) {
        IPAddress a = new IPAddressString(dotted.trim()).getAddress();
        if (a == null || !a.isIPv4() || a.isPrefixed()) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        return a.toIPv4().intValue();
    }
}
