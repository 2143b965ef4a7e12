package io.bigr.discovery.auth;

import io.bigr.discovery.api.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * CORS for the API, from an allow-list. A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered here, before authentication and routing: 204 with the
 * {@code Access-Control-Allow-*} headers for a listed origin, 403 without any CORS header otherwise. Actual requests
 * from a listed origin get {@code Access-Control-Allow-Origin} echoing that origin (never {@code *} with a token,
 * so a configured list is always exact); other origins get no CORS headers, so the browser withholds the response.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final String methods;
    private final String headers;
    private final String maxAge;

    public CorsFilter(List<String> origins, List<String> methods, List<String> headers, int maxAgeSeconds) {
        this.origins = Set.copyOf(origins);
        this.anyOrigin = origins.contains("*");
        this.methods = String.join(", ", methods);
        this.headers = String.join(", ", headers);
        this.maxAge = Integer.toString(maxAgeSeconds);
    }

    boolean allowed(String origin) {
        return origin != null && (anyOrigin || origins.contains(origin));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!HttpMethod.OPTIONS.equals(request.getMethod()) || origin == null
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        if (!allowed(origin)) {
            request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(403, "Origin not allowed")).build());
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Methods", methods)
                .header("Access-Control-Allow-Headers", headers)
                .header("Access-Control-Max-Age", maxAge)
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.add("Vary", "Origin");
        if (allowed(origin)) {
            h.putSingle("Access-Control-Allow-Origin", origin);
            h.putSingle("Access-Control-Expose-Headers", "Location, WWW-Authenticate, Retry-After");
        }
    }
}
