package io.bigr.discovery.resources;

import io.bigr.discovery.api.ApiException;
import io.bigr.discovery.api.Page;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.api.ScanUpload;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.db.ScanDao;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scans.
 * <ul>
 *   <li>{@code GET /api/scans[?limit=50&offset=0]}: newest first, metadata only; 200, 400 for a bad limit/offset.</li>
 *   <li>{@code GET /api/scans/{id}}: one scan with its assets (docs/DOMAIN.md §3.5 shape); 200 or 404.</li>
 *   <li>{@code POST /api/scans}: ingests a scan result in the §2.7 JSON shape (as written by {@code bigr scan},
 *       classification already done) through the same {@link InventoryStore#save} as the CLI; 201 with the scan id
 *       and the change summary, 400 for unparsable JSON, 422 naming the first bad field, 401 without a token,
 *       413 for a body over {@code ingest.maxBodySize}. The body is read and saved a batch of assets at a time
 *       ({@link ScanUpload}, {@link InventoryStore#saveStreamed}), in one transaction. A result whose
 *       {@code idempotency_key} is already stored is not saved again: 200 with the first save's answer and
 *       {@code Idempotent-Replayed: true} (docs/DOMAIN.md §2.7).</li>
 * </ul>
 */
@Path("/scans")
@Produces(MediaType.APPLICATION_JSON)
public class ScansResource {
    static final int DEFAULT_LIMIT = 50;
    private final InventoryStore store;
    private final ScanDao scans;
    private final long maxBodyBytes;

    public ScansResource(InventoryStore store, ScanDao scans, long maxBodyBytes) {
        this.store = store;
        this.scans = scans;
        this.maxBodyBytes = maxBodyBytes;
    }

    @GET
    public Page list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int n = Params.limit(limit, DEFAULT_LIMIT);
        long from = Params.offset(offset);
        return Page.of("scans", scans.list(n, from), scans.count(), n, from);
    }

    @GET
    @Path("/{id}")
    public ScanDetail one(@PathParam("id") String id) {
        return scans.detail(id).orElseThrow(() -> ApiException.notFound("Scan not found"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(InputStream body, @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength) {
        InventoryStore.SaveOutcome o;
        String target;
        try (ScanUpload upload = ScanUpload.read(body, contentLength, maxBodyBytes)) {
            ScanResult header = upload.header();
            target = header.target();
            o = store.saveStreamed(header, upload.assetCount(), upload.batches(ScanUpload.BATCH));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scan_id", o.scanId());
        summary.put("target", target);
        summary.put("total_assets", o.totalAssets());
        summary.put("new", o.newAssets());
        summary.put("changed", o.changedAssets());
        summary.put("unchanged", o.unchangedAssets());
        summary.put("field_changes", o.fieldChanges());
        Response.ResponseBuilder answer = Response.created(UriBuilder.fromPath("/api/scans/{id}").build(o.scanId()));
        if (o.replayed()) {
            answer.status(Response.Status.OK).header("Idempotent-Replayed", "true");
        }
        return answer.entity(summary).build();
    }
}
