package io.bigr.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bigr.discovery.db.BigrDataSourceFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** One configuration shape for SQLite (config-local.yml) and PostgreSQL (config.yml). */
public class BigrConfiguration extends Configuration {
    @Valid
    @NotNull
    private BigrDataSourceFactory database = new BigrDataSourceFactory();

    @JsonProperty("database")
    public BigrDataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(BigrDataSourceFactory database) {
        this.database = database;
    }
}
