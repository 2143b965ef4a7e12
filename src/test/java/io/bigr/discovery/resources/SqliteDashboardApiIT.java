package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqliteDashboardApiIT extends DashboardApiContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
