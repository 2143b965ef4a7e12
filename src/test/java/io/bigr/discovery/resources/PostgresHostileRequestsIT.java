package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresHostileRequestsIT extends HostileRequestsContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
