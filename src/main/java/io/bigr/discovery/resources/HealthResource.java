package io.bigr.discovery.resources;

import io.bigr.discovery.api.ErrorMappers;
import io.bigr.discovery.core.AppVersion;
import io.bigr.discovery.health.DatabaseStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/health}: database reachable (with latency), its kind, pending migrations and the version.
 * 200 when healthy; 503 with {@code Retry-After} when the database cannot be reached or changeSets are pending.
 * Open without a token.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final DatabaseStatus status;

    public HealthResource(DatabaseStatus status) {
        this.status = status;
    }

    @GET
    public Response health() {
        DatabaseStatus.Probe p = status.probe();
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("status", p.reachable() ? "connected" : "error: unreachable");
        db.put("type", p.reachable() ? p.kind() : "unknown");
        db.put("latency_ms", p.reachable() ? p.latencyMs() : null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", p.healthy() ? "ok" : "degraded");
        body.put("database", db);
        body.put("pending_migrations", p.pendingMigrations());
        body.put("version", AppVersion.current());
        Response.ResponseBuilder r = Response.status(p.healthy() ? 200 : 503).entity(body);
        // A load balancer or client polling health waits as long as any other 503 of ours asks (docs/DOMAIN.md §6.2).
        return p.healthy() ? r.build() : r.header("Retry-After", ErrorMappers.RETRY_AFTER_SECONDS).build();
    }
}
