package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresScanToPageIT extends ScanToPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
