package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqlitePoisonRowsIT extends PoisonRowsContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
