package io.bigr.discovery.resources;

import io.bigr.discovery.api.ApiException;
import io.bigr.discovery.api.Inputs;
import io.bigr.discovery.api.Page;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.db.SubnetDao;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Registered subnets.
 * <ul>
 *   <li>{@code GET /api/subnets[?limit&offset]}: ordered by cidr (code-point order); 200, 400.</li>
 *   <li>{@code POST /api/subnets} {@code {"cidr", "label", "vlan_id"}}: add or relabel (stats kept); the network is
 *       stored in canonical form ({@code 10.0.0.5/24} becomes {@code 10.0.0.0/24}); 201, 422 naming the field.</li>
 *   <li>{@code DELETE /api/subnets/{cidr}} ({@code /} raw or as {@code %2F}): 200, 400 malformed, 404 unknown.</li>
 * </ul>
 */
@Path("/subnets")
@Produces(MediaType.APPLICATION_JSON)
public class SubnetsResource {
    static final int DEFAULT_LIMIT = 500;
    private final SubnetDao subnets;

    public SubnetsResource(SubnetDao subnets) {
        this.subnets = subnets;
    }

    @GET
    public Page list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return Page.slice("subnets", subnets.all(), Params.limit(limit, DEFAULT_LIMIT), Params.offset(offset));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(Inputs.Subnet in) {
        if (in == null) {
            throw ApiException.invalidField("body", "expected {\"cidr\": ..., \"label\": ..., \"vlan_id\": ...}");
        }
        String cidr = in.network();
        subnets.add(cidr, in.labelText(), in.vlan());
        Subnet saved = subnets.all().stream().filter(s -> s.cidr().equals(cidr)).findFirst().orElseThrow();
        return Response.status(201).entity(saved).build();
    }

    @DELETE
    @Path("/{cidr: .+}")
    public Map<String, Object> remove(@PathParam("cidr") String cidr) {
        String network = IpAddresses.networkText(Params.cidr("cidr", cidr));
        if (!subnets.remove(network) && !subnets.remove(cidr.trim())) {
            throw ApiException.notFound("Subnet not found");
        }
        return Map.of("removed", network);
    }
}
