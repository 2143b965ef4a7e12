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

    @JsonProperty("database")
    public BigrDataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(BigrDataSourceFactory database) {
        this.database = database;
    }
}
