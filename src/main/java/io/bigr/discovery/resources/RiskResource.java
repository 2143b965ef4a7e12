package io.bigr.discovery.resources;

import io.bigr.discovery.analysis.Reports;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.risk.RiskReport;
import io.bigr.discovery.vuln.CveStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * {@code GET /api/risk}: §6.6 over the inventory with latest-snapshot ports, change counts and CVE matches
 * (Appendix A #2). 200; 503 when the database is unreachable.
 */
@Path("/risk")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {
    private final InventoryStore store;
    private final CveStore cves;
    private final Clock clock;

    public RiskResource(InventoryStore store, CveStore cves, Clock clock) {
        this.store = store;
        this.cves = cves;
        this.clock = clock;
    }

    @GET
    public RiskReport report() {
        return Reports.risk(store, cves, clock.instant());
    }
}
