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
import java.util.Comparator;
import java.util.List;

/**
 * TLS certificates; expiry facts are recomputed from {@code valid_to} on every read.
 * <ul>
 *   <li>{@code GET /api/certificates[?expiring_within=DAYS&sort=last_checked|expiry&limit&offset]}: newest check
 *       first, or with {@code expiring_within} only those expiring within DAYS (expired included), soonest first;
 *       {@code sort=expiry} orders any list soonest expiry first (expired first, unknown expiry last); 200, 400.</li>
 *   <li>{@code POST /api/certificates}: upsert on (ip, port); 201 with the stored row, 422 naming the field.</li>
 * </ul>
 */
@Path("/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificatesResource {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_DAYS = 36_500;
    /** Soonest expiry first (expired ones lead), unknown expiry last; ties by ip and port. */
    static final Comparator<Certificate> SOONEST_FIRST = Comparator
            .comparing(Certificate::daysUntilExpiry, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Certificate::validTo, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Certificate::ip).thenComparingInt(Certificate::port);
    private final CertificateDao certificates;

    public CertificatesResource(CertificateDao certificates) {
        this.certificates = certificates;
    }

    @GET
    public Page list(@QueryParam("expiring_within") String expiringWithin, @QueryParam("sort") String sort,
                     @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int n = Params.limit(limit, DEFAULT_LIMIT);
        long from = Params.offset(offset);
        boolean byExpiry = "expiry".equals(Params.oneOf("sort", sort, List.of("last_checked", "expiry")));
        List<Certificate> all = expiringWithin == null || expiringWithin.isBlank() ? certificates.all()
                : certificates.expiring(Params.intIn("expiring_within", expiringWithin, 30, 0, MAX_DAYS));
        if (byExpiry) {
            all = all.stream().sorted(SOONEST_FIRST).toList();
        }
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
