package io.bigr.discovery.resources;

import io.bigr.discovery.metrics.PrometheusMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/metrics}: the Prometheus exposition on the API port, for platforms that expose one port only
 * (Render). It always needs a bearer token, even where reads are open (auth/BearerTokenFilter); 401 otherwise.
 * The same text is on the admin port at {@code /prometheus}.
 */
@Path("/metrics")
public class MetricsResource {
    private final PrometheusMetrics metrics;

    public MetricsResource(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response scrape() {
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            metrics.write(w);
            w.flush();
        };
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body, PrometheusMetrics.CONTENT_TYPE).cacheControl(noStore).build();
    }
}
