package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresScanRenderedAheadPageIT extends ScanRenderedAheadPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
