package io.bigr.discovery.analytics;

import io.bigr.discovery.core.BigrCategory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trends over a look-back window (docs/DOMAIN.md §6.5), computed from rows the caller streams in.
 *
 * <p>The caller selects the window rows (scans with {@code started_at >= cutoff}, changes with
 * {@code detected_at >= cutoff}, see {@link #cutoff}); this class buckets them by UTC calendar date in Java so the
 * SQL stays identical on SQLite (epoch millis) and PostgreSQL (timestamptz). Rows are fed one at a time to an
 * {@link Accumulator}, so memory grows with the number of dates, categories and distinct assets, not with the rows.
 * Pure: no I/O, time only through arguments.
 */
public final class AnalyticsEngine {
    public static final int DEFAULT_DAYS = 30;
    static final int MOST_CHANGED = 20;

    private AnalyticsEngine() {
    }

    /** A scan in the window. */
    public record ScanRow(Instant startedAt, int totalAssets) {
    }

    /** One {@code scan_assets} row of a scan in the window, with that scan's start time. */
    public record SnapshotRow(Instant scanStartedAt, String assetId, BigrCategory bigrCategory) {
    }

    /** One change row in the window. */
    public record ChangeRow(Instant detectedAt, String changeType) {
    }

    /** All-time change totals of one inventory row (one asset id), with its ip, mac and hostname. */
    public record AssetChanges(String ip, String mac, String hostname, int changeCount, Instant lastChange) {
    }

    /** {@code now − days}: the inclusive lower bound of the window. */
    public static Instant cutoff(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }

    /** The report from complete lists (tests, small data). */
    public static AnalyticsReport compute(List<ScanRow> scans, List<SnapshotRow> snapshots, List<ChangeRow> changes,
                                          List<AssetChanges> assetChanges) {
        Accumulator acc = new Accumulator();
        scans.forEach(acc::scan);
        snapshots.forEach(acc::snapshot);
        changes.forEach(acc::change);
        assetChanges.forEach(acc::assetChanges);
        return acc.report();
    }

    public static String date(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Collects rows in any order; {@link #report()} may be called once all rows are in. */
    public static final class Accumulator {
        private final Map<String, Set<String>> assetsByDate = new TreeMap<>();
        /** Distinct assets per day when counted by the database ({@link #assetCount}) rather than row by row. */
        private final Map<String, Long> assetCounts = new TreeMap<>();
        private final Map<String, Map<String, Integer>> categoryByName = new TreeMap<>();
        private final Map<String, int[]> changesByDate = new TreeMap<>();
        private final Map<String, int[]> scansByDate = new TreeMap<>();
        private final Map<String, ChangedIp> byIp = new HashMap<>();

        public void scan(ScanRow r) {
            int[] day = scansByDate.computeIfAbsent(date(r.startedAt()), d -> new int[2]);
            day[0]++;
            day[1] += r.totalAssets();
        }

        public void snapshot(SnapshotRow r) {
            String date = date(r.scanStartedAt());
            assetsByDate.computeIfAbsent(date, d -> new HashSet<>()).add(r.assetId());
            String category = (r.bigrCategory() == null ? BigrCategory.UNCLASSIFIED : r.bigrCategory()).value();
            categoryByName.computeIfAbsent(category, c -> new TreeMap<>()).merge(date, 1, Integer::sum);
        }

        /**
         * {@code n} snapshots of one category in a scan that started at {@code scanStartedAt}: what {@code n}
         * {@link #snapshot} calls add to the category series, counted by the database.
         */
        public void categoryCount(Instant scanStartedAt, BigrCategory bigrCategory, long n) {
            String category = (bigrCategory == null ? BigrCategory.UNCLASSIFIED : bigrCategory).value();
            categoryByName.computeIfAbsent(category, c -> new TreeMap<>())
                    .merge(date(scanStartedAt), Math.toIntExact(n), Integer::sum);
        }

        /** The number of distinct assets with a snapshot on {@code date} (a day's scans), counted by the database. */
        public void assetCount(String date, long distinct) {
            assetCounts.put(date, distinct);
        }

        public void change(ChangeRow r) {
            int[] day = changesByDate.computeIfAbsent(date(r.detectedAt()), d -> new int[2]);
            if ("new_asset".equals(r.changeType())) {
                day[0]++;
            } else if ("removed".equals(r.changeType())) {
                day[1]++;
            }
        }

        /** Several inventory rows may share an IP: counts add up, mac/hostname come from the latest change's row. */
        public void assetChanges(AssetChanges r) {
            ChangedIp c = byIp.computeIfAbsent(r.ip(), ip -> new ChangedIp());
            c.count += r.changeCount();
            if (c.last == null || (r.lastChange() != null && r.lastChange().isAfter(c.last))) {
                c.last = r.lastChange();
                c.mac = r.mac();
                c.hostname = r.hostname();
            }
        }

        public AnalyticsReport report() {
            List<AnalyticsReport.Point> counts = new ArrayList<>();
            Map<String, Long> perDay = new TreeMap<>(assetCounts);
            assetsByDate.forEach((d, ids) -> perDay.merge(d, (long) ids.size(), Long::sum));
            perDay.forEach((d, n) -> counts.add(new AnalyticsReport.Point(d, Math.toIntExact(n), null)));
            List<AnalyticsReport.Series> categories = new ArrayList<>();
            categoryByName.forEach((name, byDate) -> {
                List<AnalyticsReport.Point> points = new ArrayList<>();
                byDate.forEach((d, n) -> points.add(new AnalyticsReport.Point(d, n, null)));
                categories.add(new AnalyticsReport.Series(name, List.copyOf(points)));
            });
            List<AnalyticsReport.Point> newVsRemoved = new ArrayList<>();
            changesByDate.forEach((d, nr) -> newVsRemoved.add(
                    new AnalyticsReport.Point(d, nr[0], "new:" + nr[0] + " removed:" + nr[1])));
            List<AnalyticsReport.ScanDay> frequency = new ArrayList<>();
            scansByDate.forEach((d, s) -> frequency.add(new AnalyticsReport.ScanDay(d, s[0], s[1])));
            // The spec leaves ties unordered; latest change first, then ip, makes the output reproducible. The top
            // MOST_CHANGED are selected through a bounded heap: sorting every changed IP (100,000 at scale) to keep
            // twenty was a fifth of the report.
            Comparator<AnalyticsReport.ChangedAsset> order = Comparator
                    .comparingInt(AnalyticsReport.ChangedAsset::changeCount).reversed()
                    .thenComparing(AnalyticsReport.ChangedAsset::lastChange, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(AnalyticsReport.ChangedAsset::ip, Comparator.nullsLast(Comparator.naturalOrder()));
            java.util.PriorityQueue<AnalyticsReport.ChangedAsset> top =
                    new java.util.PriorityQueue<>(MOST_CHANGED + 1, order.reversed());
            byIp.forEach((ip, c) -> {
                AnalyticsReport.ChangedAsset candidate = new AnalyticsReport.ChangedAsset(ip, c.mac, c.hostname,
                        c.count, c.last);
                if (top.size() < MOST_CHANGED) {
                    top.add(candidate);
                } else if (order.compare(candidate, top.peek()) < 0) { // before the last kept: it takes its place
                    top.poll();
                    top.add(candidate);
                }
            });
            List<AnalyticsReport.ChangedAsset> ranked = new ArrayList<>(top);
            ranked.sort(order);
            List<AnalyticsReport.ChangedAsset> changed = List.copyOf(ranked);
            return new AnalyticsReport(new AnalyticsReport.Series("asset_count", List.copyOf(counts)),
                    List.copyOf(categories), new AnalyticsReport.Series("new_vs_removed", List.copyOf(newVsRemoved)),
                    changed, List.copyOf(frequency));
        }
    }

    private static final class ChangedIp {
        int count;
        Instant last;
        String mac;
        String hostname;
    }
}
