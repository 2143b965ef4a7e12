package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.testing.ApiApp;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The dashboard of a server whose reads need a token ({@code auth.required: true}, the shared configuration's
 * default): the page loads, shows no data, asks for the token, accepts only a valid one, then shows the inventory;
 * the token is kept in the tab, so the next page reads without asking, and a new tab asks again.
 */
public abstract class AuthRequiredPageContract extends BrowserContract {

    @Override
    protected ConfigOverride[] overrides() {
        return new ConfigOverride[] {ConfigOverride.config("auth.required", "true")};
    }

    @Test
    void theInventoryAsksForTheTokenThenShowsTheDevices() {
        browser.js("sessionStorage.clear()");
        open("/");
        assertThat(browser.find("#token-form").isDisplayed()).isTrue();
        assertThat(browser.find("#error").getText()).contains("needs an API token");
        assertThat(browser.all("#assets tbody tr[data-ip]")).isEmpty();

        enter("not-the-token");
        browser.waitUntil("!document.getElementById('token-form').hidden");
        assertThat(browser.all("#assets tbody tr[data-ip]")).isEmpty();

        enter(ApiApp.TOKEN);
        WebElement router = browser.find("#assets tbody tr[data-ip='" + DashboardSeed.ROUTER_IP + "']");
        assertThat(router.getText()).contains(DashboardSeed.ROUTER_HOST);
        assertThat(browser.all("#token-form").get(0).isDisplayed()).isFalse();
        assertThat(browser.js("return sessionStorage.getItem('bigr-token')")).isEqualTo(ApiApp.TOKEN);

        // The next page of the same tab reads with the kept token: no form, data shown, no console error.
        browser.clearConsole();
        open("/assets/" + DashboardSeed.ROUTER_IP);
        assertThat(browser.waitReady()).isEqualTo("ok");
        assertThat(browser.all("#token-form").get(0).isDisplayed()).isFalse();
        browser.waitForText("#asset", DashboardSeed.ROUTER_MAC);
        browser.assertNoConsoleErrors();

        // A tab without the token (cleared storage) is asked again.
        browser.js("sessionStorage.clear()");
        open("/risk");
        assertThat(browser.find("#token-form").isDisplayed()).isTrue();
        browser.clearConsole(); // the refused reads are logged by Chromium as failed resources
    }

    private void enter(String token) {
        WebElement input = browser.find("#token");
        input.clear();
        input.sendKeys(token);
        browser.find("#token-form button[type=submit]").click();
    }
}
