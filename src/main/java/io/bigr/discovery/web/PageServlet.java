package io.bigr.discovery.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Answers one dashboard page: the HTML file read once from the classpath, with a Content-Security-Policy that allows
 * scripts, styles, images and requests from this origin only (so a page that tried a CDN would fail its browser
 * test) and {@code no-cache}, so a new release's page is never mixed with an old one's scripts.
 */
final class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private final String resource;
    private transient byte[] html;

    PageServlet(String resource) {
        this.resource = resource;
    }

    @Override
    public void init() {
        try (InputStream in = PageServlet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard page " + resource + " is missing from the classpath");
            }
            html = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }
}
