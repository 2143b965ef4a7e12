package io.bigr.discovery.resources;

import io.bigr.discovery.db.Dialect;

class PostgresScanIngestIT extends ScanIngestContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
