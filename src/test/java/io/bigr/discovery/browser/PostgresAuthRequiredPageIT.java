package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresAuthRequiredPageIT extends AuthRequiredPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
