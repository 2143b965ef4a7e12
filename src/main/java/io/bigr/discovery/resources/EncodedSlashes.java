package io.bigr.discovery.resources;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;

/**
 * Lets {@code %2F} through to the API: routes such as {@code /api/subnets/10.0.0.0%2F24} and
 * {@code /api/topology/subnet/10.0.0.0%2F24} receive the CIDR exactly as the front-end encodes it. Jetty 12 rejects an
 * encoded slash in a path by default (400 "Ambiguous URI path separator"), at the connector and again in the servlet
 * layer; both are relaxed for this one violation only. The raw-slash form needs nothing: those routes use a regex
 * path parameter ({@code {cidr: .+}}).
 */
public final class EncodedSlashes {
    static final UriCompliance COMPLIANCE = UriCompliance.DEFAULT.with("BIGR_ENCODED_SLASH",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR);

    private EncodedSlashes() {
    }

    public static void allow(ServerFactory server, Environment environment) {
        List<ConnectorFactory> connectors = server instanceof DefaultServerFactory d ? d.getApplicationConnectors()
                : server instanceof SimpleServerFactory s ? List.of(s.getConnector()) : List.of();
        for (ConnectorFactory c : connectors) {
            if (c instanceof HttpConnectorFactory http) {
                http.setUriCompliance(COMPLIANCE);
            }
        }
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
    }
}
