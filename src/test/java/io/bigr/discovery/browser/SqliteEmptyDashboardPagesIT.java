package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqliteEmptyDashboardPagesIT extends EmptyDashboardPagesContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
