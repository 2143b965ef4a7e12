package io.bigr.discovery.resources;

import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.vuln.VulnerabilityReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/vulnerabilities}: docs/DOMAIN.md §6.3.14 / §6.7 over the inventory; the CVE store in the configured
 * database is seeded with the built-in CVEs when empty. Every match carries its evidence. 200; 503 when the database is
 * unreachable.
 */
@Path("/vulnerabilities")
@Produces(MediaType.APPLICATION_JSON)
public class VulnerabilitiesResource {
    private final Reports reports;

    public VulnerabilitiesResource(Reports reports) {
        this.reports = reports;
    }

    @GET
    public VulnerabilityReport report() {
        return reports.vulnerabilities();
    }
}
