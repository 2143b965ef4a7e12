package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqlitePagesIT extends PagesContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
