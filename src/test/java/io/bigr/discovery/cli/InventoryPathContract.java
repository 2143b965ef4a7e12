package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inventory on the user's path: three real {@code bigr scan} runs of three different loopback targets (one
 * address, a /30, a range), each with a listener this test owns on a port it chose, then {@code GET /api/assets}
 * lists the devices of all three while {@code /api/data} still shows the last scan only. Scans ask only the three
 * listeners' ports (plus the discovery ports) of 127.0.0.100 to 127.0.0.112.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InventoryPathContract {
    private static final List<String> TARGETS = List.of("127.0.0.100", "127.0.0.104/30", "127.0.0.110-112");
    private static final List<String> HOSTS = List.of("127.0.0.100", "127.0.0.105", "127.0.0.111");
    private TestDb db;
    private Path home;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws IOException {
        db = newDatabase();
        home = Files.createTempDirectory("bigr-home");
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private Cli.Result bigr(String... args) {
        return Cli.run(db, home, args);
    }

    @Test
    void threeScansOfThreeTargetsAreOneInventory() throws Exception {
        assertThat(bigr("db", "migrate").exit()).isZero();
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            for (String host : HOSTS) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getByName(host), 0), 50);
                listeners.add(s);
            }
            String ports = String.join(",", listeners.stream().map(s -> Integer.toString(s.getLocalPort())).toList());
            for (String target : TARGETS) {
                Cli.Result r = bigr("scan", target, "--ports", ports);
                assertThat(r.exit()).as(r.toString()).isZero();
            }
        } finally {
            for (ServerSocket s : listeners) {
                s.close();
            }
        }

        try (ApiApp app = ApiApp.start(db)) {
            JsonNode data = app.getJson("/api/data");
            assertThat(data.get("target").asText()).isEqualTo("127.0.0.110-112");
            JsonNode inventory = app.getJson("/api/assets?sort=ip&subnet=127.0.0.96/27");
            List<String> ips = new ArrayList<>();
            inventory.get("assets").forEach(a -> ips.add(a.get("ip").asText()));
            // every asset of the three scans (their targets do not overlap), in numeric order
            long saved = 0;
            for (JsonNode scan : app.getJson("/api/scans").get("scans")) {
                saved += scan.get("total_assets").asLong();
            }
            // one address + the /30's two hosts + the range's three
            assertThat(ips).containsExactly("127.0.0.100", "127.0.0.105", "127.0.0.106", "127.0.0.110", "127.0.0.111",
                    "127.0.0.112");
            assertThat(saved).isEqualTo(6);
            assertThat(inventory.get("total").asLong()).isEqualTo(saved);
            assertThat((long) data.get("assets").size()).isLessThan(saved);
            assertThat(app.getJson("/api/data?scope=inventory").get("total").asLong()).isEqualTo(saved);
            for (int i = 0; i < HOSTS.size(); i++) {
                int port = listeners.get(i).getLocalPort();
                JsonNode withPort = app.getJson("/api/assets?port=" + port);
                assertThat(withPort.get("total").asLong()).as(HOSTS.get(i) + ":" + port).isEqualTo(1);
                assertThat(withPort.at("/assets/0/ip").asText()).isEqualTo(HOSTS.get(i));
                assertThat(withPort.at("/assets/0/open_ports").toString()).contains(Integer.toString(port));
                assertThat(withPort.at("/assets/0/status").asText()).isEqualTo("online");
            }
            // paging the same six, two at a time
            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = app.getJson("/api/assets?sort=-ip&subnet=127.0.0.96/27&limit=2"
                        + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                        java.nio.charset.StandardCharsets.UTF_8)));
                page.get("assets").forEach(a -> paged.add(a.get("ip").asText()));
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
            List<String> reversed = new ArrayList<>(ips);
            java.util.Collections.reverse(reversed);
            assertThat(paged).isEqualTo(reversed);
        }
    }
}
