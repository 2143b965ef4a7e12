package io.bigr.discovery.resources;

import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.compliance.ComplianceReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/compliance}: the docs/DOMAIN.md §6.4 report over the inventory, manual overrides counted, with
 * per-subnet entries when subnets are registered (Appendix A #3). 200; 503 when the database is unreachable.
 */
@Path("/compliance")
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {
    private final Reports reports;

    public ComplianceResource(Reports reports) {
        this.reports = reports;
    }

    @GET
    public ComplianceReport report() {
        return reports.compliance();
    }
}
