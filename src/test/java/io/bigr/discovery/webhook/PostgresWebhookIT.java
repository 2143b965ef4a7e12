package io.bigr.discovery.webhook;

import io.bigr.discovery.db.Dialect;

class PostgresWebhookIT extends WebhookContract {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
