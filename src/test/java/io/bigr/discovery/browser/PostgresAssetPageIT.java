package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class PostgresAssetPageIT extends AssetPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
