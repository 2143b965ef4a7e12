package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqliteInventoryPageIT extends InventoryPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
