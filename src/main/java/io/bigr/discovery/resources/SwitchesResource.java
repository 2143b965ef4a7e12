package io.bigr.discovery.resources;

import io.bigr.discovery.api.Page;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.db.SwitchDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/switches[?limit&offset]}: registered switches ordered by host, as {@code SwitchInfo}: never the
 * SNMP community or a v3 secret, only whether credentials are configured. 200; 400.
 */
@Path("/switches")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchesResource {
    static final int DEFAULT_LIMIT = 500;
    private final SwitchDao switches;

    public SwitchesResource(SwitchDao switches) {
        this.switches = switches;
    }

    @GET
    public Page list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return Page.slice("switches", switches.all(), Params.limit(limit, DEFAULT_LIMIT), Params.offset(offset));
    }
}
