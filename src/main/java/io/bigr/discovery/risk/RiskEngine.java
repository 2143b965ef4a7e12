package io.bigr.discovery.risk;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Numbers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-asset and network risk scoring (docs/DOMAIN.md §6.6).
 *
 * <p>Invariants: every factor lies in [0, 1] and is reported unrounded; {@code risk_score} =
 * round2(clamp(Σ factor × weight × 10, 0, 10)) and the level is read from the rounded score; {@code info} is not
 * counted in any level count; {@code top_risks} is a stable sort (input order kept among equal scores). Time enters
 * only through the {@code now} argument, so results are reproducible. Pure: no I/O.
 */
public final class RiskEngine {
    static final double W_CVE = 0.35;
    static final double W_EXPOSURE = 0.25;
    static final double W_CLASSIFICATION = 0.20;
    static final double W_AGE = 0.10;
    static final double W_CHANGE = 0.10;
    static final double DEFAULT_PORT_RISK = 0.2;
    static final Map<Integer, Double> PORT_RISK = Map.ofEntries(
            Map.entry(21, 0.7), Map.entry(23, 0.9), Map.entry(25, 0.5), Map.entry(53, 0.3), Map.entry(80, 0.4),
            Map.entry(443, 0.3), Map.entry(445, 0.8), Map.entry(554, 0.6), Map.entry(1433, 0.7),
            Map.entry(3306, 0.7), Map.entry(3389, 0.6), Map.entry(5432, 0.7), Map.entry(8080, 0.5),
            Map.entry(9100, 0.5), Map.entry(27017, 0.8));
    static final Map<BigrCategory, Double> CATEGORY_RISK = Map.of(BigrCategory.IOT, 0.8, BigrCategory.TASINABILIR, 0.5,
            BigrCategory.UYGULAMALAR, 0.4, BigrCategory.AG_VE_SISTEMLER, 0.3, BigrCategory.UNCLASSIFIED, 0.9);
    static final int TOP = 10;

    private RiskEngine() {
    }

    /** Vulnerability data joined by IP: the highest CVSS among the asset's matches and that CVE's id. */
    public record VulnSignal(String ip, double maxCvss, String topCve) {
    }

    /**
     * The network assessment. {@code vulns} and {@code changeCounts} are keyed by IP; a missing entry means no CVE
     * (0.0, null) or no changes (0).
     */
    public static RiskReport assess(List<RiskAsset> assets, Map<String, VulnSignal> vulns,
                                     Map<String, Integer> changeCounts, Instant now) {
        List<RiskReport.Profile> profiles = new ArrayList<>(assets.size());
        Accumulator acc = new Accumulator();
        for (RiskAsset a : assets) {
            VulnSignal v = vulns.get(a.ip());
            RiskReport.Profile p = profile(a, v == null ? 0.0 : v.maxCvss(), v == null ? null : v.topCve(),
                    changeCounts.getOrDefault(a.ip(), 0), now);
            acc.add(p);
            profiles.add(p);
        }
        return acc.summary().report(profiles);
    }

    /** Everything of the assessment but the profiles list, so profiles can be streamed one at a time. */
    public record Summary(double averageRisk, double maxRisk, int criticalCount, int highCount, int mediumCount,
                          int lowCount, List<RiskReport.Profile> topRisks) {
        public RiskReport report(List<RiskReport.Profile> profiles) {
            return new RiskReport(List.copyOf(profiles), averageRisk, maxRisk, criticalCount, highCount, mediumCount,
                    lowCount, topRisks);
        }
    }

    /**
     * Folds profiles, in order, into the {@link Summary}, in memory independent of their number: counts, sum and
     * maximum, and the {@value #TOP} highest scores kept in a bounded list (a profile enters only with a strictly
     * higher score than the last kept one and goes after every kept profile of equal score, which is exactly the
     * stable descending sort's first {@value #TOP}).
     */
    public static final class Accumulator {
        private final List<RiskReport.Profile> top = new ArrayList<>(TOP + 1);
        private int count;
        private int critical;
        private int high;
        private int medium;
        private int low;
        private double sum;
        private double max;

        public void add(RiskReport.Profile p) {
            count++;
            sum += p.riskScore();
            max = Math.max(max, p.riskScore());
            switch (p.riskLevel()) {
                case "critical" -> critical++;
                case "high" -> high++;
                case "medium" -> medium++;
                case "low" -> low++;
                default -> { } // info is deliberately not counted
            }
            if (top.size() == TOP && p.riskScore() <= top.get(TOP - 1).riskScore()) {
                return;
            }
            int at = top.size();
            while (at > 0 && top.get(at - 1).riskScore() < p.riskScore()) {
                at--;
            }
            top.add(at, p);
            if (top.size() > TOP) {
                top.remove(TOP);
            }
        }

        public Summary summary() {
            return new Summary(count == 0 ? 0.0 : Numbers.round(sum / count, 2),
                    count == 0 ? 0.0 : Numbers.round(max, 2), critical, high, medium, low, List.copyOf(top));
        }
    }

    /** One asset's profile. */
    public static RiskReport.Profile profile(RiskAsset a, double maxCvss, String topCve, int changeCount,
                                             Instant now) {
        RiskReport.Factors f = new RiskReport.Factors(cveScore(maxCvss), exposureScore(a.openPorts()),
                classificationScore(a.bigrCategory()), ageScore(a.firstSeen(), now), changeScore(changeCount));
        double weighted = f.cveScore() * W_CVE + f.exposureScore() * W_EXPOSURE
                + f.classificationScore() * W_CLASSIFICATION + f.ageScore() * W_AGE + f.changeScore() * W_CHANGE;
        double score = Numbers.round(clamp(weighted * 10, 0, 10), 2);
        return new RiskReport.Profile(a.ip(), a.mac(), a.hostname(), a.vendor(), a.bigrCategory(), score,
                level(score), f, topCve);
    }

    static double cveScore(double maxCvss) {
        return clamp(maxCvss / 10, 0, 1);
    }

    /** 0 without ports; else the riskiest port times the port-count multiplier, capped at 1.0. */
    static double exposureScore(List<Integer> ports) {
        if (ports.isEmpty()) {
            return 0.0;
        }
        double worst = 0;
        for (int p : ports) {
            worst = Math.max(worst, PORT_RISK.getOrDefault(p, DEFAULT_PORT_RISK));
        }
        int n = ports.size();
        double multiplier = n >= 10 ? 1.3 : n >= 5 ? 1.2 : n >= 3 ? 1.1 : 1.0;
        return Math.min(worst * multiplier, 1.0);
    }

    static double classificationScore(BigrCategory category) {
        return CATEGORY_RISK.getOrDefault(category, CATEGORY_RISK.get(BigrCategory.UNCLASSIFIED));
    }

    /** Whole days since first seen (floored): > 365 → 1.0, > 180 → 0.7, > 90 → 0.5, > 30 → 0.3, else 0.1. */
    static double ageScore(Instant firstSeen, Instant now) {
        if (firstSeen == null) {
            return 0.0;
        }
        // Seconds, not millis: a stored first_seen millions of years off must not overflow (docs/DOMAIN.md §2.8).
        long days = Math.floorDiv(Duration.between(firstSeen, now).getSeconds(), 86_400L);
        if (days > 365) {
            return 1.0;
        }
        if (days > 180) {
            return 0.7;
        }
        if (days > 90) {
            return 0.5;
        }
        return days > 30 ? 0.3 : 0.1;
    }

    static double changeScore(int changes) {
        if (changes > 20) {
            return 1.0;
        }
        if (changes > 10) {
            return 0.7;
        }
        if (changes > 5) {
            return 0.5;
        }
        return changes > 0 ? 0.3 : 0.0;
    }

    /** ≥ 8 critical, ≥ 6 high, ≥ 4 medium, ≥ 2 low, else info. */
    public static String level(double score) {
        if (score >= 8.0) {
            return "critical";
        }
        if (score >= 6.0) {
            return "high";
        }
        if (score >= 4.0) {
            return "medium";
        }
        return score >= 2.0 ? "low" : "info";
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
