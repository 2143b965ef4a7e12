package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresInventoryPageIT extends InventoryPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
