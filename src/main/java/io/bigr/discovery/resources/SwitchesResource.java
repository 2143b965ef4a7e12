package io.bigr.discovery.resources;

import io.bigr.discovery.api.ApiException;
import io.bigr.discovery.api.InventoryRow;
import io.bigr.discovery.api.Page;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.SwitchInfo;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.AssetPortDao;
import io.bigr.discovery.db.SqlFunctions;
import io.bigr.discovery.db.SwitchDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SNMP switches.
 * <ul>
 *   <li>{@code GET /api/switches[?limit&offset]}: registered switches ordered by host, as {@code SwitchInfo}: never
 *       the SNMP community or a v3 secret, only whether credentials are configured. 200; 400.</li>
 *   <li>{@code GET /api/switches/{host}/ports}: the assets the polls placed on that switch (docs/DOMAIN.md §5.8),
 *       grouped by port: {@code {"switch": SwitchInfo|null, "host", "ports": [{"port", "port_index", "assets":
 *       [rows of /api/assets]}], "total_assets"}}; ports by index (none last), then name; assets by IP. 200 when the
 *       switch is registered or an asset names it (a switch removed after placing assets), else 404.</li>
 * </ul>
 */
@Path("/switches")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchesResource {
    static final int DEFAULT_LIMIT = 500;
    private final SwitchDao switches;
    private final AssetDao assets;
    private final AssetPortDao ports;

    public SwitchesResource(SwitchDao switches, AssetDao assets, AssetPortDao ports) {
        this.switches = switches;
        this.assets = assets;
        this.ports = ports;
    }

    @GET
    public Page list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return Page.slice("switches", switches.all(), Params.limit(limit, DEFAULT_LIMIT), Params.offset(offset));
    }

    /** One port of a switch and the assets placed on it. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Port(String port, Integer portIndex, List<InventoryRow> assets) {
    }

    @GET
    @Path("/{host}/ports")
    public Map<String, Object> ports(@PathParam("host") String host) {
        String name = host.trim();
        SwitchInfo info = switches.all().stream().filter(s -> s.host().equals(name)).findFirst().orElse(null);
        List<InventoryAsset> placed = new ArrayList<>(assets.onSwitch(name));
        if (info == null && placed.isEmpty()) {
            throw ApiException.notFound("Switch not found");
        }
        Map<String, List<Integer>> openPorts = ports.portsOf(placed.stream().map(InventoryAsset::id).toList());
        placed.sort(Comparator.comparing((InventoryAsset a) -> a.switchPortIndex() == null ? Integer.MAX_VALUE
                        : a.switchPortIndex())
                .thenComparing(a -> Objects.toString(a.switchPort(), ""))
                .thenComparing(a -> SqlFunctions.ipKey(a.ip()))
                .thenComparing(InventoryAsset::id));
        List<Port> ports = new ArrayList<>();
        for (InventoryAsset a : placed) {
            Port last = ports.isEmpty() ? null : ports.get(ports.size() - 1);
            if (last == null || !Objects.equals(last.port(), a.switchPort())
                    || !Objects.equals(last.portIndex(), a.switchPortIndex())) {
                last = new Port(a.switchPort(), a.switchPortIndex(), new ArrayList<>());
                ports.add(last);
            }
            last.assets().add(InventoryRow.of(a, openPorts.get(a.id())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("switch", info);
        body.put("host", name);
        body.put("ports", ports);
        body.put("total_assets", placed.size());
        return body;
    }
}
