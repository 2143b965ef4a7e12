package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqliteHostileRequestsIT extends HostileRequestsContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
