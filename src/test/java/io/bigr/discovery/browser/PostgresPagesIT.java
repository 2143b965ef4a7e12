package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresPagesIT extends PagesContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
