package io.bigr.discovery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every page's body fragment exists, is a body (no document of its own) and comes out of one frame. */
class PageFrameTest {

    static List<Pages.Page> every() {
        List<Pages.Page> all = new ArrayList<>(Pages.ALL);
        all.add(Pages.ASSET);
        return all;
    }

    static String fragment(Pages.Page page) throws IOException {
        try (InputStream in = PageFrameTest.class.getResourceAsStream("/pages/" + page.file())) {
            assertThat(in).as(page.file()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyFragmentIsContentOnly() throws IOException {
        for (Pages.Page page : every()) {
            String body = fragment(page);
            assertThat(body).as(page.file()).doesNotContain("<html", "<head", "<body", "<script", "<link", "<title",
                    "title-row", "<h1");
            if (page.heading() == null) {
                assertThat(body).as(page.file()).startsWith("<main");
            } else {
                assertThat(body).as(page.file()).doesNotContain("<main");
            }
        }
    }

    @Test
    void theFrameGivesEachPageItsTitleStylesAndScriptsInOrder() throws IOException {
        Pages.Page risk = every().stream().filter(p -> p.name().equals("risk")).findFirst().orElseThrow();
        String html = PageServlet.frame(risk, fragment(risk));
        assertThat(html).startsWith("<!doctype html>\n<html lang=\"en\">")
                .contains("<title>BİGR Discovery - Risk Assessment</title>", "href=\"/pages.css\"",
                        "<body data-page=\"risk\">\n<main>\n  <div class=\"title-row\">\n    <h1>Risk Assessment</h1>\n",
                        "<span id=\"data-age\" class=\"meta\"></span>", "<button id=\"refresh\" type=\"button\"")
                .endsWith("<div id=\"content\"></div>\n</main>\n</body>\n</html>\n");
        assertThat(html.indexOf("/js/bigr.js")).isLessThan(html.indexOf("/js/nav.js"));
        assertThat(html.indexOf("/js/nav.js")).isLessThan(html.indexOf("/js/pages.js"));
        assertThat(html.indexOf("/js/pages.js")).isLessThan(html.indexOf("/js/risk.js"));

        Pages.Page inventory = Pages.ALL.get(0);
        assertThat(PageServlet.frame(inventory, fragment(inventory))).doesNotContain("pages.css")
                .contains("<title>BİGR Discovery Dashboard</title>", "/js/inventory.js");
    }

    @Test
    void titlesAreEscaped() {
        Pages.Page odd = new Pages.Page("/x", "x", "A <b> & \"c\"", "<i>", false, List.of());
        assertThat(PageServlet.frame(odd, "<p></p>")).contains("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>",
                "<h1>&lt;i&gt;</h1>");
        Pages.Page own = new Pages.Page("/y", "y", "Y", null, false, List.of());
        assertThat(PageServlet.frame(own, "<main id=\"y\"></main>")).contains("<body data-page=\"y\">\n<main id=\"y\"></main>\n</body>")
                .doesNotContain("title-row");
    }

    @Test
    void everyScriptAPageNamesIsAStaticFile() {
        for (Pages.Page page : every()) {
            for (String script : page.scripts()) {
                assertThat(PageFrameTest.class.getResource("/assets/js/" + script)).as(page.name() + " " + script)
                        .isNotNull();
            }
        }
    }
}
