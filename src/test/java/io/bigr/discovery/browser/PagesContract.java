package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.web.Pages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * Every page of the dashboard: served at its clean path, loads with no browser console error, has the shared header
 * whose links reach every registered page, and marks its own link as current.
 */
public abstract class PagesContract extends BrowserContract {

    static List<String> paths() {
        List<String> out = new ArrayList<>();
        for (Pages.Page p : Pages.ALL) {
            out.add(p.path().isEmpty() ? "/" : p.path());
        }
        return out;
    }

    @Test
    void everyPageLoadsWithoutConsoleErrorsAndLinksEveryOther() {
        browser.clearConsole();
        for (String path : paths()) {
            open(path);
            assertThat(browser.waitReady()).as(path).isEqualTo("ok");
            List<String> links = new ArrayList<>();
            for (WebElement a : browser.all("header.site nav a")) {
                links.add(a.getDomAttribute("href"));
            }
            assertThat(links).as("nav of " + path).containsExactlyInAnyOrderElementsOf(paths());
            assertThat(browser.find("header.site nav a.active").getDomAttribute("href")).as(path).isEqualTo(path);
            assertThat(browser.driver().getTitle()).as(path).startsWith("BİGR Discovery");
        }
        browser.assertNoConsoleErrors();
    }

    /**
     * A screenshot of every page on the seeded data, and of one asset's page: into target/screenshots, or into
     * docs/screenshots (the README's pictures) with {@code -Dscreenshots.write=true}.
     */
    @Test
    void screenshotsOfEveryPage() {
        Path dir = Boolean.getBoolean("screenshots.write") ? Path.of("docs", "screenshots")
                : Path.of("target", "screenshots", dialect().name().toLowerCase(java.util.Locale.ROOT));
        for (Pages.Page p : Pages.ALL) {
            String path = p.path().isEmpty() ? "/" : p.path();
            open(path);
            browser.screenshot(dir.resolve(p.file().replace(".html", ".png")));
        }
        open("/assets/" + DashboardSeed.ROUTER_IP);
        browser.screenshot(dir.resolve("asset.png"));
        assertThat(dir.resolve("inventory.png")).isNotEmptyFile();
        assertThat(dir.resolve("asset.png")).isNotEmptyFile();
    }

    @Test
    void theInventoryIsTitledAsTheEarlierSystemTitledIt() {
        open("/");
        assertThat(browser.driver().getTitle()).isEqualTo("BİGR Discovery Dashboard");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aConsoleErrorIsSeenByTheHarness() {
        open("/");
        browser.js("console.error('harness self-check')");
        assertThat(browser.consoleErrors()).anyMatch(e -> e.contains("harness self-check"));
        browser.clearConsole();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aPageMayLoadNothingFromAnotherHost() {
        open("/");
        browser.clearConsole();
        // the Content-Security-Policy of every page refuses other origins (a loopback one here): a CDN script would not run
        browser.js("const s = document.createElement('script'); s.src = 'http://127.0.0.2:9/x.js';"
                + " document.head.appendChild(s);");
        browser.waitUntil("true");
        assertThat(browser.consoleErrors()).anyMatch(e -> e.contains("Content Security Policy"));
        browser.clearConsole();
    }
}
