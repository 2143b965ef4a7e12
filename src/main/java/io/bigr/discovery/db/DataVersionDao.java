package io.bigr.discovery.db;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The data version (docs/DOMAIN.md §6.14): a number that every write to the tables the API reads increases in the
 * same transaction (by the triggers of the {@code 15-1-data-version} changeSet), whichever process writes.
 */
public interface DataVersionDao {
    @SqlQuery("SELECT version FROM data_version WHERE id = 1")
    long current();
}
