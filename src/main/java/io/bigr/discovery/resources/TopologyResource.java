package io.bigr.discovery.resources;

import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.topology.Topology;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The network graph (docs/DOMAIN.md §6.8) over the inventory.
 * <ul>
 *   <li>{@code GET /api/topology}: 200.</li>
 *   <li>{@code GET /api/topology/subnet/{cidr}}: the CIDR with its {@code /} raw or as {@code %2F}; host bits allowed;
 *       200, or 400 naming {@code cidr} when it is not a network (earlier releases answered the empty graph).</li>
 * </ul>
 */
@Path("/topology")
@Produces(MediaType.APPLICATION_JSON)
public class TopologyResource {
    private final Reports reports;

    public TopologyResource(Reports reports) {
        this.reports = reports;
    }

    @GET
    public Topology all() {
        return reports.topology();
    }

    @GET
    @Path("/subnet/{cidr: .+}")
    public Topology subnet(@PathParam("cidr") String cidr) {
        return reports.topology(IpAddresses.networkText(Params.cidr("cidr", cidr)));
    }
}
