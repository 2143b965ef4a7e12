package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqliteScanRenderedAheadPageIT extends ScanRenderedAheadPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
