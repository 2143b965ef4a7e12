package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqliteCanonicalInputIT extends CanonicalInputContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
