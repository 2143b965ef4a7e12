package io.bigr.discovery.metrics;

import io.bigr.discovery.db.Dialect;

class PostgresPrometheusMetricsIT extends PrometheusMetricsContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
