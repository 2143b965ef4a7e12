package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.testing.TestDb;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report and management pages on a database with nothing in it: each loads without a console error, says the
 * data is missing ("no scan yet") and tells the user what to run instead of drawing an empty frame.
 */
public abstract class EmptyDashboardPagesContract extends BrowserContract {
    @Override
    protected void seed(TestDb db) {
        // nothing: a fresh installation
    }

    @Test
    void everyPageSaysWhatToDoWhenThereIsNoData() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/topology", "bigr scan 192.168.1.0/24");
        expected.put("/compliance", "bigr scan 192.168.1.0/24");
        expected.put("/analytics", "bigr scan 192.168.1.0/24");
        expected.put("/risk", "bigr scan 192.168.1.0/24");
        expected.put("/vulnerabilities", "bigr scan 192.168.1.0/24");
        expected.put("/scans", "No scans yet");
        expected.put("/changes", "No change logged yet");
        expected.put("/certificates", "bigr certs scan");
        expected.put("/switches", "bigr snmp add");
        expected.put("/subnets", "bigr subnets add");
        browser.clearConsole();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            open(e.getKey());
            assertThat(browser.waitReady()).as(e.getKey()).isEqualTo("ok");
            assertThat(browser.find(".empty-state").getText()).as(e.getKey()).contains(e.getValue());
            assertThat(browser.find("#data-age").getText()).as(e.getKey()).isEqualTo("no scan yet");
        }
        browser.assertNoConsoleErrors();
    }
}
