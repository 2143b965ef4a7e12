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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The change log on the user's path (docs/DOMAIN.md §3.4, §3.10, §3.15): a listener this test owns on 127.0.0.20, a
 * real {@code bigr scan} of the /28 around it, the listener closed, then {@code bigr scan} of that one address, which
 * diffs against what the inventory knew (not "first scan"), and the closed port in {@code GET /api/changes} and
 * {@code bigr changes}. Scans ask only the listener's port (plus the discovery ports) of 127.0.0.16/28.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangeLogCommandContract {
    private static final String NET = "127.0.0.16/28";
    private static final String HOST = "127.0.0.20";
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
    void aClosedPortIsInTheChangeLogAndTheDiffOfOneAddressUsesTheInventory() throws Exception {
        assertThat(bigr("db", "migrate").exit()).isZero();
        int port;
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 50);
            port = listener.getLocalPort();
            Cli.Result first = bigr("scan", NET, "--ports", Integer.toString(port));
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.out()).contains("first scan of " + NET);
        }
        Cli.Result second = bigr("scan", HOST, "--ports", Integer.toString(port));
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).doesNotContain("first scan").contains("changes since the previous scan")
                .contains("port_change");

        try (ApiApp app = ApiApp.start(db)) {
            JsonNode closed = app.getJson("/api/changes?type=port_closed&ip=" + HOST);
            assertThat(closed.get("total").asLong()).isEqualTo(1);
            JsonNode row = closed.get("changes").get(0);
            assertThat(row.get("change_type").asText()).isEqualTo("port_closed");
            assertThat(row.get("old_value").asText()).isEqualTo(Integer.toString(port));
            assertThat(row.get("ip").asText()).isEqualTo(HOST);
            // Nothing else in the /28 was missed: the second scan covered one address.
            assertThat(app.getJson("/api/changes?type=asset_missed").get("total").asLong()).isZero();
            assertThat(app.getJson("/api/changes?type=new_asset").get("total").asLong()).isEqualTo(14);
            assertThat(app.getJson("/api/assets/" + HOST).get("asset").get("status").asText()).isEqualTo("online");
            try (var r = app.get("/api/changes?type=nope")) {
                assertThat(r.getStatus()).isEqualTo(400);
                assertThat(ApiApp.body(r).get("field").asText()).isEqualTo("type");
            }
            try (var r = app.get("/api/changes?since=yesterday")) {
                assertThat(r.getStatus()).isEqualTo(400);
            }
        }

        Cli.Result changes = bigr("changes", "--type", "port_closed", "--ip", HOST, "--since", "2000-01-01");
        assertThat(changes.exit()).as(changes.toString()).isZero();
        assertThat(changes.out()).contains(HOST).contains("port_closed").contains(Integer.toString(port))
                .doesNotContain("new_asset");
        Cli.Result none = bigr("changes", "--type", "asset_gone");
        assertThat(none.out()).contains("No asset changes");
    }
}
