package io.bigr.discovery.resources;

import io.bigr.discovery.api.ApiException;
import io.bigr.discovery.api.Page;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.api.ScanUpload;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.db.ScanDao;
import io.bigr.discovery.db.SnapshotDao;
import io.bigr.discovery.scan.ScanDiff;
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
import java.util.List;
import java.util.Map;

/**
 * Scans.
 * <ul>
 *   <li>{@code GET /api/scans[?limit=50&offset=0]}: newest first, metadata only; 200, 400 for a bad limit/offset.</li>
 *   <li>{@code GET /api/scans/{id}}: one scan with its assets (docs/DOMAIN.md §3.5 shape); 200 or 404.</li>
 *   <li>{@code GET /api/scans/{id}/diff?base={other}[&limit=1000]}: what changed from scan {@code other} to scan
 *       {@code id}, by the rules of docs/DOMAIN.md §3.10 applied to the two stored snapshots ({@code new_assets},
 *       {@code removed_assets}, {@code changed_assets}, each at most {@code limit} long beside its full count,
 *       {@code unchanged_count} and the summary line); 200, 400 without {@code base} or for a bad limit, 404 for an
 *       unknown scan.</li>
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
    private final io.bigr.discovery.db.StreamingReads reads;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public ScansResource(InventoryStore store, ScanDao scans, long maxBodyBytes,
                         io.bigr.discovery.db.StreamingReads reads, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.store = store;
        this.scans = scans;
        this.maxBodyBytes = maxBodyBytes;
        this.reads = reads;
        this.mapper = mapper;
    }

    @GET
    public Page list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int n = Params.limit(limit, DEFAULT_LIMIT);
        long from = Params.offset(offset);
        return Page.of("scans", scans.list(n, from), scans.count(), n, from);
    }

    @GET
    @Path("/{id}")
    public jakarta.ws.rs.core.StreamingOutput one(@PathParam("id") String id) {
        // streamed from a cursor (a ScanDetail of 100,000 assets does not fit the heap render.yaml gives)
        io.bigr.discovery.core.ScanSummary scan = scans.find(id)
                .orElseThrow(() -> ApiException.notFound("Scan not found"));
        io.bigr.discovery.api.ScanData body = io.bigr.discovery.api.ScanData.detail(scan);
        return out -> Cursors.each(reads, io.bigr.discovery.db.SnapshotDao.class, d -> d.iterateAssetsOf(scan.id()),
                rows -> body.write(rows, out, mapper));
    }

    @GET
    @Path("/{id}/diff")
    public Map<String, Object> diff(@PathParam("id") String id, @QueryParam("base") String base,
                                    @QueryParam("limit") String limit) {
        if (base == null || base.isBlank()) {
            throw ApiException.badParameter("base", "base must name the scan to compare with (an id from /api/scans)");
        }
        int n = Params.limit(limit, Params.MAX_LIMIT);
        ScanSummary scan = scans.find(id).orElseThrow(() -> ApiException.notFound("Scan not found"));
        ScanSummary earlier = scans.find(base.trim()).orElseThrow(() -> ApiException.notFound("Scan not found"));
        // joined by asset in the database: only what differs is held (hostname and vendor come from the living row,
        // since snapshots do not keep them, so two stored scans differ only in what the snapshot holds)
        ScanDiff.Rows<SnapshotDao.DiffRow> d = diffPairs(scan.id(), earlier.id()).rows();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scan", scan);
        body.put("base", earlier);
        body.put("summary", d.summary());
        body.put("new_count", d.newAssets().size());
        body.put("removed_count", d.removedAssets().size());
        body.put("changed_count", d.changedAssets().size());
        body.put("unchanged_count", d.unchangedCount());
        body.put("new_assets", first(d.newAssets(), n));
        body.put("removed_assets", first(d.removedAssets(), n));
        body.put("changed_assets", first(d.changedAssets(), n));
        body.put("limit", n);
        return body;
    }

    /**
     * Scan {@code scanId}'s assets paired with scan {@code baseId}'s. On SQLite as two parts by asset id
     * ({@link SnapshotDao#DIFF_PARTS}) at once, each paired on its own reader thread and connection in a snapshot of
     * the same data version ({@link io.bigr.discovery.db.ReadAhead#inOneSnapshot}), then put together: the read walks
     * two scans' rows of the snapshot table a page at a time, most of a diff of two 100,000-asset scans, and SQLite
     * steps a statement on one core (docs/STACK-NOTES.md Q4.16). As one read when that cannot be (PostgreSQL, which
     * takes half the time here; another split read running; a write between the parts' snapshots).
     */
    private ScanDiff.Pairs<SnapshotDao.DiffRow> diffPairs(String scanId, String baseId) {
        ScanDiff.Pairs<SnapshotDao.DiffRow> pairs = new ScanDiff.Pairs<>(DIFF_VIEW);
        if (reads.dialect() == io.bigr.discovery.db.Dialect.SQLITE) {
            List<ScanDiff.Pairs<SnapshotDao.DiffRow>> parts = new java.util.ArrayList<>();
            List<java.util.function.BiConsumer<SnapshotDao, java.util.function.Consumer<Object>>> partReads =
                    new java.util.ArrayList<>();
            for (String part : SnapshotDao.DIFF_PARTS) {
                ScanDiff.Pairs<SnapshotDao.DiffRow> mine = new ScanDiff.Pairs<>(DIFF_VIEW);
                parts.add(mine);
                partReads.add((dao, none) -> pair(dao, scanId, baseId, part, mine));
            }
            io.bigr.discovery.db.Rows<Object> done = io.bigr.discovery.db.ReadAhead.inOneSnapshot(reads,
                    SnapshotDao.class, partReads);
            if (done != null) {
                try (done) {
                    done.forEachRemaining(none -> { }); // no rows: each part pairs its own; this waits for both
                }
                parts.forEach(pairs::addAll);
                return pairs;
            }
        }
        reads.read(SnapshotDao.class, dao -> pair(dao, scanId, baseId, "", pairs));
        return pairs;
    }

    private static void pair(SnapshotDao dao, String scanId, String baseId, String part,
                             ScanDiff.Pairs<SnapshotDao.DiffRow> pairs) {
        dao.diffPairsOf(scanId, baseId, part, p -> pairs.pair(p.now(), p.base()));
        dao.diffRemovedOf(scanId, baseId, part, pairs::removed);
    }

    /** What the scan diff compares of a stored snapshot row (docs/DOMAIN.md §3.10), without a JSON tree per row. */
    static final ScanDiff.View<SnapshotDao.DiffRow> DIFF_VIEW = new ScanDiff.View<>() {
        @Override
        public String ip(SnapshotDao.DiffRow a) {
            return a.ip();
        }

        @Override
        public String mac(SnapshotDao.DiffRow a) {
            return a.mac();
        }

        @Override
        public String field(SnapshotDao.DiffRow a, String name) {
            return switch (name) {
                case "open_ports" -> ScanDiff.portsText(a.openPorts());
                case "bigr_category" -> a.bigrCategory().value();
                case "vendor" -> a.vendor();
                case "hostname" -> a.hostname();
                case "confidence_score" -> ScanDiff.scoreText(a.confidenceScore());
                default -> throw new IllegalArgumentException("not a compared field: " + name);
            };
        }
    };

    private static <T> List<T> first(List<T> items, int n) {
        return items.size() <= n ? items : items.subList(0, n);
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
