package io.bigr.discovery.web;

import io.dropwizard.core.setup.Environment;
import java.util.List;

/**
 * The dashboard's pages. Each clean path is one page: its content (a fragment of {@code src/main/resources/pages})
 * in the one frame every page shares ({@link PageServlet#frame}: head, the shared style and scripts, the title row
 * with the data age and the refresh button; the header is drawn by {@code nav.js}). Scripts and styles are static files served at "/" by the assets bundle. Every page reads
 * the JSON API of the same origin; nothing is loaded from another host (docs/ARCHITECTURE.md, "The dashboard").
 */
public final class Pages {
    /**
     * A page.
     *
     * @param path       the path users open
     * @param name       its {@code data-page} name and the body fragment {@code pages/<name>.html}
     * @param title      the document title
     * @param heading    the page's {@code <h1>}, in the title row the frame draws (with the data age and a refresh
     *                   button); null: the fragment is the whole {@code <main>} (the asset page draws its own)
     * @param pageStyles whether it uses {@code pages.css} (the report pages' tables, cards and charts)
     * @param scripts    its own scripts under {@code /js/}, after the shared {@code bigr.js} and {@code nav.js}
     */
    public record Page(String path, String name, String title, String heading, boolean pageStyles,
                       List<String> scripts) {
        /** The body fragment's file name. */
        public String file() {
            return name + ".html";
        }
    }

    private static Page report(String path, String name, String title, String heading, String... scripts) {
        return new Page(path, name, title, heading, true, List.of(scripts));
    }

    /**
     * Every page at an exact path. {@code ""} is the servlet mapping of the context root, i.e. {@code /}. The asset
     * detail page answers every path under {@link #ASSET_PREFIX} (the IP follows it).
     */
    public static final List<Page> ALL = List.of(
            new Page("", "inventory", "BİGR Discovery Dashboard", "BİGR Discovery Dashboard", false,
                    List.of("inventory.js")),
            report("/topology", "topology", "BİGR Discovery - Network Topology", "Network Topology", "pages.js",
                    "charts.js", "topology.js"),
            report("/compliance", "compliance", "BİGR Compliance Dashboard", "Compliance", "pages.js", "charts.js",
                    "compliance.js"),
            report("/analytics", "analytics", "BİGR Discovery - Analytics", "Analytics", "pages.js", "charts.js",
                    "analytics.js"),
            report("/risk", "risk", "BİGR Discovery - Risk Assessment", "Risk Assessment", "pages.js", "risk.js"),
            report("/vulnerabilities", "vulnerabilities", "BİGR Discovery - Vulnerabilities", "Vulnerabilities",
                    "pages.js", "vulnerabilities.js"),
            report("/scans", "scans", "BİGR Discovery - Scans", "Scans", "pages.js", "scans.js"),
            report("/changes", "changes", "BİGR Discovery - Changes", "Changes", "pages.js", "changes.js"),
            report("/certificates", "certificates", "BİGR Discovery - Certificates", "TLS Certificates", "pages.js",
                    "certificates.js"),
            report("/switches", "switches", "BİGR Discovery - Switches", "Switches", "pages.js", "switches.js"),
            report("/subnets", "subnets", "BİGR Discovery - Subnets", "Subnets", "pages.js", "subnets.js"));

    /** {@code /assets/{ip}}: the asset detail page. */
    public static final String ASSET_PREFIX = "/assets/";
    public static final Page ASSET = new Page(ASSET_PREFIX + "*", "asset", "BİGR Discovery · Asset", null, false,
            List.of("asset.js"));

    private Pages() {
    }

    /** Registers one servlet per page on the application's servlet context. */
    public static void register(Environment environment) {
        for (Page page : ALL) {
            add(environment, page);
        }
        add(environment, ASSET);
    }

    private static void add(Environment environment, Page page) {
        environment.servlets().addServlet("page-" + page.name(), new PageServlet(page)).addMapping(page.path());
    }
}
