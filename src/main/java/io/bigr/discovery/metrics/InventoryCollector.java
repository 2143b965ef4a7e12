package io.bigr.discovery.metrics;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.MetricsDao;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory's own series, read from the database at scrape time (so all servers of one database agree):
 * {@code bigr_assets{category,status}}, {@code bigr_changes_total{type}}, {@code bigr_scans{status}} and the
 * histogram {@code bigr_scan_duration_seconds} of completed scans. When the database cannot be read the scrape still
 * answers, with {@code bigr_inventory_up 0} and none of the other series (the reason goes to the log, never the body).
 */
public final class InventoryCollector extends Collector {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryCollector.class);
    /** Upper bounds of the scan-duration buckets, in seconds: a quick host check to an all-night /16. */
    static final double[] DURATION_BUCKETS = {1, 5, 15, 30, 60, 300, 900, 3600, 14400};

    private final MetricsDao dao;
    private final Dialect dialect;

    public InventoryCollector(MetricsDao dao, Dialect dialect) {
        this.dao = dao;
        this.dialect = dialect;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> out = new ArrayList<>();
        GaugeMetricFamily up = new GaugeMetricFamily("bigr_inventory_up",
                "1 when the inventory figures below could be read from the database, else 0", List.of());
        try {
            GaugeMetricFamily assets = new GaugeMetricFamily("bigr_assets",
                    "Inventory assets by effective category (a manual tag wins) and status", List.of("category",
                    "status"));
            Map<List<String>, Long> byLabels = new TreeMap<>(Comparator.comparing(Object::toString));
            for (MetricsDao.AssetCount c : dao.assetsByCategoryAndStatus()) {
                byLabels.merge(List.of(category(c), String.valueOf(c.status())), c.count(), Long::sum);
            }
            byLabels.forEach((labels, n) -> assets.addMetric(labels, n));
            CounterMetricFamily changes = new CounterMetricFamily("bigr_changes",
                    "Change-log rows by change type (docs/DOMAIN.md §3.4)", List.of("type"));
            for (MetricsDao.TypeCount c : dao.changesByType()) {
                changes.addMetric(List.of(c.changeType()), c.count());
            }
            GaugeMetricFamily scans = new GaugeMetricFamily("bigr_scans", "Scans by status", List.of("status"));
            for (MetricsDao.StatusCount c : dao.scansByStatus()) {
                scans.addMetric(List.of(c.status()), c.count());
            }
            MetricsDao.Durations d = dao.scanDurations(dialect, DURATION_BUCKETS);
            out.add(assets);
            out.add(changes);
            out.add(scans);
            out.add(histogram(d));
            up.addMetric(List.of(), 1);
        } catch (RuntimeException e) {
            LOG.warn("inventory metrics could not be read: {}", e.getClass().getSimpleName());
            LOG.debug("inventory metrics failure", e);
            out.clear();
            up.addMetric(List.of(), 0);
        }
        out.add(0, up);
        return out;
    }

    /** The effective category's wire value (docs/DOMAIN.md §2.1): a manual tag wins (§4.2). */
    private static String category(MetricsDao.AssetCount c) {
        BigrCategory manual = BigrCategory.manualOverride(c.manualCategory());
        return (manual != null ? manual : BigrCategory.fromValue(c.bigrCategory())).value();
    }

    private static MetricFamilySamples histogram(MetricsDao.Durations d) {
        String name = "bigr_scan_duration_seconds";
        List<MetricFamilySamples.Sample> samples = new ArrayList<>();
        for (int i = 0; i < DURATION_BUCKETS.length; i++) {
            samples.add(new MetricFamilySamples.Sample(name + "_bucket", List.of("le"),
                    List.of(Collector.doubleToGoString(DURATION_BUCKETS[i])), d.cumulative()[i]));
        }
        samples.add(new MetricFamilySamples.Sample(name + "_bucket", List.of("le"), List.of("+Inf"), d.count()));
        samples.add(new MetricFamilySamples.Sample(name + "_count", List.of(), List.of(), d.count()));
        samples.add(new MetricFamilySamples.Sample(name + "_sum", List.of(), List.of(), d.sumSeconds()));
        return new MetricFamilySamples(name, Type.HISTOGRAM, "Wall time of completed scans (started to completed)",
                samples);
    }
}
