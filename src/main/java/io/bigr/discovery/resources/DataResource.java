package io.bigr.discovery.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddress;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.api.ScanData;
import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.db.ScanDao;
import io.bigr.discovery.db.SnapshotDao;
import io.bigr.discovery.db.StreamingReads;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Collections;

/**
 * {@code GET /api/data[?subnet=CIDR&limit=N&offset=M]}: the latest scan from the configured database (never a side
 * file), every asset with {@code manual_override}, streamed from a cursor (constant memory). Without {@code limit}
 * every asset of the scan is returned. 200; 400 for a malformed subnet, limit or offset; 503 when the database is
 * unreachable (checked before the first byte, by reading the scan row).
 */
@Path("/data")
@Produces(MediaType.APPLICATION_JSON)
public class DataResource {
    private final ScanDao scans;
    private final StreamingReads reads;
    private final ObjectMapper mapper;

    public DataResource(ScanDao scans, StreamingReads reads, ObjectMapper mapper) {
        this.scans = scans;
        this.reads = reads;
        this.mapper = mapper;
    }

    @GET
    public StreamingOutput data(@QueryParam("subnet") String subnet, @QueryParam("limit") String limit,
                                @QueryParam("offset") String offset) {
        IPAddress network = subnet == null || subnet.isBlank() ? null : Params.cidr("subnet", subnet);
        Integer pageSize = limit == null || limit.isBlank() ? null : Params.limit(limit, Params.MAX_LIMIT);
        long from = Params.offset(offset);
        ScanSummary scan = scans.latest().orElse(null);
        ScanData body = new ScanData(scan, network, pageSize, from);
        if (scan == null) {
            return out -> body.write(Collections.emptyIterator(), out, mapper);
        }
        return out -> Cursors.each(reads, SnapshotDao.class, d -> d.iterateAssetsOf(scan.id()),
                rows -> body.write(rows, out, mapper));
    }
}
