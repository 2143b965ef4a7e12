package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The user's path into the browser: a web server this test runs on 127.0.0.121, a real {@code bigr scan} of that
 * address (a separate JVM, as a user runs it), then the dashboard: the inventory lists the device with its open
 * port, and its page shows the port with the server banner the scan read.
 */
public abstract class ScanToPageContract extends BrowserContract {
    static final String HOST = "127.0.0.121";
    static final String SERVER = "lighttpd/1.4.59";
    private int port;

    @Override
    protected void seed(TestDb db) {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 50);
            port = listener.getLocalPort();
            Thread answering = new Thread(() -> answer(listener), "scan-to-page-listener");
            answering.setDaemon(true);
            answering.start();
            Path home = Files.createTempDirectory("bigr-home");
            Cli.Result r = Cli.run(db, home, "scan", HOST, "--ports", Integer.toString(port));
            assertThat(r.exit()).as(r.toString()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers every connection with one HTTP response until the listener is closed. */
    static void answer(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.0 200 OK\r\nServer: " + SERVER + "\r\nContent-Type: text/html\r\nConnection: close"
                        + "\r\n\r\n<html><head><title>Lab Box</title></head></html>").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // closed at the end of the scan, or a probe that hung up first
            }
        }
    }

    @Test
    void aScannedDeviceIsOnTheInventoryAndItsPageShowsTheBanner() {
        browser.clearConsole();
        open("/?q=" + HOST);
        browser.waitUntil("document.getElementById('count').dataset.total === '1'");
        var row = browser.find("#assets tbody tr[data-ip='" + HOST + "']");
        assertThat(row.findElement(By.cssSelector("td[data-col=open_ports]")).getText()).isEqualTo(Integer.toString(port));
        assertThat(row.findElement(By.cssSelector("td[data-col=status]")).getText()).isEqualTo("Online");
        assertThat(browser.find("#data-age").getText()).contains("last scan").contains(HOST);
        row.findElement(By.cssSelector("td[data-col=ip] a")).click();
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> d.getCurrentUrl().endsWith("/assets/" + HOST));
        browser.waitReady();
        assertThat(browser.find("#ports tbody td[data-col=port]").getText()).isEqualTo(Integer.toString(port));
        assertThat(browser.find("#ports tbody td[data-col=server]").getText()).isEqualTo(SERVER);
        assertThat(browser.find("#ports tbody td[data-col=title]").getText()).isEqualTo("Lab Box");
        assertThat(browser.all("#timeline li.scan")).hasSize(1);
        browser.assertNoConsoleErrors();
    }

    /**
     * The same scan reaches the inventory export, which reads each asset's latest ports and evidence from the copy
     * beside it (changeSet 15-5): the device's line carries the port and the server its banner named.
     */
    @Test
    void theExportListsTheScannedPortAndTheServerItsBannerNamed() throws Exception {
        var response = app.authed("/api/assets/export?format=jsonl&q=" + HOST).get();
        assertThat(response.getStatus()).isEqualTo(200);
        String[] lines = response.readEntity(String.class).strip().split("\n");
        assertThat(lines).hasSize(1);
        var line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[0]);
        assertThat(line.path("ip").asText()).isEqualTo(HOST);
        assertThat(line.path("open_ports").toString()).isEqualTo("[" + port + "]");
        assertThat(line.path("services")).hasSize(1);
        assertThat(line.path("services").get(0).path("port").asInt()).isEqualTo(port);
        assertThat(line.path("services").get(0).toString()).contains("lighttpd");
    }
}
