package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresDashboardApiIT extends DashboardApiContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
