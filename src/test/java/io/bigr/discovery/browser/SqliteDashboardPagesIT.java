package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqliteDashboardPagesIT extends DashboardPagesContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
