package io.bigr.discovery.auth;

import io.bigr.discovery.api.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * Bearer-token check for every API route. Writes (POST, PUT, PATCH, DELETE) always need a valid token; reads need
 * one when {@code auth.required} is true. It runs before routing, so an unknown route without a token is a 401 too.
 * {@code /api/health} stays open for load balancers, {@code /api/openapi.json|yaml} for API clients and Swagger UI
 * (a description of the API, never data), and CORS preflights are
 * answered before this filter runs. {@code /api/metrics} (the Prometheus exposition) always needs a token, even where
 * reads are open: it describes the deployment, not the inventory a laptop user browses.
 *
 * <p>The presented token is hashed with SHA-256 and compared with every configured digest using
 * {@link MessageDigest#isEqual} (constant time, and all digests are always compared), so timing reveals neither
 * which digest nor how much of it matched. Tokens are never logged.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final String PREFIX = "Bearer ";

    private final boolean readsRequireToken;
    private final List<byte[]> digests;

    public BearerTokenFilter(boolean readsRequireToken, List<byte[]> digests) {
        this.readsRequireToken = readsRequireToken;
        this.digests = List.copyOf(digests);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if (HttpMethod.OPTIONS.equals(method) || isHealth(request)) {
            return;
        }
        if (!WRITES.contains(method) && !readsRequireToken && !isMetrics(request)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            request.abortWith(unauthorized("A bearer token is required (Authorization: Bearer <token>)", false));
        } else if (!accepted(header.substring(PREFIX.length()).trim())) {
            request.abortWith(unauthorized("The bearer token is not valid", true));
        }
    }

    /** {@code /api/health} and the OpenAPI document ({@code /api/openapi.json|yaml}): GET without a token. */
    private static boolean isHealth(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        return HttpMethod.GET.equals(request.getMethod())
                && (path.equals("health") || path.equals("openapi.json") || path.equals("openapi.yaml"));
    }

    private static boolean isMetrics(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals("metrics") || path.equals("/metrics") || path.startsWith("metrics/")
                || path.startsWith("/metrics/");
    }

    boolean accepted(String token) {
        byte[] presented = sha256(token);
        boolean match = false;
        for (byte[] d : digests) {
            match |= MessageDigest.isEqual(presented, d);
        }
        return match && !token.isEmpty();
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Response unauthorized(String message, boolean presented) {
        String challenge = presented ? "Bearer realm=\"bigr\", error=\"invalid_token\"" : "Bearer realm=\"bigr\"";
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(401, message)).build();
    }
}
