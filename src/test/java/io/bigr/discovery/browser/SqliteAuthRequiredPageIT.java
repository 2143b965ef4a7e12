package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqliteAuthRequiredPageIT extends AuthRequiredPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
