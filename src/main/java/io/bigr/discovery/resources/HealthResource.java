package io.bigr.discovery.resources;

import io.bigr.discovery.BigrApplication;
import io.bigr.discovery.db.BigrDataSourceFactory;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.InventoryStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/health}: database reachable (with latency), its kind, pending migrations and the version.
 * 200 when healthy, 503 when the database cannot be reached.
 */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final InventoryStore store;
    private final BigrDataSourceFactory database;

    public HealthResource(InventoryStore store, BigrDataSourceFactory database) {
        this.store = store;
        this.database = database;
    }

    private static final long PENDING_TTL_NANOS = 60_000_000_000L;
    private volatile Integer pendingCache;
    private volatile long pendingCheckedAt;

    /** Pending changeSets, re-read at most once a minute (each check opens its own connection). */
    private Integer pendingMigrations() throws Exception {
        long now = System.nanoTime();
        if (pendingCache == null || now - pendingCheckedAt > PENDING_TTL_NANOS) {
            pendingCache = Databases.pendingMigrations(database);
            pendingCheckedAt = now;
        }
        return pendingCache;
    }

    @GET
    public Response health() {
        Map<String, Object> db = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        long start = System.nanoTime();
        boolean ok;
        Integer pending = null;
        try {
            store.jdbi().useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            ok = true;
            db.put("status", "connected");
            db.put("latency_ms", Math.round((System.nanoTime() - start) / 10_000.0) / 100.0);
            pending = pendingMigrations();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(HealthResource.class).warn("health probe failed", e);
            ok = false;
            db.put("status", "error: unreachable");
        }
        db.put("type", ok ? database.getDialect().value() : "unknown");
        body.put("status", ok ? "ok" : "degraded");
        body.put("database", db);
        body.put("pending_migrations", pending);
        body.put("version", BigrApplication.VERSION);
        return Response.status(ok ? 200 : 503).entity(body).build();
    }
}
