package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresPoisonRowsIT extends PoisonRowsContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
