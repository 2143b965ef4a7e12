package io.bigr.discovery.resources;

import io.bigr.discovery.analysis.Reports;
import io.bigr.discovery.db.InventoryStore;
import io.bigr.discovery.vuln.CveStore;
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
    private final InventoryStore store;
    private final CveStore cves;

    public VulnerabilitiesResource(InventoryStore store, CveStore cves) {
        this.store = store;
        this.cves = cves;
    }

    @GET
    public VulnerabilityReport report() {
        return Reports.vulnerabilities(store, cves);
    }
}
