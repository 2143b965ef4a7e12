package io.bigr.discovery.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The server's metrics in Prometheus' text format (version 0.0.4): every Dropwizard metric of the application's
 * registry (HTTP requests and responses by class, Jetty threads, the database pool, JDBI statement timers, JVM
 * memory, threads and GC), converted by the Prometheus client's Dropwizard exporter, plus the inventory's own series
 * ({@link InventoryCollector}). Served on the admin port at {@code /prometheus} and on the API port at
 * {@code GET /api/metrics} (always behind a token).
 */
public final class PrometheusMetrics {
    public static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

    private final CollectorRegistry registry = new CollectorRegistry();

    public PrometheusMetrics(MetricRegistry metrics, InventoryCollector inventory) {
        new DropwizardExports(metrics).register(registry);
        inventory.register(registry);
    }

    public void write(Writer out) throws IOException {
        TextFormat.write004(out, registry.metricFamilySamples());
    }

    /** The whole exposition as one text (it is a few tens of kilobytes). */
    public String scrape() {
        StringWriter out = new StringWriter();
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
