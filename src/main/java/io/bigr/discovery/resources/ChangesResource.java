package io.bigr.discovery.resources;

import io.bigr.discovery.api.Page;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.db.ChangeDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/changes[?limit=50&offset=0]}: the change feed, newest first (docs/DOMAIN.md §3.11). 200; 400 bad
 * limit/offset.
 */
@Path("/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {
    static final int DEFAULT_LIMIT = 50;
    private final ChangeDao changes;

    public ChangesResource(ChangeDao changes) {
        this.changes = changes;
    }

    @GET
    public Page list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int n = Params.limit(limit, DEFAULT_LIMIT);
        long from = Params.offset(offset);
        return Page.of("changes", changes.feed(n, from), changes.count(), n, from);
    }
}
