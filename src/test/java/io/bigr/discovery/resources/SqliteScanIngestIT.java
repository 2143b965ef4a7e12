package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class SqliteScanIngestIT extends ScanIngestContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
