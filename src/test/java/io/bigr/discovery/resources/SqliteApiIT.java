package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqliteApiIT extends ApiContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
