package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresOpenApiIT extends OpenApiContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
