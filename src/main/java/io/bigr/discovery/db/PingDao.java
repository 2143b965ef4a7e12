package io.bigr.discovery.db;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Liveness of the database through the pool, for the health probe. */
public interface PingDao {
    @SqlQuery("SELECT 1")
    int ping();
}
