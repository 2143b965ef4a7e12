package io.bigr.discovery.resources;

import io.bigr.discovery.api.ApiException;
import io.bigr.discovery.api.Inputs;
import io.bigr.discovery.api.Page;
import io.bigr.discovery.api.Params;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.db.CertificateDao;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * TLS certificates; expiry facts are recomputed from {@code valid_to} on every read.
 * <ul>
 *   <li>{@code GET /api/certificates[?expiring_within=DAYS&limit&offset]}: newest check first, or with
 *       {@code expiring_within} only those expiring within DAYS (expired included), soonest first; 200, 400.</li>
 *   <li>{@code POST /api/certificates}: upsert on (ip, port); 201 with the stored row, 422 naming the field.</li>
 * </ul>
 */
@Path("/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificatesResource {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_DAYS = 36_500;
    private final CertificateDao certificates;

    public CertificatesResource(CertificateDao certificates) {
        this.certificates = certificates;
    }

    @GET
    public Page list(@QueryParam("expiring_within") String expiringWithin, @QueryParam("limit") String limit,
                     @QueryParam("offset") String offset) {
        int n = Params.limit(limit, DEFAULT_LIMIT);
        long from = Params.offset(offset);
        List<Certificate> all = expiringWithin == null || expiringWithin.isBlank() ? certificates.all()
                : certificates.expiring(Params.intIn("expiring_within", expiringWithin, 30, 0, MAX_DAYS));
        return Page.slice("certificates", all, n, from);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(Inputs.CertificateIn in) {
        if (in == null) {
            throw ApiException.invalidField("body", "expected a certificate object with ip and port");
        }
        Certificate c = in.toCertificate();
        certificates.save(c);
        Certificate saved = certificates.all().stream()
                .filter(x -> x.ip().equals(c.ip()) && x.port() == c.port()).findFirst().orElseThrow();
        return Response.status(201).entity(saved).build();
    }
}
