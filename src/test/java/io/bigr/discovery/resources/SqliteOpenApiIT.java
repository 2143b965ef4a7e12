package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqliteOpenApiIT extends OpenApiContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
