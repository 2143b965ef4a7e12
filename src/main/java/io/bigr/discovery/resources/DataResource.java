package io.bigr.discovery.resources;

import inet.ipaddr.IPAddress;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.api.ScanData;
import io.bigr.discovery.db.InventoryStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/data[?subnet=CIDR&limit=N&offset=M]}: the latest scan from the configured database (never a side
 * file), every asset with {@code manual_override}. Without {@code limit} every asset of the scan is returned.
 * 200; 400 for a malformed subnet, limit or offset; 503 when the database is unreachable.
 */
@Path("/data")
@Produces(MediaType.APPLICATION_JSON)
public class DataResource {
    private final InventoryStore store;

    public DataResource(InventoryStore store) {
        this.store = store;
    }

    @GET
    public ScanData data(@QueryParam("subnet") String subnet, @QueryParam("limit") String limit,
                         @QueryParam("offset") String offset) {
        IPAddress network = subnet == null || subnet.isBlank() ? null : Params.cidr("subnet", subnet);
        Integer pageSize = limit == null || limit.isBlank() ? null : Params.limit(limit, Params.MAX_LIMIT);
        long from = Params.offset(offset);
        return store.latestScan(null).map(s -> ScanData.of(s, network, pageSize, from))
                .orElseGet(() -> ScanData.empty(pageSize, from));
    }
}
