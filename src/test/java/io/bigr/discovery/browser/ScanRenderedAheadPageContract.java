package io.bigr.discovery.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.api.ReadCache;
import io.bigr.discovery.testing.Cli;
import io.dropwizard.testing.ConfigOverride;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Refresh-ahead on the user's path (docs/DOMAIN.md §6.14): the topology page is open, a real {@code bigr scan} (its
 * own JVM, as a user runs it) finds a web server this test runs on 127.0.0.122, the server renders
 * {@code /api/topology} again on its own, and the reloaded page draws the new device from that rendering (no second
 * one). Every body counts as slow here ({@code warmSlowerThan: 0ms}); at 100,000 assets topology takes seconds.
 */
public abstract class ScanRenderedAheadPageContract extends BrowserContract {
    static final String HOST = "127.0.0.122";

    @Override
    protected ConfigOverride[] overrides() {
        return new ConfigOverride[] {ConfigOverride.config("readCache.warm", "true"),
                ConfigOverride.config("readCache.warmSlowerThan", "0ms")};
    }

    private ReadCache cache() {
        return app.registered(ReadCache.class);
    }

    private long topologyRenders() {
        return cache().rendersOf("topology?null");
    }

    @Test
    void aScanWhileTheTopologyIsOpenIsDrawnFromTheRenderingTheServerMadeAhead() throws Exception {
        browser.clearConsole();
        open("/topology");
        assertThat(browser.all("g.node[data-type=device]")).isNotEmpty();
        assertThat(browser.all("g.node[data-id='" + HOST + "']")).isEmpty();
        long before = topologyRenders();
        assertThat(before).isPositive();

        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 50);
            Thread answering = new Thread(() -> ScanToPageContract.answer(listener), "rendered-ahead-listener");
            answering.setDaemon(true);
            answering.start();
            Path home = Files.createTempDirectory("bigr-home");
            Cli.Result r = Cli.run(db, home, "scan", HOST, "--ports", Integer.toString(listener.getLocalPort()));
            assertThat(r.exit()).as(r.toString()).isZero();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (topologyRenders() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long warmed = topologyRenders();
        assertThat(warmed).as("rendered again by the server after the scan").isGreaterThan(before);

        open("/topology");
        assertThat(browser.all("g.node[data-id='" + HOST + "']")).hasSize(1);
        assertThat(topologyRenders()).as("the page got the server's rendering, not a new one").isEqualTo(warmed);
        browser.assertNoConsoleErrors();
    }
}
