package io.bigr.discovery.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigr.discovery.api.ApiException;
import io.bigr.discovery.api.Inputs;
import io.bigr.discovery.api.InventoryExport;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.SnapshotDao;
import io.bigr.discovery.db.StreamingReads;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory, by IP.
 * <ul>
 *   <li>{@code GET /api/assets/{ip}}: the newest inventory row with that IP and the history of every row with it;
 *       200, 400 for a malformed IP, 404 {@code {"error": "Asset not found"}}.</li>
 *   <li>{@code PUT /api/assets/{ip}/tag} {@code {"category": "iot", "note": "..."}}: manual category for every row
 *       with that IP; 200, 400 bad IP, 404 unknown IP, 422 bad category.</li>
 *   <li>{@code DELETE /api/assets/{ip}/tag}: removes it; 200, 400, 404.</li>
 *   <li>{@code GET /api/assets/export?format=csv|jsonl}: the whole inventory, streamed row by row from a database
 *       cursor (constant memory); {@code X-Total-Count} gives the row count; 400 for another format.</li>
 * </ul>
 */
@Path("/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetsResource {
    private final AssetDao assets;
    private final SnapshotDao snapshots;
    private final StreamingReads reads;
    private final ObjectMapper mapper;

    public AssetsResource(AssetDao assets, SnapshotDao snapshots, StreamingReads reads, ObjectMapper mapper) {
        this.assets = assets;
        this.snapshots = snapshots;
        this.reads = reads;
        this.mapper = mapper;
    }

    @GET
    @Path("/{ip}")
    public Map<String, Object> one(@PathParam("ip") String ip) {
        String addr = Params.ip("ip", ip);
        List<InventoryAsset> rows = assets.byIp(addr);
        if (rows.isEmpty()) {
            throw ApiException.notFound("Asset not found");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", rows.get(0));
        body.put("history", snapshots.history(addr, null));
        return body;
    }

    @PUT
    @Path("/{ip}/tag")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> tag(@PathParam("ip") String ip, Inputs.Tag tag) {
        String addr = Params.ip("ip", ip);
        if (tag == null) {
            throw ApiException.invalidField("body", "expected {\"category\": ..., \"note\": ...}");
        }
        int rows = assets.tag(addr, tag.category(), tag.note());
        if (rows == 0) {
            throw ApiException.notFound("Asset not found");
        }
        InventoryAsset a = assets.byIp(addr).get(0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ip", addr);
        body.put("manual_category", a.manualCategory());
        body.put("manual_note", a.manualNote());
        body.put("rows", rows);
        return body;
    }

    @DELETE
    @Path("/{ip}/tag")
    public Map<String, Object> untag(@PathParam("ip") String ip) {
        String addr = Params.ip("ip", ip);
        int rows = assets.untag(addr);
        if (rows == 0) {
            throw ApiException.notFound("Asset not found");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ip", addr);
        body.put("manual_category", null);
        body.put("rows", rows);
        return body;
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("format") String format) {
        InventoryExport kind = InventoryExport.parse(format);
        long total = assets.count(); // also fails fast (503) before any byte is streamed
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            Cursors.each(reads, AssetDao.class, AssetDao::iterateAll, rows -> kind.write(rows, w, mapper));
        };
        return Response.ok(body, kind.mediaType()).header("X-Total-Count", total)
                .header("Content-Disposition", "attachment; filename=\"" + kind.fileName() + "\"").build();
    }
}
