package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresInventoryApiIT extends InventoryApiContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
