package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqliteScanToPageIT extends ScanToPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
