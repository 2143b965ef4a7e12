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
 * Bearer-token check for every API route. Writes (POST, PUT, PATCH, DELETE) always need a valid write-enabled token
 * (a read-only one is a 403); reads need a valid token when {@code auth.required} is true; an expired token is a 401.
 * It runs before routing, so an unknown route without a token is a 401 too. {@code /api/health} stays open for load
 * balancers, {@code /api/openapi.json|yaml} for API clients and Swagger UI (a description of the API, never data),
 * and CORS preflights are answered before this filter runs. {@code /api/metrics} (the Prometheus exposition) always
 * needs a token, even where reads are open: it describes the deployment, not the inventory a laptop user browses.
 *
 * <p>The comparison is {@link Tokens#check}: constant time, tokens never logged.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private final boolean readsRequireToken;
    private final Tokens tokens;

    /** Read-write tokens that never expire, given as digests. */
    public BearerTokenFilter(boolean readsRequireToken, List<byte[]> digests) {
        this(readsRequireToken, new Tokens(digests.stream().map(ApiToken::readWrite).toList(),
                java.time.Clock.systemUTC()));
    }

    public BearerTokenFilter(boolean readsRequireToken, Tokens tokens) {
        this.readsRequireToken = readsRequireToken;
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if (HttpMethod.OPTIONS.equals(method) || isHealth(request)) {
            return;
        }
        if (HttpMethod.GET.equals(method)
                && Boolean.TRUE.equals(request.getProperty(io.bigr.discovery.api.ReadCache.WARMING))) {
            return; // this server rendering a read ahead (api/ReadWarmer): a property no HTTP request can carry
        }
        boolean write = WRITES.contains(method);
        if (!write && !readsRequireToken && !isMetrics(request)) {
            return;
        }
        Response refusal = refusal(tokens.check(request.getHeaderString(HttpHeaders.AUTHORIZATION), write));
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }

    /** The answer to a verdict that refuses the request, or null for {@link Tokens.Verdict#OK}. */
    static Response refusal(Tokens.Verdict verdict) {
        return switch (verdict) {
            case OK -> null;
            case MISSING -> unauthorized("A bearer token is required (Authorization: Bearer <token>)", false);
            case INVALID -> unauthorized("The bearer token is not valid", true);
            case EXPIRED -> unauthorized("The bearer token has expired", true);
            case READ_ONLY -> Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(403, "The bearer token is read-only; this needs a write-enabled token"))
                    .build();
        };
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
        return tokens.check("Bearer " + token, false) == Tokens.Verdict.OK;
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
