package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresEmptyDashboardPagesIT extends EmptyDashboardPagesContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
