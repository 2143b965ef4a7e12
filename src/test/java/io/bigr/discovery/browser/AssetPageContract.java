package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.testing.ApiApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The asset page at {@code /assets/{ip}}: identity, category with confidence and the weight each rule added, ports
 * with their banners, the TLS certificate, the switch port, CVE matches with their evidence, the history of scans and
 * changes; editing the manual tag (the token asked for first); a clear message for an unknown or malformed address.
 */
public abstract class AssetPageContract extends BrowserContract {

    List<String> texts(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement e : browser.all(css)) {
            out.add(e.getText());
        }
        return out;
    }

    @Test
    void showsIdentityEvidencePortsCertificateSwitchCvesAndHistory() {
        browser.clearConsole();
        open("/assets/" + DashboardSeed.ROUTER_IP);
        assertThat(browser.driver().getTitle()).isEqualTo("BİGR Discovery · 10.0.0.1 (gw.office)");
        assertThat(browser.find("[data-fact=ip]").getText()).isEqualTo(DashboardSeed.ROUTER_IP);
        assertThat(browser.find("[data-fact=mac]").getText()).isEqualTo(DashboardSeed.ROUTER_MAC);
        assertThat(browser.find("[data-fact=hostname]").getText()).isEqualTo(DashboardSeed.ROUTER_HOST);
        assertThat(browser.find("[data-fact=vendor]").getText()).isEqualTo("Cisco");
        assertThat(browser.find("[data-fact=device_type]").getText()).isEqualTo("router");
        assertThat(browser.find("[data-fact=product]").getText()).isEqualTo("ISR 4331");
        assertThat(browser.find("[data-fact=os]").getText()).isEqualTo("IOS XE 17.9");
        assertThat(browser.find("[data-fact=switch]").getText())
                .isEqualTo(DashboardSeed.SWITCH_HOST + " port " + DashboardSeed.SWITCH_PORT + " (#1)");
        // category, confidence and which rule added which weight
        assertThat(browser.find("#classification").getText()).contains("Ağ ve Sistemler");
        assertThat(browser.find("#confidence").getText()).isEqualTo("0.90");
        assertThat(texts("#evidence tbody td[data-col=rule]")).contains("cisco", DashboardSeed.ROUTER_FINGERPRINT_RULE
                + " (" + DashboardSeed.ROUTER_BANNER + ")");
        assertThat(texts("#evidence tbody tr:nth-child(3) td[data-col=ag_ve_sistemler]")).containsExactly("+1.8");
        assertThat(texts("#evidence tr.totals td[data-col=ag_ve_sistemler]")).containsExactly("2.7");
        // ports and banners
        assertThat(texts("#ports tbody td[data-col=port]")).containsExactly("22", "443");
        assertThat(texts("#ports tbody td[data-col=banner]")).contains(DashboardSeed.ROUTER_BANNER);
        assertThat(texts("#ports tbody td[data-col=server]")).contains("cisco-IOS");
        // certificate
        assertThat(texts("#certificates tbody td[data-col=cn]")).containsExactly(DashboardSeed.CERT_CN);
        assertThat(browser.find("#certificates tbody td[data-col=valid_to]").getText())
                .containsPattern("in (19|20) days");
        // CVEs of a Cisco device, each with its evidence
        List<String> cves = texts("#vulnerabilities tbody td[data-col=cve]");
        assertThat(cves).isNotEmpty().allMatch(c -> c.startsWith("CVE-"));
        assertThat(texts("#vulnerabilities tbody td[data-col=evidence]")).allMatch(e -> !e.isBlank());
        JsonNode api = app.getJson("/api/assets/" + DashboardSeed.ROUTER_IP);
        assertThat(cves).hasSize(api.get("vulnerabilities").size());
        // history: two scans, newest first
        List<String> timeline = texts("#timeline li.scan");
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0)).contains(DashboardSeed.TARGET).contains("ports 22, 443");
        browser.assertNoConsoleErrors();
    }

    @Test
    void historyShowsTheChangesOfTheAsset() {
        browser.clearConsole();
        open("/assets/" + DashboardSeed.UNKNOWN_IP);
        assertThat(browser.find("[data-fact=mac]").getText()).isEqualTo("unknown");
        assertThat(texts("#timeline li.change")).anyMatch(t -> t.contains("vendor: ∅ → Espressif"));
        assertThat(browser.find("#evidence tbody tr.empty").getText()).contains("No rule fired");
        browser.assertNoConsoleErrors();
    }

    @Test
    void tagEditingAsksForTheTokenThenSetsAndClearsTheTag() {
        browser.open(app.url("/"));
        browser.js("sessionStorage.clear()");
        browser.clearConsole();
        open("/assets/" + DashboardSeed.CAMERA_IP);
        assertThat(browser.find("#tag-status").getText()).contains("Not tagged");
        new Select(browser.find("#tag-category")).selectByValue("uygulamalar");
        browser.find("#tag-note").sendKeys("NVR in the lobby");
        browser.find("#tag-save").click();
        // writes need the token: the form asks for it and nothing is written
        browser.find("#token-form");
        assertThat(browser.find("#error").getText()).contains("token");
        assertThat(app.getJson("/api/assets/" + DashboardSeed.CAMERA_IP).at("/asset/manual_category").isNull()).isTrue();
        // the token makes the page load again: wait for that load, not the first one
        browser.js("delete document.body.dataset.ready");
        browser.find("#token").sendKeys(ApiApp.TOKEN + "\n");
        browser.waitReady();
        new Select(browser.find("#tag-category")).selectByValue("uygulamalar");
        browser.find("#tag-note").clear();
        browser.find("#tag-note").sendKeys("NVR in the lobby");
        browser.find("#tag-save").click();
        browser.waitForText("#tag-status", "Tagged Uygulamalar");
        JsonNode tagged = app.getJson("/api/assets/" + DashboardSeed.CAMERA_IP).get("asset");
        assertThat(tagged.get("manual_category").asText()).isEqualTo("uygulamalar");
        assertThat(tagged.get("manual_note").asText()).isEqualTo("NVR in the lobby");
        assertThat(browser.find("#classification").getText()).contains("Uygulamalar").contains("Manual");
        browser.find("#tag-clear").click();
        browser.waitForText("#tag-status", "Not tagged");
        assertThat(app.getJson("/api/assets/" + DashboardSeed.CAMERA_IP).at("/asset/manual_category").isNull()).isTrue();
        browser.assertNoConsoleErrors();
    }

    @Test
    void anUnknownAssetSaysSoClearly() {
        browser.clearConsole();
        open("/assets/10.9.9.9");
        assertThat(browser.find("#not-found").getText())
                .isEqualTo("No asset with the IP address “10.9.9.9” is in the inventory. It may never have been scanned.");
        assertThat(browser.driver().getTitle()).isEqualTo("BİGR Discovery · Unknown asset");
        // the only console entry is the browser's own note of the 404 answer
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("/api/assets/10.9.9.9") && e.contains("404"));
        browser.clearConsole();
        open("/assets/not-an-ip");
        assertThat(browser.find("#not-found").getText()).isEqualTo("“not-an-ip” is not an IP address.");
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("400"));
        browser.clearConsole();
    }
}
