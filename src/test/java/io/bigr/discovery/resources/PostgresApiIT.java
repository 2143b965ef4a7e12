package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresApiIT extends ApiContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
