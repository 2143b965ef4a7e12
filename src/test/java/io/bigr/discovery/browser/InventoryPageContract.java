package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inventory page at "/": the seeded assets with their identity columns and badges, category cards, the data's
 * age; sorting by a column header, filters, keyset paging through 55 rows, exports of the current filter, the column
 * chooser surviving a reload, and a row opening its asset's page. All server-side: the page holds one page of rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class InventoryPageContract extends BrowserContract {
    /** Extra assets of another target, so paging has several pages: 10.1.0.1 … 10.1.0.50, all online. */
    static final int EXTRA = 50;
    static final int TOTAL = DashboardSeed.ASSETS + EXTRA;

    @Override
    protected void seed(TestDb db) {
        DashboardSeed.seed(db.daos());
        db.daos().store().save(TestData.scan("10.1.0.0/24", DashboardSeed.SECOND_SCAN.plusSeconds(60),
                IntStream.rangeClosed(1, EXTRA).mapToObj(i -> TestData.asset("10.1.0." + i,
                        String.format("02:00:00:00:01:%02x", i), "node-" + i, "Dell", BigrCategory.TASINABILIR, 0.5, 22))
                        .toArray(io.bigr.discovery.core.Asset[]::new)));
    }

    @BeforeEach
    void fresh() {
        browser.open(app.url("/"));
        browser.js("localStorage.clear()");
        browser.clearConsole();
    }

    List<String> column(String key) {
        List<String> out = new ArrayList<>();
        for (WebElement td : browser.all("#assets tbody td[data-col=" + key + "]")) {
            out.add(td.getText());
        }
        return out;
    }

    WebElement row(String ip) {
        return browser.find("#assets tbody tr[data-ip='" + ip + "']");
    }

    /** Waits until the table shows rows for {@code expectedTotal} matches. */
    void waitTotal(long expectedTotal) {
        browser.waitUntil("document.getElementById('count').dataset.total === '" + expectedTotal + "'");
    }

    @Test
    void showsTheSeededInventoryWithIdentityBadgesCardsAndDataAge() {
        open("/");
        waitTotal(TOTAL);
        assertThat(browser.driver().getTitle()).isEqualTo("BİGR Discovery Dashboard");
        WebElement router = row(DashboardSeed.ROUTER_IP);
        assertThat(router.findElement(By.cssSelector("td[data-col=mac]")).getText()).isEqualTo(DashboardSeed.ROUTER_MAC);
        assertThat(router.findElement(By.cssSelector("td[data-col=vendor]")).getText()).isEqualTo("Cisco");
        assertThat(router.findElement(By.cssSelector("td[data-col=device_type]")).getText()).isEqualTo("router");
        assertThat(router.findElement(By.cssSelector("td[data-col=product]")).getText()).isEqualTo("ISR 4331");
        assertThat(router.findElement(By.cssSelector("td[data-col=os]")).getText()).isEqualTo("IOS XE 17.9");
        assertThat(router.findElement(By.cssSelector("td[data-col=bigr_category]")).getText()).isEqualTo("Ağ ve Sistemler");
        assertThat(router.findElement(By.cssSelector("td[data-col=status]")).getText()).isEqualTo("Online");
        assertThat(router.findElement(By.cssSelector("td[data-col=open_ports]")).getText()).isEqualTo("22, 443");
        assertThat(row(DashboardSeed.LAPTOP_IP).findElement(By.cssSelector("td[data-col=status]")).getText())
                .isEqualTo("Missed");
        assertThat(row(DashboardSeed.CAMERA_IP).findElement(By.cssSelector("td[data-col=bigr_category]")).getText())
                .isEqualTo("IoT");
        // cards: the whole inventory per stored category
        assertThat(browser.find("#cards .card.all .n").getText()).isEqualTo(Integer.toString(TOTAL));
        assertThat(browser.find("#cards .card.iot .n").getText()).isEqualTo("2");
        assertThat(browser.find("#cards .card.tasinabilir .n").getText()).isEqualTo(Integer.toString(1 + EXTRA));
        assertThat(browser.find("#cards .card.tasinabilir").getText()).contains("Taşınabilir Cihazlar");
        // data age: the newest scan is the extra target's, months before "now"
        assertThat(browser.find("#data-age").getText()).startsWith("last scan ").contains(" ago").contains("10.1.0.0/24");
        assertThat(browser.find("#count").getText()).isEqualTo("rows 1–50 of " + TOTAL);
        browser.assertNoConsoleErrors();
    }

    @Test
    void sortsOnTheServerByTheClickedColumnBothWays() {
        open("/");
        waitTotal(TOTAL);
        // default: IP numerically, so 10.0.0.1, .20, .30, .40, .99, then 10.1.0.1 ...
        assertThat(column("ip").subList(0, 6)).containsExactly("10.0.0.1", "10.0.0.20", "10.0.0.30", "10.0.0.40",
                "10.0.0.99", "10.1.0.1");
        browser.find("#q").sendKeys("10.0.0.");
        waitTotal(DashboardSeed.ASSETS);
        browser.find("#assets th[data-col=hostname]").click();
        browser.waitUntil("document.querySelector('#assets th[data-col=hostname]').getAttribute('aria-sort') === 'ascending'");
        // hostnames in code-point order; a missing one sorts as the empty text, first
        assertThat(column("hostname")).containsExactly("", "ayse-laptop", "cam-lobby", "gw.office", "printer-2");
        browser.find("#assets th[data-col=hostname]").click();
        browser.waitUntil("document.querySelector('#assets th[data-col=hostname]').getAttribute('aria-sort') === 'descending'");
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> column("hostname").get(0).equals("printer-2"));
        assertThat(column("hostname")).containsExactly("printer-2", "gw.office", "cam-lobby", "ayse-laptop", "");
        assertThat(browser.driver().getCurrentUrl()).contains("sort=-hostname").contains("q=10.0.0.");
        browser.assertNoConsoleErrors();
    }

    /** Waits until the column shows exactly these values (a filter's answer has replaced the previous one). */
    void waitColumn(String key, String... values) {
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> column(key).equals(List.of(values)));
    }

    void clear() {
        browser.find("#clear").click();
        waitTotal(TOTAL);
    }

    @Test
    void filtersByCategoryCardStatusSearchAndPort() {
        open("/");
        waitTotal(TOTAL);
        new Select(browser.find("#category")).selectByValue("iot");
        waitTotal(2);
        waitColumn("ip", DashboardSeed.CAMERA_IP, DashboardSeed.PRINTER_IP);
        assertThat(browser.driver().getCurrentUrl()).contains("category=iot");
        clear();
        browser.find("#cards .card.ag_ve_sistemler").click();
        waitTotal(1);
        waitColumn("ip", DashboardSeed.ROUTER_IP);
        clear();
        new Select(browser.find("#status")).selectByValue("missed");
        waitTotal(1);
        waitColumn("ip", DashboardSeed.LAPTOP_IP);
        clear();
        browser.find("#port").sendKeys("9100\n");
        waitTotal(1);
        waitColumn("ip", DashboardSeed.PRINTER_IP);
        clear();
        new Select(browser.find("#device_type")).selectByValue("camera");
        waitTotal(1);
        waitColumn("ip", DashboardSeed.CAMERA_IP);
        clear();
        browser.find("#q").sendKeys("CAM-LOB");
        waitTotal(1);
        waitColumn("hostname", "cam-lobby");
        browser.find("#q").clear();
        browser.find("#q").sendKeys("no-such-thing");
        waitTotal(0);
        assertThat(browser.find("#assets tbody tr.empty").getText()).contains("No asset matches this filter");
        browser.assertNoConsoleErrors();
    }

    @Test
    void pagesThroughEveryRowExactlyOnceWithKeysetCursors() {
        open("/");
        waitTotal(TOTAL);
        new Select(browser.find("#limit")).selectByVisibleText("25");
        browser.waitForText("#count", "rows 1–25 of " + TOTAL);
        List<String> seen = new ArrayList<>(column("ip"));
        assertThat(browser.find("#prev").isEnabled()).isFalse();
        browser.find("#next").click();
        browser.waitForText("#count", "rows 26–50 of " + TOTAL);
        List<String> second = column("ip");
        seen.addAll(second);
        browser.find("#next").click();
        browser.waitForText("#count", "rows 51–" + TOTAL + " of " + TOTAL);
        seen.addAll(column("ip"));
        assertThat(browser.find("#next").isEnabled()).isFalse();
        assertThat(seen).hasSize(TOTAL).doesNotHaveDuplicates();
        browser.find("#prev").click();
        browser.waitForText("#count", "rows 26–50 of " + TOTAL);
        assertThat(column("ip")).isEqualTo(second);
        browser.assertNoConsoleErrors();
    }

    @Test
    void exportsTheRowsOfTheCurrentFilterAsCsvAndJson() throws Exception {
        open("/?category=iot");
        waitTotal(2);
        browser.find("#export-csv").click();
        Path csv = waitForDownload("bigr-assets.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("id,ip,mac,hostname,vendor");
        assertThat(lines).hasSize(3);
        assertThat(String.join("\n", lines)).contains(DashboardSeed.CAMERA_IP).contains(DashboardSeed.PRINTER_IP)
                .doesNotContain(DashboardSeed.ROUTER_IP + ",");
        browser.find("#export-json").click();
        Path json = waitForDownload("bigr-assets.json");
        var rows = io.bigr.discovery.core.Json.MAPPER.readTree(Files.readString(json));
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("bigr_category").asText()).isEqualTo("iot");
        browser.assertNoConsoleErrors();
    }

    Path waitForDownload(String name) {
        Path file = browser.downloads().resolve(name);
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> Files.exists(file)
                && !Files.exists(browser.downloads().resolve(name + ".crdownload")));
        return file;
    }

    @Test
    void theColumnChooserHidesAndShowsColumnsAndRemembersThem() {
        open("/");
        waitTotal(TOTAL);
        assertThat(browser.all("#assets th[data-col=mac]")).hasSize(1);
        assertThat(browser.all("#assets th[data-col=switch_host]")).isEmpty();
        browser.find("#columns summary").click();
        browser.find("#column-menu input[value=mac]").click();
        browser.find("#column-menu input[value=switch_host]").click();
        browser.waitUntil("!document.querySelector('#assets th[data-col=mac]')");
        browser.waitUntil("document.querySelector('#assets th[data-col=switch_host]')");
        open("/");
        waitTotal(TOTAL);
        assertThat(browser.all("#assets th[data-col=mac]")).isEmpty();
        assertThat(row(DashboardSeed.ROUTER_IP).findElement(By.cssSelector("td[data-col=switch_host]")).getText())
                .isEqualTo(DashboardSeed.SWITCH_HOST + " " + DashboardSeed.SWITCH_PORT);
        browser.assertNoConsoleErrors();
    }

    @Test
    void aRowOpensItsAssetPage() {
        open("/");
        waitTotal(TOTAL);
        row(DashboardSeed.CAMERA_IP).findElement(By.cssSelector("td[data-col=hostname]")).click();
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> d.getCurrentUrl().endsWith("/assets/" + DashboardSeed.CAMERA_IP));
        browser.waitReady();
        assertThat(browser.find("[data-fact=ip]").getText()).isEqualTo(DashboardSeed.CAMERA_IP);
        assertThat(browser.find("[data-fact=hostname]").getText()).isEqualTo("cam-lobby");
        browser.assertNoConsoleErrors();
    }

    /** Last: it adds an asset the other tests do not expect. */
    @Test
    @Order(Integer.MAX_VALUE)
    void refreshShowsAssetsSavedSinceTheLoad() {
        open("/");
        waitTotal(TOTAL);
        db.daos().store().save(TestData.scan("10.2.0.1", DashboardSeed.SECOND_SCAN.plus(Duration.ofHours(2)),
                TestData.asset("10.2.0.1", "02:00:00:00:02:01", "late", "Acme", BigrCategory.IOT, 0.6, 80)));
        // Written past the server (its own store): the server may answer from its read cache until it next reads the
        // data version, at most DataVersion.MAX_AGE later (docs/DOMAIN.md §6.14). A click inside that bound may
        // rightly show the old inventory, so the user's click comes after it.
        TestData.sleepPastFreshnessBound();
        browser.find("#refresh").click();
        waitTotal(TOTAL + 1);
        assertThat(browser.find("#cards .card.iot .n").getText()).isEqualTo("3");
        assertThat(browser.find("#data-age").getText()).contains("10.2.0.1");
        browser.assertNoConsoleErrors();
    }
}
