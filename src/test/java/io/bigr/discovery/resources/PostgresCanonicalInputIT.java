package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresCanonicalInputIT extends CanonicalInputContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
