package io.bigr.discovery.metrics;

import io.bigr.discovery.db.Dialect;

class SqlitePrometheusMetricsIT extends PrometheusMetricsContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
