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
 * {@code GET /api/changes[?type=port_closed&ip=10.0.0.1&since=2026-01-15&before=2026-01-16T12:00:00Z&limit=50&offset=0]}:
 * the change feed, newest first, filtered (docs/DOMAIN.md §3.11); {@code total} counts the filtered rows. 200; 400
 * bad limit/offset/type/ip/since/before, naming the parameter.
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
    public Page list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
                     @QueryParam("type") String type, @QueryParam("ip") String ip,
                     @QueryParam("since") String since, @QueryParam("before") String before) {
        int n = Params.limit(limit, DEFAULT_LIMIT);
        long from = Params.offset(offset);
        ChangeDao.Filter filter = new ChangeDao.Filter(Params.oneOf("type", type, ChangeDao.TYPES),
                ip == null || ip.isBlank() ? null : Params.ip("ip", ip), Params.instant("since", since),
                Params.instant("before", before));
        if (filter.equals(ChangeDao.Filter.ALL)) {
            return Page.of("changes", changes.feed(n, from), changes.count(), n, from);
        }
        return Page.of("changes", changes.feed(filter, n, from), changes.count(filter), n, from);
    }
}
