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
        private final List<Placed> v4 = new ArrayList<>();
        private final List<Placed> v6 = new ArrayList<>();

        private record Placed(java.math.BigInteger lo, java.math.BigInteger hi, ComplianceAsset asset) {
        }

        Members(List<ComplianceAsset> assets) {
            for (ComplianceAsset a : assets) {
                if (a.subnetCidr() != null && !a.subnetCidr().isEmpty()) {
                    byStoredCidr.computeIfAbsent(a.subnetCidr(), c -> new Tally()).add(a);
                } else if (a.ip() != null) {
                    IPAddress address = new inet.ipaddr.IPAddressString(a.ip().trim()).getAddress();
                    if (address != null) {
                        (address.isIPv4() ? v4 : v6).add(new Placed(address.getLower().getValue(),
                                address.getUpper().getValue(), a));
                    }
                }
            }
            v4.sort(Comparator.comparing(Placed::lo));
            v6.sort(Comparator.comparing(Placed::lo));
        }

        Tally of(String storedCidr, IPAddress network) {
            Tally t = new Tally();
            Tally stored = byStoredCidr.get(storedCidr);
            List<Placed> sorted = network.isIPv4() ? v4 : v6;
            java.math.BigInteger lo = network.getLower().getValue();
            java.math.BigInteger hi = network.getUpper().getValue();
            // first address at or above the network's lowest
            int from = 0;
            int to = sorted.size();
            while (from < to) {
                int mid = (from + to) >>> 1;
                if (sorted.get(mid).lo().compareTo(lo) < 0) {
                    from = mid + 1;
                } else {
                    to = mid;
                }
            }
            if (stored != null) {
                t.full += stored.full;
                t.partial += stored.partial;
                t.manual += stored.manual;
                t.total += stored.total;
            }
            for (int i = from; i < sorted.size() && sorted.get(i).lo().compareTo(hi) <= 0; i++) {
                if (sorted.get(i).hi().compareTo(hi) <= 0) {
                    t.add(sorted.get(i).asset());
                }
            }
            return t;
        }
    }

    /** Two decimals as earlier releases formatted them ({@code %.2f}: half-even on the binary value). */
    static String twoDecimals(double x) {
        return String.format(Locale.ROOT, "%.2f", Numbers.round(x, 2));
    }
}
