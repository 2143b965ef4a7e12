package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqliteInventoryApiIT extends InventoryApiContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
