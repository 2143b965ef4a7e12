package io.bigr.discovery.webhook;

import io.bigr.discovery.db.Dialect;

class SqliteWebhookIT extends WebhookContract {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
