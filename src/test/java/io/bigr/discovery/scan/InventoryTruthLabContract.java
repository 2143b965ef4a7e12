package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.browser.Browser;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The inventory's truth as a user meets it (docs/DOMAIN.md §3.15): a namespace lab of four devices on three
 * subnets, the real {@code bigr scan} of each subnet, then the API and the dashboard in a real browser. All four
 * devices are in one inventory; a device that changes ports gets {@code port_closed} / {@code port_opened}; a device
 * that leaves is {@code asset_missed} after the next scan of its subnet and {@code asset_gone} after the third
 * (the default), and {@code asset_returned} when it comes back; a scan of one address is compared with what the
 * inventory knew about it, whatever target found it first. The SQLite run saves each scan itself; PostgreSQL is not
 * reachable from inside the lab's namespace, so there each scan's {@code --output} file is imported (the path of a
 * scan taken where the database is not), which must give the same inventory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InventoryTruthLabContract {
    static final String PORTS = "22,80,443,8080";
    private TestDb db;
    private NamespaceLab lab;
    private ApiApp app;
    private Browser browser;
    private Path tmp;
    private int scans;

    /** A fresh database of this contract's kind. */
    protected abstract TestDb newDatabase();

    /** The lab's third octet (each database's run has its own lab network). */
    protected abstract int thirdOctet();

    /** Whether {@code bigr scan} saves into the database itself (else its output file is imported). */
    protected abstract boolean scanSavesItself();

    String ip(int octet) {
        return lab.prefix + octet;
    }

    NamespaceLab.Host host(int octet, List<Integer> ports) {
        return new NamespaceLab.Host(octet, String.format(java.util.Locale.ROOT, "02:42:ac:%02x:00:%02x",
                thirdOctet(), octet), "dev-" + octet, ports, Map.of(22, "SSH-2.0-OpenSSH_9.2p1 Debian-2"),
                List.of(80, 8080), "nginx", "device " + octet);
    }

    @BeforeAll
    void startLab() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.isRoot() || "true".equals(System.getenv("CI")),
                "the namespace lab needs root (it always runs under CI=true)");
        tmp = Files.createTempDirectory("bigr-truth-lab");
        db = newDatabase().migrate();
        lab = new NamespaceLab(thirdOctet());
        // Three subnets of the lab: .16/28 holds two devices, .32/28 and .48/28 one each.
        lab.start(List.of(host(20, List.of(22, 80)), host(21, List.of(80)), host(40, List.of(22)),
                host(50, List.of(443))));
        app = ApiApp.start(db);
        browser = Browser.start();
    }

    @AfterAll
    void stopLab() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {browser, app, lab, db}) {
            if (c != null) {
                c.close();
            }
        }
        if (tmp != null) {
            try (var files = Files.walk(tmp)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Scans {@code target} as a user does and stores the result; returns what {@code bigr scan} printed. */
    String scan(String target) throws Exception {
        int n = ++scans;
        Path log = tmp.resolve("scan-" + n + ".log");
        Path out = tmp.resolve("scan-" + n + ".json");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.bigr.discovery.BigrApplication", "scan", target, "--ports", PORTS));
        if (!scanSavesItself()) {
            cmd.addAll(List.of("--no-save", "--output", out.toString()));
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOME", tmp.toString()));
        if (scanSavesItself()) {
            env.put("BIGR_DB", db.url());
        }
        int exit = lab.inScanner(cmd, env, log, 180);
        String printed = Files.readString(log);
        assertThat(exit).as(printed).isZero();
        if (!scanSavesItself()) {
            Cli.Result imported = Cli.run(db, tmp, "import", out.toString());
            assertThat(imported.exit()).as(imported.toString()).isZero();
        }
        return printed;
    }

    Map<String, JsonNode> inventory() {
        JsonNode page = app.getJson("/api/assets?limit=500&sort=ip");
        Map<String, JsonNode> byIp = new TreeMap<>();
        page.get("assets").forEach(a -> byIp.put(a.get("ip").asText(), a));
        assertThat(page.get("total").asInt()).isEqualTo(byIp.size());
        return byIp;
    }

    List<String> changes(String ip) {
        List<String> types = new ArrayList<>();
        app.getJson("/api/changes?limit=500&ip=" + ip).get("changes").forEach(c -> {
            String port = c.get("change_type").asText().startsWith("port_")
                    ? " " + (c.get("new_value").isNull() ? c.get("old_value") : c.get("new_value")).asText() : "";
            types.add(c.get("change_type").asText() + port);
        });
        return types;
    }

    String status(String ip) {
        return inventory().get(ip).get("status").asText();
    }

    @Test
    void threeSubnetsOneInventoryEveryPortChangeAndEveryDeparture() throws Exception {
        // 1. Three subnets scanned one after the other: one inventory of the four devices, not the last scan's one.
        for (String subnet : List.of(".16/28", ".32/28", ".48/28")) {
            scan(lab.prefix.substring(0, lab.prefix.length() - 1) + subnet);
        }
        Map<String, JsonNode> all = inventory();
        assertThat(all.keySet()).containsExactly(ip(20), ip(21), ip(40), ip(50));
        assertThat(all.get(ip(20)).get("open_ports").toString()).isEqualTo("[22,80]");
        assertThat(all.values()).allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("online"));

        // 2. .20 moves its web server from 80 to 8080; .21 leaves the network.
        lab.remove(20).remove(21).add(host(20, List.of(22, 8080)));
        String subnet = ip(16) + "/28";
        scan(subnet);
        assertThat(changes(ip(20))).contains("port_closed 80", "port_opened 8080");
        assertThat(inventory().get(ip(20)).get("open_ports").toString()).isEqualTo("[22,8080]");
        assertThat(status(ip(21))).isEqualTo("missed");
        assertThat(changes(ip(21))).contains("asset_missed").doesNotContain("asset_gone");
        scan(subnet);
        assertThat(status(ip(21))).isEqualTo("missed");
        scan(subnet);
        assertThat(status(ip(21))).isEqualTo("gone");
        assertThat(changes(ip(21))).contains("asset_gone");
        assertThat(status(ip(40))).as("a device of a subnet not scanned again is not missed").isEqualTo("online");

        // 3. One address of a subnet scanned earlier: compared with what the inventory knew, not "first scan".
        String printed = scan(ip(40));
        if (scanSavesItself()) {
            assertThat(printed).doesNotContain("nothing to compare with");
        }
        assertThat(changes(ip(40))).doesNotContain("asset_missed");

        // 4. The dashboard shows the same: the inventory's statuses and ports, the change log's rows.
        browser.clearConsole();
        browser.open(app.url("/?sort=ip"));
        browser.waitReady();
        browser.waitUntil("document.getElementById('count').dataset.total === '4'");
        assertThat(cell(ip(21), "status")).isEqualTo("Gone");
        assertThat(cell(ip(20), "status")).isEqualTo("Online");
        assertThat(cell(ip(20), "open_ports")).isEqualTo("22, 8080");
        browser.open(app.url("/changes?ip=" + ip(20)));
        browser.waitReady();
        browser.find("#timeline li[data-type=port_closed]");
        assertThat(browser.find("#timeline li[data-type=port_opened]").getText()).contains("8080");
        browser.open(app.url("/changes?ip=" + ip(21)));
        browser.waitReady();
        assertThat(browser.find("#timeline li[data-type=asset_gone]").getText()).contains(ip(21));
        browser.assertNoConsoleErrors();

        // 5. .21 comes back: returned, online again.
        lab.add(host(21, List.of(80)));
        scan(subnet);
        assertThat(status(ip(21))).isEqualTo("online");
        assertThat(changes(ip(21))).contains("asset_returned");
        assertThat(inventory()).hasSize(4);
    }

    private String cell(String ip, String column) {
        WebElement row = browser.find("#assets tbody tr[data-ip='" + ip + "']");
        return row.findElement(By.cssSelector("td[data-col=" + column + "]")).getText();
    }
}
