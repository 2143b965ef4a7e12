package io.bigr.discovery.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.risk.RiskEngine;
import io.bigr.discovery.risk.RiskReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * {@code GET /api/risk}: docs/DOMAIN.md §6.6 over the inventory with latest-snapshot ports, change counts and CVE
 * matches (Appendix A #2), in the key order of {@link RiskReport}. The profiles are written as they
 * are computed and the summary keys after them, so memory does not grow with the inventory. 200; 503 when the
 * database is unreachable (the CVE and change reads happen before the first byte).
 */
@Path("/risk")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {
    private final Reports reports;
    private final Clock clock;
    private final ObjectMapper mapper;

    public RiskResource(Reports reports, Clock clock, ObjectMapper mapper) {
        this.reports = reports;
        this.clock = clock;
        this.mapper = mapper;
    }

    @GET
    public StreamingOutput report() {
        Reports.RiskStream risk = reports.riskStream(clock.instant());
        return out -> {
            try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                g.setCodec(mapper);
                g.writeStartObject();
                g.writeArrayFieldStart("profiles");
                RiskEngine.Summary s = risk.forEach(p -> {
                    try {
                        writeProfile(g, p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                g.writeEndArray();
                g.writeNumberField("average_risk", s.averageRisk());
                g.writeNumberField("max_risk", s.maxRisk());
                g.writeNumberField("critical_count", s.criticalCount());
                g.writeNumberField("high_count", s.highCount());
                g.writeNumberField("medium_count", s.mediumCount());
                g.writeNumberField("low_count", s.lowCount());
                g.writeObjectField("top_risks", s.topRisks());
                g.writeEndObject();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }

    /** One profile exactly as Jackson writes {@link RiskReport.Profile} (RiskResourceTest holds the two together). */
    static void writeProfile(JsonGenerator g, RiskReport.Profile p) throws IOException {
        g.writeStartObject();
        g.writeStringField("ip", p.ip());
        g.writeStringField("mac", p.mac());
        g.writeStringField("hostname", p.hostname());
        g.writeStringField("vendor", p.vendor());
        g.writeStringField("bigr_category", p.bigrCategory().value());
        g.writeNumberField("risk_score", p.riskScore());
        g.writeStringField("risk_level", p.riskLevel());
        g.writeObjectFieldStart("factors");
        RiskReport.Factors f = p.factors();
        g.writeNumberField("cve_score", f.cveScore());
        g.writeNumberField("exposure_score", f.exposureScore());
        g.writeNumberField("classification_score", f.classificationScore());
        g.writeNumberField("age_score", f.ageScore());
        g.writeNumberField("change_score", f.changeScore());
        g.writeEndObject();
        g.writeStringField("top_cve", p.topCve());
        g.writeEndObject();
    }
}
