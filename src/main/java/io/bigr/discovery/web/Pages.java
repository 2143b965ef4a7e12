package io.bigr.discovery.web;

import io.dropwizard.core.setup.Environment;
import java.util.List;

/**
 * The dashboard's pages: each clean path is one HTML file of {@code src/main/resources/assets} (their scripts and
 * the shared style are static files served at "/" by the assets bundle). Every page reads the JSON API of the same
 * origin; nothing is loaded from another host (docs/ARCHITECTURE.md, "The dashboard").
 */
public final class Pages {
    /** A page: the path users open and the HTML file (under {@code /assets} on the classpath) that answers it. */
    public record Page(String path, String file) {
    }

    /**
     * Every page at an exact path. {@code ""} is the servlet mapping of the context root, i.e. {@code /}. The asset
     * detail page answers every path under {@link #ASSET_PREFIX} (the IP follows it).
     */
    public static final List<Page> ALL = List.of(
            new Page("", "inventory.html"),
            new Page("/topology", "topology.html"),
            new Page("/compliance", "compliance.html"),
            new Page("/analytics", "analytics.html"),
            new Page("/risk", "risk.html"),
            new Page("/vulnerabilities", "vulnerabilities.html"),
            new Page("/scans", "scans.html"),
            new Page("/changes", "changes.html"),
            new Page("/certificates", "certificates.html"),
            new Page("/switches", "switches.html"),
            new Page("/subnets", "subnets.html"));

    /** {@code /assets/{ip}}: the asset detail page. */
    public static final String ASSET_PREFIX = "/assets/";
    public static final Page ASSET = new Page(ASSET_PREFIX + "*", "asset.html");

    private Pages() {
    }

    /** Registers one servlet per page file on the application's servlet context. */
    public static void register(Environment environment) {
        for (Page page : ALL) {
            add(environment, page);
        }
        add(environment, ASSET);
    }

    private static void add(Environment environment, Page page) {
        String name = "page-" + page.file().replace(".html", "");
        environment.servlets().addServlet(name, new PageServlet("/assets/" + page.file())).addMapping(page.path());
    }
}
