package io.bigr.discovery.resources;

import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.analytics.AnalyticsReport;
import io.bigr.discovery.api.Params;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * {@code GET /api/analytics[?days=30]}: docs/DOMAIN.md §6.5 over the configured database (Appendix A #1), looking back
 * {@code days} (1..3650). 200; 400 naming {@code days}; 503 when the database is unreachable.
 */
@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 3650;
    private final Reports reports;
    private final Clock clock;

    public AnalyticsResource(Reports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GET
    public AnalyticsReport report(@QueryParam("days") String days) {
        return reports.analytics(Params.intIn("days", days, DEFAULT_DAYS, 1, MAX_DAYS), clock.instant());
    }
}
