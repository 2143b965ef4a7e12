package io.bigr.discovery.compliance;

import inet.ipaddr.IPAddress;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.core.Numbers;
import io.bigr.discovery.core.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compliance scoring (docs/DOMAIN.md §6.4): how much of the inventory is confidently classified.
 *
 * <p>Invariants: every asset lands in exactly one breakdown bucket (manual override first, then by confidence alone,
 * never by category); the score is 100.0 for no assets; scores and percentages are rounded half-even on the binary
 * value ({@link Numbers#round}); the grade is taken from the rounded score; action items keep input order within a
 * priority. Pure: no I/O.
 */
public final class ComplianceEngine {
    static final double FULL = 0.7;
    static final double PARTIAL = 0.3;
    private static final List<String> PRIORITY_RANK = List.of("critical", "high", "normal");

    private ComplianceEngine() {
    }

    /** The full report, with per-subnet entries for {@code subnets} in list order (unparsable CIDRs skipped). */
    public static ComplianceReport report(List<ComplianceAsset> assets, List<Subnet> subnets) {
        ComplianceReport base = report(assets);
        List<ComplianceReport.SubnetCompliance> perSubnet = new ArrayList<>();
        Members members = subnets.isEmpty() ? null : new Members(assets);
        for (Subnet s : subnets) {
            Optional<IPAddress> network = IpAddresses.network(s.cidr());
            if (network.isEmpty()) {
                continue;
            }
            double score = members.of(s.cidr(), network.get()).score();
            perSubnet.add(new ComplianceReport.SubnetCompliance(s.cidr(), s.label() == null ? "" : s.label(),
                    score, grade(score)));
        }
        return new ComplianceReport(base.complianceScore(), base.grade(), base.breakdown(), base.distribution(),
                List.copyOf(perSubnet), base.actionItems());
    }

    /** The report without subnet data. */
    public static ComplianceReport report(List<ComplianceAsset> assets) {
        int full = 0;
        int partial = 0;
        int unclassified = 0;
        int manual = 0;
        for (ComplianceAsset a : assets) {
            if (a.isManual()) {
                manual++;
            } else if (a.confidenceScore() >= FULL) {
                full++;
            } else if (a.confidenceScore() >= PARTIAL) {
                partial++;
            } else {
                unclassified++;
            }
        }
        int total = assets.size();
        double score = total == 0 ? 100.0 : Numbers.round((full + manual + 0.5 * partial) / total * 100, 1);
        return new ComplianceReport(score, grade(score),
                new ComplianceReport.Breakdown(total, full, partial, unclassified, manual),
                distribution(assets), List.of(), actionItems(assets));
    }

    /** ≥ 90 A, ≥ 80 B, ≥ 70 C, ≥ 60 D, else F. */
    public static String grade(double score) {
        if (score >= 90) {
            return "A";
        }
        if (score >= 80) {
            return "B";
        }
        if (score >= 70) {
            return "C";
        }
        return score >= 60 ? "D" : "F";
    }

    static ComplianceReport.Distribution distribution(List<ComplianceAsset> assets) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (BigrCategory c : BigrCategory.values()) {
            counts.put(c.value(), 0);
        }
        for (ComplianceAsset a : assets) {
            counts.merge(a.effectiveCategory().value(), 1, Integer::sum);
        }
        int total = assets.size();
        Map<String, Double> percentages = new LinkedHashMap<>();
        counts.forEach((k, n) -> percentages.put(k, total == 0 ? 0.0 : Numbers.round((double) n / total * 100, 1)));
        return new ComplianceReport.Distribution(counts, percentages, total);
    }

    static List<ComplianceReport.ActionItem> actionItems(List<ComplianceAsset> assets) {
        List<ComplianceReport.ActionItem> items = new ArrayList<>();
        for (ComplianceAsset a : assets) {
            if (a.isManual()) {
                continue;
            }
            String ip = a.ip() == null ? "unknown" : a.ip();
            double c = a.confidenceScore();
            if (c < PARTIAL || a.bigrCategory() == BigrCategory.UNCLASSIFIED) {
                items.add(new ComplianceReport.ActionItem("classify", "critical", ip,
                        "Unclassified asset (confidence: " + twoDecimals(c) + ")"));
            } else if (c < FULL) {
                items.add(new ComplianceReport.ActionItem("review", "normal", ip,
                        "Low confidence classification (" + twoDecimals(c) + ")"));
            }
        }
        // List.sort is stable: input order is kept within a priority.
        items.sort(Comparator.comparingInt(i -> PRIORITY_RANK.indexOf(i.priority())));
        return List.copyOf(items);
    }

    /** The breakdown counts of some assets and the score {@link #report(List)} gives them. */
    static final class Tally {
        int full;
        int partial;
        int manual;
        int total;

        void add(ComplianceAsset a) {
            total++;
            if (a.isManual()) {
                manual++;
            } else if (a.confidenceScore() >= FULL) {
                full++;
            } else if (a.confidenceScore() >= PARTIAL) {
                partial++;
            }
        }

        double score() {
            return total == 0 ? 100.0 : Numbers.round((full + manual + 0.5 * partial) / total * 100, 1);
        }
    }

    /**
     * The assets of a subnet, found without testing every asset against every subnet: an asset with a stored subnet
     * belongs to that CIDR only; any other belongs to each network its address lies in, looked up in the addresses
     * sorted once (each parsed once). The same membership as testing {@code network.contains(address)} per pair.
     */
    static final class Members {
        private final Map<String, Tally> byStoredCidr = new java.util.HashMap<>();
        private final List<V4> v4 = new ArrayList<>();
        private final List<Placed> v6 = new ArrayList<>();

        /** An IPv4 address (or range) as unsigned 32-bit numbers: 100,000 of them sort without BigIntegers. */
        private record V4(long lo, long hi, ComplianceAsset asset) {
        }

        private record Placed(java.math.BigInteger lo, java.math.BigInteger hi, ComplianceAsset asset) {
        }

        Members(List<ComplianceAsset> assets) {
            for (ComplianceAsset a : assets) {
                if (a.subnetCidr() != null && !a.subnetCidr().isEmpty()) {
                    byStoredCidr.computeIfAbsent(a.subnetCidr(), c -> new Tally()).add(a);
                } else if (a.ip() != null) {
                    long quad = dottedQuad(a.ip());
                    if (quad >= 0) {
                        v4.add(new V4(quad, quad, a));
                        continue;
                    }
                    IPAddress address = new inet.ipaddr.IPAddressString(a.ip().trim()).getAddress();
                    if (address == null) {
                        continue;
                    }
                    if (address.isIPv4()) {
                        v4.add(new V4(address.getLower().getValue().longValue(),
                                address.getUpper().getValue().longValue(), a));
                    } else {
                        v6.add(new Placed(address.getLower().getValue(), address.getUpper().getValue(), a));
                    }
                }
            }
            v4.sort(Comparator.comparingLong(V4::lo));
            v6.sort(Comparator.comparing(Placed::lo));
        }

        /**
         * A plain dotted quad ({@code 10.0.0.1}, how the inventory stores IPv4) as a number; -1 for any other text,
         * which the address parser then reads (leading zeros, a prefix, IPv6 and the rest). Stricter than
         * {@code core/ScanCoverage}'s reader on purpose: the address parser reads {@code 010} as octal, so a text with
         * a leading zero must take its path to land where it always did.
         */
        static long dottedQuad(String text) {
            long value = 0;
            int octets = 0;
            int i = 0;
            int n = text.length();
            while (i < n) {
                int start = i;
                int octet = 0;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                    octet = octet * 10 + (text.charAt(i) - '0');
                    i++;
                }
                int digits = i - start;
                if (digits == 0 || octet > 255 || (digits > 1 && text.charAt(start) == '0')) {
                    return -1;
                }
                value = value << 8 | octet;
                octets++;
                if (i == n) {
                    break;
                }
                if (text.charAt(i) != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == n) {
                    return -1;
                }
            }
            return octets == 4 ? value : -1;
        }

        Tally of(String storedCidr, IPAddress network) {
            Tally t = new Tally();
            Tally stored = byStoredCidr.get(storedCidr);
            if (stored != null) {
                t.full += stored.full;
                t.partial += stored.partial;
                t.manual += stored.manual;
                t.total += stored.total;
            }
            if (network.isIPv4()) {
                long lo = network.getLower().getValue().longValue();
                long hi = network.getUpper().getValue().longValue();
                int i = firstAtOrAbove(v4.size(), k -> v4.get(k).lo() < lo);
                for (; i < v4.size() && v4.get(i).lo() <= hi; i++) {
                    if (v4.get(i).hi() <= hi) {
                        t.add(v4.get(i).asset());
                    }
                }
                return t;
            }
            java.math.BigInteger lo = network.getLower().getValue();
            java.math.BigInteger hi = network.getUpper().getValue();
            int i = firstAtOrAbove(v6.size(), k -> v6.get(k).lo().compareTo(lo) < 0);
            for (; i < v6.size() && v6.get(i).lo().compareTo(hi) <= 0; i++) {
                if (v6.get(i).hi().compareTo(hi) <= 0) {
                    t.add(v6.get(i).asset());
                }
            }
            return t;
        }

        /** The first index in [0, size) whose entry is not below (binary search; {@code below} holds for a prefix). */
        private static int firstAtOrAbove(int size, java.util.function.IntPredicate below) {
            int from = 0;
            int to = size;
            while (from < to) {
                int mid = (from + to) >>> 1;
                if (below.test(mid)) {
                    from = mid + 1;
                } else {
                    to = mid;
                }
            }
            return from;
        }
    }

    /** Two decimals as earlier releases formatted them ({@code %.2f}: half-even on the binary value). */
    static String twoDecimals(double x) {
        double rounded = Numbers.round(x, 2);
        // Confidences take few values (two decimals of 0..1): String.format per action item was a tenth of the
        // report at 100,000 assets. The memo is bounded; past it, values are formatted each time.
        String known = TWO_DECIMALS.get(rounded);
        if (known != null) {
            return known;
        }
        String text = String.format(Locale.ROOT, "%.2f", rounded);
        if (TWO_DECIMALS.size() < 4096) {
            TWO_DECIMALS.put(rounded, text);
        }
        return text;
    }

    private static final Map<Double, String> TWO_DECIMALS = new java.util.concurrent.ConcurrentHashMap<>();
}
