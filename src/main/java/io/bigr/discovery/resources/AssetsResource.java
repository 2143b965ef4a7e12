package io.bigr.discovery.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigr.discovery.api.ApiException;
import io.bigr.discovery.api.Inputs;
import io.bigr.discovery.api.InventoryExport;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.api.InventoryCursor;
import io.bigr.discovery.api.InventoryRow;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.db.InventoryQuery;
import io.bigr.discovery.core.HistoryEntry;
import io.bigr.discovery.db.CertificateDao;
import io.bigr.discovery.reports.Reports;
import inet.ipaddr.IPAddress;
import java.util.Locale;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.AssetPortDao;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.fingerprint.DeviceType;
import io.bigr.discovery.db.SnapshotDao;
import io.bigr.discovery.db.StreamingReads;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 *   <li>{@code GET /api/assets[?q&category&vendor&device_type&subnet&port&status&seen_since&seen_before&sort&order&limit&cursor]}:
 *       every asset of every scan, filtered, sorted on one listed column (id as tie-break), one keyset page at a time
 *       ({@code {"assets": [...], "total": N, "next_cursor": "..."|null, "limit": L}}; docs/DOMAIN.md §6.2). Three
 *       statements per page whatever the inventory size: the count, the page, the page's latest ports. 200; 400
 *       naming the parameter for a bad value (a {@code device_type} outside the fingerprint device types of
 *       docs/DOMAIN.md §4.15 included), an unknown sort column, a cursor that is not this query's.</li>
 *   <li>{@code GET /api/assets/summary}: counts per stored category and status ({@link #summary}); 200.</li>
 *   <li>{@code GET /api/assets/{ip}}: the newest inventory row with that IP and the history of every row with it,
 *       then {@code macs} (every MAC seen with that IP), {@code certificates} (TLS certificates on that IP) and
 *       {@code vulnerabilities} (CVE matches with their evidence, docs/DOMAIN.md §6.7); 200, 400 for a malformed
 *       IP, 404 {@code {"error": "Asset not found"}}.</li>
 *   <li>{@code PUT /api/assets/{ip}/tag} {@code {"category": "iot", "note": "..."}}: manual category for every row
 *       with that IP; 200, 400 bad IP, 404 unknown IP, 422 bad category.</li>
 *   <li>{@code DELETE /api/assets/{ip}/tag}: removes it; 200, 400, 404.</li>
 *   <li>{@code GET /api/assets/export?format=csv|json|jsonl|xml[&the list's filters]}: the whole inventory with
 *       ports, services and CVEs (docs/DOMAIN.md §6.3.16), or the rows the filters keep, streamed row by row from a
 *       database cursor; {@code X-Total-Count} gives the row count; 400 for another format or a bad filter.</li>
 * </ul>
 */
@Path("/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetsResource {
    private final AssetDao assets;
    private final SnapshotDao snapshots;
    private final AssetPortDao ports;
    private final StreamingReads reads;
    private final ObjectMapper mapper;
    private final InventoryStore store;
    private final CertificateDao certificates;
    private final Reports reports;

    public AssetsResource(AssetDao assets, SnapshotDao snapshots, AssetPortDao ports, StreamingReads reads,
                          ObjectMapper mapper, InventoryStore store, CertificateDao certificates, Reports reports) {
        this.ports = ports;
        this.store = store;
        this.certificates = certificates;
        this.reports = reports;
        this.assets = assets;
        this.snapshots = snapshots;
        this.reads = reads;
        this.mapper = mapper;
    }

    static final int DEFAULT_LIMIT = 100;
    static final List<String> STATUSES = List.of("online", "missed", "gone");

    @GET
    public Map<String, Object> list(@QueryParam("q") String q, @QueryParam("category") String category,
                                    @QueryParam("vendor") String vendor, @QueryParam("subnet") String subnet,
                                    @QueryParam("port") String port, @QueryParam("status") String status,
                                    @QueryParam("seen_since") String seenSince,
                                    @QueryParam("seen_before") String seenBefore,
                                    @QueryParam("device_type") String deviceType, @QueryParam("sort") String sort,
                                    @QueryParam("order") String order, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        int n = Params.limit(limit, DEFAULT_LIMIT);
        InventoryQuery query = query(q, category, vendor, subnet, port, status, seenSince, seenBefore, deviceType,
                sort, order, n);
        InventoryQuery.Sort by = query.sort();
        query = new InventoryQuery(query.text(), query.category(), query.vendor(), query.deviceType(),
                query.subnetLo(), query.subnetHi(), query.port(), query.status(), query.seenSince(),
                query.seenBefore(), by, query.descending(), InventoryCursor.decode(cursor, query), n);
        long total = assets.countMatching(query);
        List<InventoryAsset> rows = assets.list(query);
        boolean more = rows.size() > n;
        List<InventoryAsset> page = more ? rows.subList(0, n) : rows;
        Map<String, List<Integer>> open = page.isEmpty() ? Map.of()
                : ports.portsOf(page.stream().map(InventoryAsset::id).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assets", page.stream().map(a -> InventoryRow.of(a, open.get(a.id()))).toList());
        body.put("total", total);
        InventoryAsset last = more ? page.get(page.size() - 1) : null;
        body.put("next_cursor", last == null ? null
                : InventoryCursor.encode(query, new InventoryQuery.After(by.keyOf(last), last.id())));
        body.put("limit", n);
        return body;
    }

    /** The filters and sort of the list and the export, parsed (400 naming the parameter); no keyset yet. */
    private static InventoryQuery query(String q, String category, String vendor, String subnet, String port,
                                        String status, String seenSince, String seenBefore, String deviceType,
                                        String sort, String order, int limit) {
        String sortName = sort == null || sort.isBlank() ? "-last_seen" : sort.trim();
        boolean minus = sortName.startsWith("-");
        InventoryQuery.Sort by = InventoryQuery.Sort.of(minus ? sortName.substring(1) : sortName);
        if (by == null) {
            throw ApiException.badParameter("sort", "sort must be one of " + java.util.Arrays.stream(
                    InventoryQuery.Sort.values()).map(InventoryQuery.Sort::column).toList()
                    + " (optionally with a leading '-'), got "
                    + io.bigr.discovery.core.InputBounds.quote(sort));
        }
        String dir = Params.oneOf("order", order, List.of("asc", "desc"));
        if (minus && "asc".equals(dir)) {
            throw ApiException.badParameter("order", "order=asc contradicts sort="
                    + io.bigr.discovery.core.InputBounds.quote(sort));
        }
        boolean descending = minus || "desc".equals(dir);
        String text = q == null || q.isBlank() ? null : q.trim().toLowerCase(Locale.ROOT);
        String cat = Params.oneOf("category", category,
                java.util.Arrays.stream(BigrCategory.values()).map(BigrCategory::value).toList());
        String lo = null;
        String hi = null;
        if (subnet != null && !subnet.isBlank()) {
            IPAddress network = Params.cidr("subnet", subnet);
            lo = io.bigr.discovery.core.IpAddresses.first(network);
            hi = io.bigr.discovery.core.IpAddresses.last(network);
        }
        Integer openPort = port == null || port.isBlank() ? null : Params.intIn("port", port, 0, 1, 65535);
        String type = Params.oneOf("device_type", deviceType,
                java.util.Arrays.stream(DeviceType.values()).map(DeviceType::value).toList());
        return new InventoryQuery(text, cat == null ? null : BigrCategory.fromValue(cat),
                vendor == null || vendor.isBlank() ? null : vendor.trim().toLowerCase(Locale.ROOT), type, lo, hi,
                openPort, Params.oneOf("status", status, STATUSES), Params.instant("seen_since", seenSince),
                Params.instant("seen_before", seenBefore), by, descending, null, limit);
    }

    /**
     * The inventory's size per stored category and status: {@code {"total", "by_category": {all five},
     * "by_status": {online, missed, gone}, "last_seen"}} from one grouped statement (the dashboard's cards).
     */
    @GET
    @Path("/summary")
    public Map<String, Object> summary() {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (BigrCategory c : BigrCategory.values()) {
            byCategory.put(c.value(), 0L);
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String st : STATUSES) {
            byStatus.put(st, 0L);
        }
        long total = 0;
        for (AssetDao.CategoryStatusCount g : assets.categoryStatusCounts()) {
            String cat = BigrCategory.fromValue(g.bigrCategory()).value();
            byCategory.merge(cat, g.n(), Long::sum);
            if (g.status() != null) {
                byStatus.merge(g.status(), g.n(), Long::sum);
            }
            total += g.n();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("by_category", byCategory);
        body.put("by_status", byStatus);
        return body;
    }

    @GET
    @Path("/{ip}")
    public Map<String, Object> one(@PathParam("ip") String ip) {
        String addr = Params.ip("ip", ip);
        List<InventoryAsset> rows = assets.byIp(addr);
        if (rows.isEmpty()) {
            throw ApiException.notFound("Asset not found");
        }
        InventoryAsset asset = rows.get(0);
        List<HistoryEntry> history = snapshots.history(addr, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", asset);
        body.put("history", history);
        body.put("linked", store.links(asset.id()));
        // added for the dashboard's asset page; the keys above keep their shape
        body.put("macs", rows.stream().map(InventoryAsset::mac).filter(java.util.Objects::nonNull).distinct().toList());
        body.put("certificates", certificates.ofIp(addr));
        String evidence = history.stream().filter(h -> asset.id().equals(h.assetId())).findFirst()
                .map(h -> h.rawEvidence() == null ? null : h.rawEvidence().toString()).orElse(null);
        body.put("vulnerabilities", reports.vulnerabilitiesOf(asset.ip(), asset.mac(), asset.vendor(),
                asset.manualNote(), evidence));
        return body;
    }

    /** {@code POST /api/assets/merge {"keep": id, "merge": id}}: two rows that are one device (docs/DOMAIN.md §3.17). */
    @POST
    @Path("/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> merge(Inputs.Merge merge) {
        if (merge == null) {
            throw ApiException.invalidField("body", "expected {\"keep\": asset id, \"merge\": asset id}");
        }
        try {
            InventoryAsset kept = store.merge(merge.keep(), merge.merge());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("asset", kept);
            body.put("merged", merge.merge());
            body.put("linked", store.links(kept.id()));
            return body;
        } catch (java.util.NoSuchElementException e) {
            throw ApiException.notFound("Asset not found");
        }
    }

    /** {@code POST /api/assets/split {"asset": id, "mac": MAC}}: a linked MAC becomes a row of its own (§3.17). */
    @POST
    @Path("/split")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> split(Inputs.Split split) {
        if (split == null) {
            throw ApiException.invalidField("body", "expected {\"asset\": asset id, \"mac\": MAC}");
        }
        try {
            InventoryAsset created = store.split(split.asset(), split.macAddress());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("asset", created);
            body.put("split_from", split.asset());
            return body;
        } catch (java.util.NoSuchElementException e) {
            throw ApiException.notFound("Asset not found");
        }
    }

    @PUT
    @Path("/{ip}/tag")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> tag(@PathParam("ip") String ip, Inputs.Tag tag) {
        String addr = Params.ip("ip", ip);
        if (tag == null) {
            throw ApiException.invalidField("body", "expected {\"category\": ..., \"note\": ...}");
        }
        int rows = assets.tag(addr, tag.categoryText(), tag.noteText());
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
    public Response export(@QueryParam("format") String format, @QueryParam("q") String q,
                           @QueryParam("category") String category, @QueryParam("vendor") String vendor,
                           @QueryParam("subnet") String subnet, @QueryParam("port") String port,
                           @QueryParam("status") String status, @QueryParam("seen_since") String seenSince,
                           @QueryParam("seen_before") String seenBefore,
                           @QueryParam("device_type") String deviceType, @QueryParam("sort") String sort,
                           @QueryParam("order") String order) {
        InventoryExport kind = InventoryExport.parse(format);
        boolean filtered = java.util.stream.Stream.of(q, category, vendor, subnet, port, status, seenSince,
                seenBefore, deviceType, sort, order).anyMatch(v -> v != null && !v.isBlank());
        InventoryQuery query = filtered ? query(q, category, vendor, subnet, port, status, seenSince, seenBefore,
                deviceType, sort, order, 1) : null;
        // also fails fast (503) before any byte is streamed
        long total = query == null ? assets.count() : assets.countMatching(query);
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            InventoryExport.Sink sink = kind.open(w, mapper);
            try {
                reports.inventoryRows(query, row -> {
                    try {
                        sink.write(row);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            sink.finish();
        };
        return Response.ok(body, kind.mediaType()).header("X-Total-Count", total)
                .header("Content-Disposition", "attachment; filename=\"" + kind.fileName() + "\"").build();
    }
}
