package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The report and management pages in a real browser on the {@link DashboardSeed} data: topology, compliance,
 * analytics, risk, vulnerabilities, scans (and their diff), changes (and their filters), certificates, switches and
 * subnets (added, relabelled and removed through the page). One browser and one application for the whole class;
 * the subnet round trip runs last because it writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class DashboardPagesContract extends BrowserContract {
    static final List<String> PAGES = List.of("/topology", "/compliance", "/analytics", "/risk", "/vulnerabilities",
            "/scans", "/changes", "/certificates", "/switches", "/subnets");

    private List<String> texts(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement e : browser.all(css)) {
            out.add(e.getText().trim());
        }
        return out;
    }

    /** The console holds only Chromium's own lines for the API answers a test provoked, with these statuses. */
    private void onlyRefusedRequests(int... statuses) {
        assertThat(browser.consoleErrors()).isNotEmpty().allSatisfy(e -> assertThat(e)
                .contains("Failed to load resource").matches(".*status of (" + java.util.Arrays.stream(statuses)
                        .mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining("|")) + ").*"));
        browser.clearConsole();
    }

    private Browser ok(String path) {
        open(path);
        assertThat(browser.waitReady()).as(path + " loaded without an error").isEqualTo("ok");
        assertThat(browser.all("#error")).allSatisfy(e -> assertThat(e.isDisplayed()).as("error box").isFalse());
        return browser;
    }

    @Test
    @Order(1)
    void everyPageIsTitledAsTheEarlierSystemTitledItAndShowsTheDataAge() {
        browser.clearConsole();
        List<String> titles = new ArrayList<>();
        for (String path : PAGES) {
            ok(path);
            titles.add(browser.driver().getTitle());
            assertThat(browser.waitForText("#data-age", "last scan").getText()).as(path).contains(DashboardSeed.TARGET);
        }
        assertThat(titles).containsExactly("BİGR Discovery - Network Topology", "BİGR Compliance Dashboard",
                "BİGR Discovery - Analytics", "BİGR Discovery - Risk Assessment", "BİGR Discovery - Vulnerabilities",
                "BİGR Discovery - Scans", "BİGR Discovery - Changes", "BİGR Discovery - Certificates",
                "BİGR Discovery - Switches", "BİGR Discovery - Subnets");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void topologyDrawsSubnetsSwitchesAndAssetsAndOpensAnAssetOnClick() {
        ok("/topology");
        assertThat(browser.all("g.node[data-type=subnet]")).extracting(e -> e.getDomAttribute("data-id"))
                .containsExactly(DashboardSeed.SUBNET);
        assertThat(browser.all("g.node[data-type=switch]")).extracting(e -> e.getDomAttribute("data-id"))
                .containsExactly("switch:" + DashboardSeed.SWITCH_HOST);
        assertThat(browser.all("g.node[data-type=gateway]")).extracting(e -> e.getDomAttribute("data-id"))
                .containsExactly(DashboardSeed.ROUTER_IP);
        assertThat(browser.all("g.node[data-type=device]")).extracting(e -> e.getDomAttribute("data-id"))
                .containsExactlyInAnyOrder(DashboardSeed.CAMERA_IP, DashboardSeed.LAPTOP_IP, DashboardSeed.UNKNOWN_IP,
                        DashboardSeed.PRINTER_IP);
        assertThat(browser.find("g.node[data-id='" + DashboardSeed.CAMERA_IP + "']").getDomAttribute("aria-label"))
                .contains("cam-lobby", "Hikvision", "IoT", "80, 554");
        assertThat(browser.find("#topology-stats").getText()).contains("1 gateway", "4 devices", "1 switch");
        // zoom changes the drawing's transform; the node stays clickable
        String before = browser.find("#viewport").getDomAttribute("transform");
        browser.find("#zoom-in").click();
        assertThat(browser.find("#viewport").getDomAttribute("transform")).isNotEqualTo(before);
        browser.assertNoConsoleErrors();
        browser.find("g.node[data-id='" + DashboardSeed.ROUTER_IP + "'] circle").click();
        browser.waitUntil("location.pathname === '/assets/" + DashboardSeed.ROUTER_IP + "'");
        assertThat(browser.waitReady()).isEqualTo("ok");
        assertThat(browser.js("return document.body.dataset.page")).isEqualTo("asset");
        browser.waitForText("main", DashboardSeed.ROUTER_IP);
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    void topologyOfOneSubnetAndAnEmptySubnet() {
        ok("/topology?subnet=10.0.0.0/24");
        assertThat(browser.all("g.node[data-type=device]")).hasSize(4);
        ok("/topology?subnet=172.16.0.0/24");
        assertThat(browser.find("#topology-empty").getText()).contains("No assets in 172.16.0.0/24", "bigr scan 172.16.0.0/24");
        // the API's 400 is shown as a message, never a blank page
        open("/topology?subnet=not-a-cidr");
        assertThat(browser.waitReady()).isEqualTo("error");
        assertThat(browser.find("#error").getText()).contains("not a CIDR");
        onlyRefusedRequests(400); // the refused request itself is logged by Chromium
    }

    @Test
    @Order(4)
    void complianceShowsTheScoreGradeSubnetAndActionItems() {
        JsonNode api = app.getJson("/api/compliance");
        ok("/compliance");
        assertThat(browser.find("#score").getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f",
                api.get("compliance_score").asDouble())).isEqualTo("70.0");
        assertThat(browser.find("#grade").getText()).isEqualTo("C");
        assertThat(browser.find("#subnets").getText()).contains(DashboardSeed.SUBNET, DashboardSeed.SUBNET_LABEL);
        assertThat(texts("#actions td[data-col=ip]")).contains(DashboardSeed.UNKNOWN_IP, DashboardSeed.LAPTOP_IP);
        assertThat(browser.find("[data-figure='Assets'] .n").getText()).isEqualTo(String.valueOf(DashboardSeed.ASSETS));
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void analyticsDrawsTheTrendsOfTheWindow() {
        ok("/analytics?days=3650");
        // both scans were on the seed's first day: 5 distinct assets in their snapshots, 2 scans
        String day = DashboardSeed.FIRST_SCAN.toString().substring(0, 10);
        assertThat(browser.find("#asset-trend circle[data-date='" + day + "']").getDomAttribute("data-value")).isEqualTo("5");
        assertThat(browser.find("#scan-frequency rect[data-date='" + day + "']").getDomAttribute("data-value")).isEqualTo("2");
        assertThat(browser.all("#category-trend g.series")).extracting(e -> e.getDomAttribute("data-series"))
                .contains("iot", "ag_ve_sistemler");
        assertThat(browser.find("#most-changed").getText()).contains(DashboardSeed.UNKNOWN_IP);
        new Select(browser.find("#days")).selectByValue("7");
        browser.waitForText("main", "No scan in the last 7 days");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/analytics?days=7");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(6)
    void riskRanksEveryAssetAndFilters() {
        JsonNode api = app.getJson("/api/risk");
        List<JsonNode> profiles = new ArrayList<>();
        api.get("profiles").forEach(profiles::add);
        profiles.sort((a, b) -> Double.compare(b.get("risk_score").asDouble(), a.get("risk_score").asDouble()));
        ok("/risk");
        assertThat(texts("#ranking td[data-col=ip]")).containsExactlyElementsOf(
                profiles.stream().map(p -> p.get("ip").asText()).toList());
        assertThat(texts("#ranking td[data-col=risk_score]").get(0))
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", profiles.get(0).get("risk_score").asDouble()));
        browser.find("#q").sendKeys("cam-lobby");
        browser.waitUntil("document.querySelectorAll('#ranking tbody tr').length === 1");
        assertThat(texts("#ranking td[data-col=ip]")).containsExactly(DashboardSeed.CAMERA_IP);
        browser.find("#q").clear();
        browser.js("document.getElementById('q').dispatchEvent(new Event('input'))");
        new Select(browser.find("#category")).selectByValue("iot");
        browser.waitUntil("document.querySelectorAll('#ranking tbody tr').length === 2");
        assertThat(texts("#ranking td[data-col=ip]")).containsExactlyInAnyOrder(DashboardSeed.CAMERA_IP,
                DashboardSeed.PRINTER_IP);
        assertThat(browser.driver().getCurrentUrl()).contains("category=iot");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(7)
    void vulnerabilitiesListTheMatchesWithTheirEvidence() {
        ok("/vulnerabilities");
        assertThat(browser.all("details.vuln")).extracting(e -> e.getDomAttribute("data-ip"))
                .containsExactly(DashboardSeed.ROUTER_IP, DashboardSeed.CAMERA_IP, DashboardSeed.PRINTER_IP);
        String router = browser.find("details.vuln[data-ip='" + DashboardSeed.ROUTER_IP + "']").getText();
        assertThat(router).contains("CVE-", "vendor only", "vendor \"Cisco\"");
        assertThat(browser.find("#cve-db").getText()).contains("18 entries");
        new Select(browser.find("#severity")).selectByValue("critical");
        browser.find("#q").sendKeys("hikvision");
        browser.waitUntil("document.querySelectorAll('details.vuln').length === 1");
        assertThat(browser.find("details.vuln").getDomAttribute("data-ip")).isEqualTo(DashboardSeed.CAMERA_IP);
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(8)
    void scansListBothScansAndTheirDiffBothWays() {
        ok("/scans");
        assertThat(browser.all("#scans tbody tr")).hasSize(2);
        // by default the newest scan against the one before it
        assertThat(browser.waitForText("#diff-summary", "new").getText())
                .isEqualTo("+1 new, -1 removed, ~1 changed, =2 unchanged");
        assertThat(texts("#diff-new td[data-col=ip]")).containsExactly(DashboardSeed.PRINTER_IP);
        assertThat(texts("#diff-removed td[data-col=ip]")).containsExactly(DashboardSeed.LAPTOP_IP);
        assertThat(browser.find("#diff-changed").getText()).contains(DashboardSeed.UNKNOWN_IP, "confidence_score", "0.1", "0.2");
        // swap: the older scan against the newer one
        List<WebElement> rows = browser.all("#scans tbody tr");
        rows.get(0).findElement(By.cssSelector("input[name=base]")).click();
        rows.get(1).findElement(By.cssSelector("input[name=scan]")).click();
        browser.find("#compare").click();
        browser.waitForText("#diff-new", DashboardSeed.LAPTOP_IP);
        assertThat(browser.find("#diff-summary").getText()).isEqualTo("+1 new, -1 removed, ~1 changed, =2 unchanged");
        assertThat(texts("#diff-new td[data-col=ip]")).containsExactly(DashboardSeed.LAPTOP_IP);
        assertThat(texts("#diff-removed td[data-col=ip]")).containsExactly(DashboardSeed.PRINTER_IP);
        assertThat(browser.driver().getCurrentUrl()).contains("scan=", "base=");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(9)
    void changesFilterByTypeTimeAndIp() {
        long all = app.getJson("/api/changes").get("total").asLong();
        long newAssets = app.getJson("/api/changes?type=new_asset").get("total").asLong();
        assertThat(newAssets).isEqualTo(5);
        ok("/changes");
        browser.waitUntil("document.querySelectorAll('#timeline li[data-type]').length === " + all);
        assertThat(browser.find("#count").getText()).startsWith(all + " changes");
        new Select(browser.find("#type")).selectByValue("new_asset");
        browser.waitUntil("document.querySelectorAll('#timeline li[data-type]').length === 5");
        assertThat(texts("#timeline li[data-type] .badge")).containsOnly("New asset");
        // detected today: the last 24 hours keep them, a window starting tomorrow has none
        new Select(browser.find("#period")).selectByValue("1");
        browser.waitForText("#count", "5 changes match");
        new Select(browser.find("#period")).selectByValue("custom");
        String tomorrow = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(1).withSecond(0).withNano(0)
                .toString().substring(0, 16);
        browser.js("document.getElementById('since').value = arguments[0]", tomorrow);
        browser.find("#filters button[type=submit]").click();
        browser.waitForText("#changes-empty", "No change matches these filters");
        assertThat(browser.all("#timeline li[data-type]")).isEmpty();
        assertThat(browser.driver().getCurrentUrl()).contains("type=new_asset", "since=");
        browser.find("#clear").click();
        browser.waitUntil("document.querySelectorAll('#timeline li[data-type]').length === " + all);
        browser.find("#ip").sendKeys(DashboardSeed.UNKNOWN_IP);
        browser.find("#filters button[type=submit]").click();
        browser.waitUntil("[...document.querySelectorAll('#timeline li[data-type]')].every(li => li.textContent.includes('"
                + DashboardSeed.UNKNOWN_IP + "')) && document.querySelectorAll('#timeline li[data-type]').length < " + all);
        assertThat(browser.find("#timeline").getText()).contains("vendor", "Espressif");
        browser.assertNoConsoleErrors();
        // a bad IP is the API's 400, shown as a message
        browser.find("#ip").clear();
        browser.find("#ip").sendKeys("10.0.0.999");
        browser.find("#filters button[type=submit]").click();
        browser.waitForText("#error", "not a valid IP address");
        onlyRefusedRequests(400);
    }

    @Test
    @Order(10)
    void certificatesSwitchesAndTheirPorts() {
        ok("/certificates");
        assertThat(browser.find("#certs tbody tr td[data-col=cn]").getText()).isEqualTo(DashboardSeed.CERT_CN);
        WebElement badge = browser.find("#certs td[data-col=expiry] .badge");
        assertThat(badge.getText()).matches("in (19|20) days");
        assertThat(badge.getDomAttribute("class")).contains("sev-high");
        new Select(browser.find("#within")).selectByValue("0");
        browser.waitForText("#certs", "No certificate has expired");
        browser.assertNoConsoleErrors();

        ok("/switches");
        assertThat(browser.find("#switch-list").getText()).contains(DashboardSeed.SWITCH_HOST, "Core switch");
        browser.waitForText("#port-table", DashboardSeed.SWITCH_PORT);
        assertThat(texts("#port-table td[data-col=ip]")).containsExactly(DashboardSeed.ROUTER_IP);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/switches?host=" + DashboardSeed.SWITCH_HOST);
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(20)
    void subnetsAreAddedRelabelledAndRemovedThroughThePage() {
        ok("/subnets");
        assertThat(browser.find("#subnet-table tr[data-cidr='10.0.0.0/24']").getText())
                .contains(DashboardSeed.SUBNET_LABEL, "10");
        // a write needs the token: the first try opens the token form
        browser.find("#new-cidr").sendKeys("192.168.50.7/24");
        browser.find("#new-label").sendKeys("Lab");
        browser.find("#new-vlan").sendKeys("50");
        browser.find("#add-subnet button[type=submit]").click();
        browser.find("#token-form").findElement(By.id("token")).sendKeys(ApiApp.TOKEN);
        browser.find("#token-form button[type=submit]").click();
        browser.waitUntil("document.getElementById('token-form').hidden");
        browser.find("#add-subnet button[type=submit]").click();
        browser.waitForText("#form-note", "Added 192.168.50.0/24");
        assertThat(browser.find("#subnet-table tr[data-cidr='192.168.50.0/24']").getText()).contains("Lab", "50");
        assertThat(app.getJson("/api/subnets").toString()).contains("\"cidr\":\"192.168.50.0/24\",\"label\":\"Lab\",\"vlan_id\":50");

        WebElement row = browser.find("#subnet-table tr[data-cidr='192.168.50.0/24']");
        row.findElement(By.cssSelector("button.relabel")).click();
        WebElement label = browser.find("#subnet-table tr[data-cidr='192.168.50.0/24'] input.label-input");
        label.clear();
        label.sendKeys("Lab bench");
        browser.find("#subnet-table tr[data-cidr='192.168.50.0/24'] button.save").click();
        browser.waitForText("#subnet-table tr[data-cidr='192.168.50.0/24'] td[data-col=label]", "Lab bench");
        assertThat(app.getJson("/api/subnets").toString())
                .contains("\"cidr\":\"192.168.50.0/24\",\"label\":\"Lab bench\",\"vlan_id\":50");

        browser.find("#subnet-table tr[data-cidr='192.168.50.0/24'] button.remove").click();
        browser.waitForText("#subnet-table tr[data-cidr='192.168.50.0/24'] button.remove", "Remove 192.168.50.0/24?");
        browser.find("#subnet-table tr[data-cidr='192.168.50.0/24'] button.remove").click();
        browser.waitForText("#form-note", "Removed 192.168.50.0/24");
        browser.waitUntil("!document.querySelector(\"#subnet-table tr[data-cidr='192.168.50.0/24']\")");
        assertThat(app.getJson("/api/subnets").toString()).doesNotContain("192.168.50.0/24");

        // a bad network is the API's 422, shown as a message; nothing is stored
        browser.find("#new-cidr").sendKeys("10.0.0.300/24");
        browser.find("#add-subnet button[type=submit]").click();
        browser.waitForText("#error", "must be a network");
        assertThat(app.getJson("/api/subnets").get("total").asInt()).isEqualTo(1);
        onlyRefusedRequests(401, 422);
    }
}
