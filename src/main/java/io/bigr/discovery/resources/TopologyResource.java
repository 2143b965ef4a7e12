package io.bigr.discovery.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.topology.Topology;
import io.bigr.discovery.topology.TopologyAsset;
import io.bigr.discovery.topology.TopologyEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;

/**
 * The network graph (docs/DOMAIN.md §6.8) over the inventory.
 * <ul>
 *   <li>{@code GET /api/topology}: 200.</li>
 *   <li>{@code GET /api/topology/subnet/{cidr}}: the CIDR with its {@code /} raw or as {@code %2F}; host bits allowed;
 *       200, or 400 naming {@code cidr} when it is not a network (earlier releases answered the empty graph).</li>
 * </ul>
 * Both are written node by node ({@link TopologyEngine#write}) in the shape of {@link Topology}, which the API document
 * names as their schema.
 */
@Path("/topology")
@Produces(MediaType.APPLICATION_JSON)
public class TopologyResource {
    private final Reports reports;
    private final ObjectMapper mapper;

    public TopologyResource(Reports reports, ObjectMapper mapper) {
        this.reports = reports;
        this.mapper = mapper;
    }

    @GET
    @Operation(responses = @ApiResponse(responseCode = "200", description = "Success",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Topology.class))))
    public StreamingOutput all() {
        return graph(reports.topologyAssets());
    }

    @GET
    @Path("/subnet/{cidr: .+}")
    @Operation(responses = @ApiResponse(responseCode = "200", description = "Success",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Topology.class))))
    public StreamingOutput subnet(@PathParam("cidr") String cidr) {
        return graph(reports.topologyAssets(IpAddresses.networkText(Params.cidr("cidr", cidr))));
    }

    /** The graph written as it is walked; the rows are read before the first byte, so a database failure is a 503. */
    private StreamingOutput graph(List<TopologyAsset> assets) {
        return out -> {
            try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                TopologyEngine.write(assets, g);
            }
        };
    }
}
