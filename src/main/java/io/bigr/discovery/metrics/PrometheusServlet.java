package io.bigr.discovery.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** {@code GET /prometheus} on the admin port (loopback only in config.yml): the exposition of {@link PrometheusMetrics}. */
public final class PrometheusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PrometheusMetrics metrics;

    public PrometheusServlet(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(PrometheusMetrics.CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (Writer out = resp.getWriter()) {
            metrics.write(out);
        }
    }
}
