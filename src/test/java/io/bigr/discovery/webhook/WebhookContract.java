package io.bigr.discovery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.WebhookDao;
import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import io.bigr.discovery.vuln.CveStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Webhooks end to end against a loopback receiver: real `bigr scan` runs save into the database, the dispatcher
 * (driven tick by tick instead of by its timer) turns the committed change rows into signed events; a receiver
 * that fails is retried with backoff and the delivery log records every attempt; the secret is in no log line.
 */
abstract class WebhookContract {
    private static final String SECRET = "whsec-test-7f3a9c2e";
    private static final String HOST = "127.0.0.61";

    TestDb db;
    Daos daos;
    WebhookDao dao;
    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Status codes the receiver answers with, in order; 200 once empty. */
    final ConcurrentLinkedQueue<Integer> plannedStatus = new ConcurrentLinkedQueue<>();
    WebhookDispatcher dispatcher;
    /** The dispatcher's clock: backoff is tested by moving it, not by sleeping. */
    final io.bigr.discovery.testing.MovableClock clock = new io.bigr.discovery.testing.MovableClock(Instant.now());
    ListAppender<ILoggingEvent> logs;
    Path home;

    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    abstract Dialect dialect();

    @BeforeEach
    void start() throws Exception {
        db = TestDb.create(dialect()).migrate();
        daos = Daos.create(db.jdbi(), dialect());
        dao = db.jdbi().onDemand(WebhookDao.class);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            Integer status = plannedStatus.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        WebhookSettings settings = new WebhookSettings(List.of(url), SECRET, Duration.ofSeconds(1), 3,
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10), 30);
        Reports reports = new Reports(daos.assets(), daos.subnets(), daos.reads(), new CveStore(daos.cves()));
        dispatcher = new WebhookDispatcher(dao, daos.certificates(), reports::vulnerabilities, dialect(), settings,
                clock);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        home = Files.createTempDirectory("bigr-webhook-home");
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        receiver.stop(0);
        db.close();
    }

    private Cli.Result scan(int... ports) {
        StringBuilder list = new StringBuilder();
        for (int p : ports) {
            list.append(list.length() == 0 ? "" : ",").append(p);
        }
        Cli.Result r = Cli.run(db, home, "scan", HOST, "--ports", list.toString(), "--no-banners", "--no-diff");
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private List<JsonNode> events(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : received) {
            JsonNode e = Json.parseOrNull(r.body());
            if (type.equals(e.path("type").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aScanThatFindsANewDeviceAndThenANewPortYieldsSignedEvents() throws Exception {
        dispatcher.tick(); // first run: the cursor is placed, nothing from before is replayed
        try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getByName(HOST));
             ServerSocket b = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            int portA = a.getLocalPort();
            int portB = b.getLocalPort();
            b.close(); // B is closed for the first scan
            scan(portA, portB);
            dispatcher.tick();
            List<JsonNode> fresh = events("asset.new");
            assertThat(fresh).hasSize(1);
            assertThat(fresh.get(0).path("data").path("ip").asText()).isEqualTo(HOST);
            assertThat(events("port.opened")).isEmpty();

            try (ServerSocket reopened = new ServerSocket(portB, 50, InetAddress.getByName(HOST))) {
                scan(portA, portB);
                dispatcher.tick();
            }
            List<JsonNode> opened = events("port.opened");
            assertThat(opened).hasSize(1);
            assertThat(opened.get(0).path("data").path("port").asInt()).isEqualTo(portB);
            assertThat(opened.get(0).path("data").path("ip").asText()).isEqualTo(HOST);
            assertThat(events("asset.new")).hasSize(1); // not sent twice
        }
        for (Received r : received) {
            assertThat(r.header("X-Bigr-Signature-256"))
                    .isEqualTo(WebhookSignature.sign(SECRET, r.body().getBytes(StandardCharsets.UTF_8)))
                    .startsWith("sha256=").hasSize("sha256=".length() + 64);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("X-Bigr-Event")).isEqualTo(Json.parseOrNull(r.body()).path("type").asText());
            assertThat(r.header("X-Bigr-Event-Id")).isEqualTo(Json.parseOrNull(r.body()).path("id").asText());
        }
        // A signature made with another secret does not match.
        Received any = received.get(0);
        assertThat(any.header("X-Bigr-Signature-256"))
                .isNotEqualTo(WebhookSignature.sign("other", any.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(dao.log(10)).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo("delivered");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastStatus()).isEqualTo(200);
        });
        assertSecretNeverLogged();
    }

    @Test
    void historyIsNotReplayedAndAFailingReceiverIsRetriedWithBackoffThenGivenUp() {
        daos.store().save(TestData.scan("10.0.0.0/24", TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01")));
        dispatcher.tick();
        assertThat(received).as("changes from before webhooks were configured").isEmpty();

        plannedStatus.addAll(List.of(503, 500));
        daos.store().save(TestData.scan("10.0.0.0/24", TestData.T0.plusSeconds(3600),
                TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01"), TestData.asset("10.0.0.2", "aa:bb:cc:dd:ee:02")));
        dispatcher.tick();
        assertThat(received).hasSize(1);
        WebhookDao.Delivery first = dao.log(1).get(0);
        assertThat(first.status()).isEqualTo("pending");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastStatus()).isEqualTo(503);
        assertThat(first.lastError()).isEqualTo("HTTP 503");
        dispatcher.tick(); // not due yet: backoff
        assertThat(received).hasSize(1);
        awaitDue();
        dispatcher.tick();
        assertThat(received).hasSize(2);
        awaitDue();
        dispatcher.tick();
        assertThat(received).hasSize(3);
        WebhookDao.Delivery done = dao.log(1).get(0);
        assertThat(done.status()).isEqualTo("delivered");
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.lastStatus()).isEqualTo(200);
        assertThat(done.deliveredAt()).isNotNull();
        assertThat(received).extracting(Received::body).containsOnly(received.get(0).body());

        // Three failures: given up, and the log says why.
        plannedStatus.addAll(List.of(500, 500, 500, 500));
        daos.store().save(TestData.scan("10.0.0.0/24", TestData.T0.plusSeconds(7200),
                TestData.asset("10.0.0.1", "aa:bb:cc:dd:ee:01"), TestData.asset("10.0.0.2", "aa:bb:cc:dd:ee:02"),
                TestData.asset("10.0.0.3", "aa:bb:cc:dd:ee:03")));
        for (int i = 0; i < 3; i++) {
            dispatcher.tick();
            awaitDue();
        }
        dispatcher.tick();
        WebhookDao.Delivery failed = dao.log(1).get(0);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("HTTP 500");
        assertThat(received).hasSize(6);
        assertSecretNeverLogged();
    }

    @Test
    void aDeadReceiverNeverDelaysASaveAndExpiringCertificatesAreSentOnce() throws Exception {
        dispatcher.tick();
        receiver.stop(0); // nobody listens any more
        long t0 = System.nanoTime();
        daos.store().save(TestData.scan("10.0.0.0/24", TestData.asset("10.0.0.9", "aa:bb:cc:dd:ee:09")));
        long saveMs = (System.nanoTime() - t0) / 1_000_000;
        // The save wrote its change rows and returned; nothing was sent during it.
        assertThat(dao.log(10)).isEmpty();
        dispatcher.tick();
        WebhookDao.Delivery refused = dao.log(1).get(0);
        assertThat(refused.status()).isEqualTo("pending");
        assertThat(refused.lastError()).isEqualTo("ConnectException");
        System.out.println("webhook: save with a dead receiver took " + saveMs + " ms");

        Instant soon = Instant.now().plus(Duration.ofDays(5));
        daos.certificates().save(new Certificate(null, "10.0.0.9", 443, "nas.local", "Local CA", null, null, soon,
                "01", 2048, "RSA", false, false, null, List.of("nas.local"), null, "SHA256withRSA"));
        WebhookDispatcher fresh = new WebhookDispatcher(dao, daos.certificates(), () -> new io.bigr.discovery.vuln
                .VulnerabilityReport(List.of(), 0, 0, null), dialect(), new WebhookSettings(List.of(
                "http://127.0.0.1:9/none"), SECRET, Duration.ofSeconds(1), 1, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofSeconds(2), 30), Clock.systemUTC());
        fresh.tick();
        fresh.tick();
        assertThat(dao.eventKeys()).filteredOn(k -> k.startsWith("certificate:")).hasSize(1);
        assertThat(dao.log(20)).filteredOn(d -> d.eventType().equals(WebhookEvents.CERTIFICATE)).hasSize(1);
        assertSecretNeverLogged();
    }

    /** Past the 200 ms backoff cap. */
    private void awaitDue() {
        clock.advance(Duration.ofMillis(250));
    }

    private void assertSecretNeverLogged() {
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(SECRET);
            }
        }
        assertThat(dao.log(100)).allSatisfy(d -> assertThat(String.valueOf(d.lastError())).doesNotContain(SECRET));
        assertThat(dispatcherSettingsText()).doesNotContain(SECRET);
    }

    private String dispatcherSettingsText() {
        return new WebhookSettings(List.of("http://x"), SECRET, Duration.ofSeconds(1), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1).toString();
    }

}
