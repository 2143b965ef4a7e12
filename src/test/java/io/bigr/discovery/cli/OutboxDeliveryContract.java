package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Json;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Exactly-once delivery on the user's path (docs/DOMAIN.md §2.7): {@code bigr scan --server} against a server that is
 * down keeps the result in {@code ~/.bigr/outbox} (0700 / 0600); {@code bigr outbox send} delivers it once, and
 * posting the same file again (by hand or by another send) stores nothing new; the next successful
 * {@code scan --server} flushes what waits. The server is the real application on the database under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OutboxDeliveryContract {
    static final String HOST = "127.0.0.41";

    Path home;
    TestDb db;
    ApiApp app;
    Path tokenFile;
    String down;

    abstract TestDb newDatabase();

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("bigr-outbox-home");
        db = newDatabase().migrate();
        app = ApiApp.start(db);
        tokenFile = home.resolve("token");
        Files.writeString(tokenFile, ApiApp.TOKEN + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = "http://127.0.0.1:" + s.getLocalPort(); // closed again: nothing listens there
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    Cli.Result bigr(Map<String, String> extraEnv, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args[0].equals("scan")) {
            all.addAll(Cli.config(db)); // outbox needs no database and takes no config file
        }
        Map<String, String> env = new HashMap<>(Cli.env(db));
        env.put("HOME", home.toString());
        env.putAll(extraEnv);
        return Cli.run(env, all.toArray(String[]::new));
    }

    /** {@code bigr scan HOST --server server} with one listening port on HOST. */
    Cli.Result scanTo(String server, Map<String, String> env, String... tokenArgs) throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 50);
            List<String> args = new ArrayList<>(List.of("scan", HOST, "--mode", "active", "--ports",
                    Integer.toString(listener.getLocalPort()), "--no-banners", "--no-diff", "--server", server));
            args.addAll(List.of(tokenArgs));
            return bigr(env, args.toArray(String[]::new));
        }
    }

    List<Path> outbox() throws Exception {
        Path dir = home.resolve(".bigr/outbox");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    long scans() {
        return db.daos().scans().count();
    }

    @Test
    @Order(1)
    void aSpooledScanIsDeliveredExactlyOnce() throws Exception {
        Cli.Result spooled = scanTo(down, Map.of(), "--token-file", tokenFile.toString());
        assertThat(spooled.exit()).as(spooled.toString()).isEqualTo(3);
        assertThat(spooled.err()).contains("kept in");
        List<Path> waiting = outbox();
        assertThat(waiting).hasSize(1);
        Path file = waiting.get(0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String body = Files.readString(file);
        assertThat(Json.parseOrNull(body).path("idempotency_key").asText()).isNotBlank();
        assertThat(scans()).isZero();

        Cli.Result sent = bigr(Map.of(), "outbox", "send", "--server", app.url(""), "--token-file",
                tokenFile.toString());
        assertThat(sent.exit()).as(sent.toString()).isZero();
        assertThat(sent.out()).contains("1 delivered", "0 left");
        assertThat(outbox()).isEmpty();
        assertThat(scans()).isEqualTo(1);
        assertThat(db.daos().assets().all()).extracting(a -> a.ip()).containsExactly(HOST);
        long changes = db.daos().changes().feed(1000, 0).size();

        // The same file posted again, by hand and by another send, stores nothing new.
        HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.url("/api/scans"))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ApiApp.TOKEN).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        Files.writeString(file, body);
        Cli.Result resent = bigr(Map.of("BIGR_TOKEN", ApiApp.TOKEN), "outbox", "send", "--server", app.url(""));
        assertThat(resent.exit()).as(resent.toString()).isZero();
        assertThat(outbox()).isEmpty();
        assertThat(scans()).isEqualTo(1);
        assertThat(db.daos().changes().feed(1000, 0)).hasSize((int) changes);
    }

    @Test
    @Order(2)
    void theNextSuccessfulScanFlushesTheOutboxFirst() throws Exception {
        Cli.Result spooled = scanTo(down, Map.of("BIGR_TOKEN", ApiApp.TOKEN));
        assertThat(spooled.exit()).as(spooled.toString()).isEqualTo(3);
        assertThat(outbox()).hasSize(1);
        long before = scans();
        Cli.Result next = scanTo(app.url(""), Map.of(), "--token", ApiApp.TOKEN);
        assertThat(next.exit()).as(next.toString()).isZero();
        assertThat(next.out()).contains("delivered 1 earlier result(s) from the outbox");
        assertThat(next.err()).contains("warning: --token is visible to other users");
        assertThat(outbox()).isEmpty();
        assertThat(scans()).isEqualTo(before + 2);
    }

    @Test
    @Order(3)
    void sendWithoutAServerOrTokenIsAOneLineUsageError() throws Exception {
        Cli.Result noToken = bigr(Map.of(), "outbox", "send", "--server", app.url(""));
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err().lines().findFirst()).hasValue(
                "Error: a token is needed: --token-file FILE or BIGR_TOKEN");
        Cli.Result badFile = bigr(Map.of(), "outbox", "send", "--server", app.url(""), "--token-file",
                home.resolve("missing").toString());
        assertThat(badFile.exit()).isEqualTo(2);
        assertThat(badFile.err().lines().findFirst().orElseThrow()).startsWith("Error: --token-file: cannot read ");
    }
}
