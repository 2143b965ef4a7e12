package io.bigr.discovery.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.api.OpenApiDocs;
import io.bigr.discovery.core.AppVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/openapi.json} and {@code /api/openapi.yaml}: the OpenAPI 3.1 document of every resource registered
 * with Jersey (api/OpenApiDocs), built on first request and kept. Open without a token, like {@code /api/health}:
 * it describes the API, never data. Swagger UI at {@code /api/docs/} reads it.
 */
@Path("/")
public class OpenApiResource {
    private final ObjectMapper mapper;
    private final Configuration jersey;
    private volatile ObjectNode document;

    /** {@code jersey}: the application's resource configuration, read when the document is first asked for. */
    public OpenApiResource(ObjectMapper mapper, Configuration jersey) {
        this.mapper = mapper;
        this.jersey = jersey;
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode json() {
        return document();
    }

    @GET
    @Path("openapi.yaml")
    @Produces({"application/yaml", MediaType.TEXT_PLAIN})
    public String yaml() {
        return OpenApiDocs.yaml(document());
    }

    private ObjectNode document() {
        ObjectNode d = document;
        if (d == null) {
            synchronized (this) {
                if (document == null) {
                    document = OpenApiDocs.build(resourceClasses(jersey), mapper, AppVersion.current());
                }
                d = document;
            }
        }
        return d;
    }

    /** The root resources Jersey serves (instances and classes with {@code @Path}), this one excluded. */
    static List<Class<?>> resourceClasses(Configuration config) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Object o : config.getInstances()) {
            out.add(o.getClass());
        }
        out.addAll(config.getClasses());
        List<Class<?>> roots = new ArrayList<>();
        for (Class<?> c : out) {
            if (c.isAnnotationPresent(Path.class) && c != OpenApiResource.class) {
                roots.add(c);
            }
        }
        return roots;
    }
}
