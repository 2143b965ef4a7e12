package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresDashboardPagesIT extends DashboardPagesContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
