package io.bigr.discovery.auth;

import io.bigr.discovery.api.ApiError;
import io.bigr.discovery.core.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Guards Dropwizard's admin endpoints (metrics, thread dump, tasks such as {@code POST /admin/tasks/gc}, health
 * checks) where they share the API's connector: every request, read or write, needs a valid write-enabled token, as
 * an operator would use; otherwise 401 (403 for a read-only token) in the API's error shape. Registered by
 * {@code BigrApplication} when the server type is {@code simple} (config-local.yml); {@code config.yml} serves admin
 * on its own loopback connector instead.
 */
public final class AdminAuthFilter implements Filter {
    private final Tokens tokens;

    public AdminAuthFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Tokens.Verdict verdict = tokens.check(request.getHeader("Authorization"), true);
        if (verdict == Tokens.Verdict.OK) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        boolean readOnly = verdict == Tokens.Verdict.READ_ONLY;
        int status = readOnly ? 403 : 401;
        response.setStatus(status);
        if (!readOnly) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"bigr\"");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String message = readOnly ? "The admin endpoints need a write-enabled token"
                : "The admin endpoints need a bearer token (Authorization: Bearer <token>)";
        response.getOutputStream().write(Json.write(ApiError.of(status, message)).getBytes(StandardCharsets.UTF_8));
    }
}
