package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;

class SqliteAssetPageIT extends AssetPageContract {
    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
