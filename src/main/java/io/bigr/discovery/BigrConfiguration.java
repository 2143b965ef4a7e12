package io.bigr.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bigr.discovery.auth.AuthFactory;
import io.bigr.discovery.auth.CorsFactory;
import io.bigr.discovery.db.BigrDataSourceFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** One configuration shape for SQLite (config-local.yml) and PostgreSQL (config.yml). */
public class BigrConfiguration extends Configuration {
    @Valid
    @NotNull
    private BigrDataSourceFactory database = new BigrDataSourceFactory();

    @Valid
    @NotNull
    private io.bigr.discovery.snmp.SnmpFactory snmp = new io.bigr.discovery.snmp.SnmpFactory();

    @JsonProperty("snmp")
    public io.bigr.discovery.snmp.SnmpFactory getSnmp() {
        return snmp;
    }

    @JsonProperty("snmp")
    public void setSnmp(io.bigr.discovery.snmp.SnmpFactory snmp) {
        this.snmp = snmp;
    }

    @Valid
    @NotNull
    private io.bigr.discovery.schedule.ScheduleFactory schedule = new io.bigr.discovery.schedule.ScheduleFactory();

    @JsonProperty("schedule")
    public io.bigr.discovery.schedule.ScheduleFactory getSchedule() {
        return schedule;
    }

    @JsonProperty("schedule")
    public void setSchedule(io.bigr.discovery.schedule.ScheduleFactory schedule) {
        this.schedule = schedule;
    }

    /** When a missed asset counts as gone. */
    @Valid
    @NotNull
    private io.bigr.discovery.db.PresenceFactory inventory = new io.bigr.discovery.db.PresenceFactory();

    @Valid
    private io.bigr.discovery.db.RetentionFactory retention = new io.bigr.discovery.db.RetentionFactory();

    @JsonProperty("retention")
    public io.bigr.discovery.db.RetentionFactory getRetention() {
        return retention;
    }

    @JsonProperty("retention")
    public void setRetention(io.bigr.discovery.db.RetentionFactory retention) {
        this.retention = retention;
    }

    @JsonProperty("inventory")
    public io.bigr.discovery.db.PresenceFactory getInventory() {
        return inventory;
    }

    @JsonProperty("inventory")
    public void setInventory(io.bigr.discovery.db.PresenceFactory inventory) {
        this.inventory = inventory;
    }

    /** Signed event notifications (docs/DOMAIN.md §8.5); off without URLs. */
    @Valid
    @NotNull
    private io.bigr.discovery.webhook.WebhooksFactory webhooks = new io.bigr.discovery.webhook.WebhooksFactory();

    @JsonProperty("webhooks")
    public io.bigr.discovery.webhook.WebhooksFactory getWebhooks() {
        return webhooks;
    }

    @JsonProperty("webhooks")
    public void setWebhooks(io.bigr.discovery.webhook.WebhooksFactory webhooks) {
        this.webhooks = webhooks;
    }

    @JsonProperty("database")
    public BigrDataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(BigrDataSourceFactory database) {
        this.database = database;
    }

    /** API bearer tokens (SHA-256 digests) and whether reads need one too. */
    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();

    /** Browser origins allowed to call the API. */
    @Valid
    @NotNull
    private CorsFactory cors = new CorsFactory();

    @JsonProperty("auth")
    public AuthFactory getAuth() {
        return auth;
    }

    @JsonProperty("auth")
    public void setAuth(AuthFactory auth) {
        this.auth = auth;
    }

    /** The largest scan a client may post. */
    @Valid
    @NotNull
    private io.bigr.discovery.api.IngestFactory ingest = new io.bigr.discovery.api.IngestFactory();

    @JsonProperty("ingest")
    public io.bigr.discovery.api.IngestFactory getIngest() {
        return ingest;
    }

    @JsonProperty("ingest")
    public void setIngest(io.bigr.discovery.api.IngestFactory ingest) {
        this.ingest = ingest;
    }

    /** Refresh-ahead of the read cache: slow bodies rendered again after the data changes. */
    @Valid
    @NotNull
    private io.bigr.discovery.api.ReadCacheFactory readCache = new io.bigr.discovery.api.ReadCacheFactory();

    @JsonProperty("readCache")
    public io.bigr.discovery.api.ReadCacheFactory getReadCache() {
        return readCache;
    }

    @JsonProperty("readCache")
    public void setReadCache(io.bigr.discovery.api.ReadCacheFactory readCache) {
        this.readCache = readCache;
    }

    @JsonProperty("cors")
    public CorsFactory getCors() {
        return cors;
    }

    @JsonProperty("cors")
    public void setCors(CorsFactory cors) {
        this.cors = cors;
    }
}
