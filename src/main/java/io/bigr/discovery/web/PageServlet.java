package io.bigr.discovery.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * Answers one dashboard page: its body fragment read once from the classpath and put in the shared {@link #frame},
 * with a Content-Security-Policy that allows
 * scripts, styles, images and requests from this origin only (so a page that tried a CDN would fail its browser
 * test) and {@code no-cache}, so a new release's page is never mixed with an old one's scripts.
 */
final class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private final transient Pages.Page page;
    private transient byte[] html;

    PageServlet(Pages.Page page) {
        this.page = page;
    }

    @Override
    public void init() {
        String resource = "/pages/" + page.file();
        try (InputStream in = PageServlet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard page " + resource + " is missing from the classpath");
            }
            html = frame(page, new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document every page shares around its content: head (shared style and scripts, then the page's own), and
     * for a page with a heading the {@code <main>} element opening with the title row (heading, data age, refresh).
     */
    static String frame(Pages.Page page, String body) {
        StringBuilder out = new StringBuilder(body.length() + 1024).append("""
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                """);
        out.append("  <title>").append(text(page.title())).append("</title>\n");
        out.append("  <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n");
        out.append("  <link rel=\"stylesheet\" href=\"/style.css\">\n");
        if (page.pageStyles()) {
            out.append("  <link rel=\"stylesheet\" href=\"/pages.css\">\n");
        }
        for (String script : Stream.concat(Stream.of("bigr.js", "nav.js"), page.scripts().stream()).toList()) {
            out.append("  <script src=\"/js/").append(text(script)).append("\" defer></script>\n");
        }
        out.append("</head>\n<body data-page=\"").append(text(page.name())).append("\">\n");
        if (page.heading() != null) {
            out.append("<main>\n  <div class=\"title-row\">\n    <h1>").append(text(page.heading())).append("</h1>\n")
                    .append("    <span id=\"data-age\" class=\"meta\"></span>\n")
                    .append("    <button id=\"refresh\" type=\"button\" title=\"Read the data again\">Refresh</button>\n")
                    .append("  </div>\n");
        }
        out.append(body);
        if (!body.endsWith("\n")) {
            out.append('\n');
        }
        if (page.heading() != null) {
            out.append("</main>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
