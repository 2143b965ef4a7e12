package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.scan.Listeners.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service identification against tiny servers this test runs on 127.0.0.6 (free ports chosen by the kernel, so
 * never the ports a service usually has): what each port said, and the stored object shape.
 */
class BannersTest {
    private static final String IP = "127.0.0.6";
    private static final Banners.Limits FAST = new Banners.Limits(1500, 300, Duration.ofSeconds(5));

    private static Banners.Banner grabOne(Listener l) {
        Map<String, Map<Integer, Banners.Banner>> got = Banners.grab(Map.of(IP, List.of(l.port())), FAST);
        return got.getOrDefault(IP, Map.of()).get(l.port());
    }

    @Test
    void sshOnAnUnusualPort() throws IOException {
        try (Listener l = Listeners.listen(IP, 0, Listeners.greets("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"))) {
            Banners.Banner b = grabOne(l);
            assertThat(b.service()).isEqualTo("ssh");
            assertThat(b.text()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
            assertThat(b.toJson().toString()).isEqualTo("{\"service\":\"ssh\",\"banner\":"
                    + "\"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\",\"protocol\":\"SSH-2.0\"}");
        }
    }

    @Test
    void nginxOnAnUnusualPortAnswersTheGetSentWhereNothingGreets() throws IOException {
        String reply = "HTTP/1.1 401 Unauthorized\r\nServer: nginx/1.24.0\r\nWWW-Authenticate: Basic realm=\"Router "
                + "Admin\"\r\nLocation: /login.html\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
                + "\r\n<html><head><title>BİGR Discovery</title></head></html>";
        try (Listener l = Listeners.listen(IP, 0, Listeners.answers(reply))) {
            Banners.Banner b = grabOne(l);
            assertThat(b.service()).isEqualTo("http");
            assertThat(b.toJson().toString()).isEqualTo("{\"service\":\"http\",\"server\":\"nginx/1.24.0\","
                    + "\"title\":\"BİGR Discovery\",\"realm\":\"Router Admin\",\"location\":\"/login.html\","
                    + "\"protocol\":\"HTTP/1.1\"}");
        }
    }

    @Test
    void httpsWithASelfSignedCertificateGivesTheCertificateAndTheHttpAnswerOverTls() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nServer: lighttpd/1.4.59\r\nContent-Type: text/html\r\nConnection: close"
                + "\r\n\r\n<title>NAS Login</title>";
        try (Listener l = Listeners.https(IP, "O=Synology Inc.,CN=nas.lab.example",
                List.of("nas.lab.example", "nas"), reply)) {
            Banners.Banner b = grabOne(l);
            assertThat(b.service()).isEqualTo("https");
            assertThat(b.server()).isEqualTo("lighttpd/1.4.59");
            assertThat(b.title()).isEqualTo("NAS Login");
            JsonNode tls = b.toJson().get("tls");
            assertThat(tls.get("subject").asText()).isEqualTo("CN=nas.lab.example,O=Synology Inc.");
            assertThat(tls.get("issuer").asText()).isEqualTo("CN=nas.lab.example,O=Synology Inc.");
            assertThat(tls.get("san").toString()).isEqualTo("[\"nas.lab.example\",\"nas\"]");
            assertThat(tls.get("not_after").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        }
    }

    @Test
    void aTlsPortSilentToTheGetStillGivesItsCertificate() throws Exception {
        try (Listener l = Listeners.tls(IP, "O=MQTT Broker,CN=broker.lab", List.of("broker.lab"),
                Listeners.silent())) {
            Banners.Banner b = Banners.grab(Map.of(IP, List.of(l.port())),
                    new Banners.Limits(500, 200, Duration.ofSeconds(4))).get(IP).get(l.port());
            assertThat(b.service()).isEqualTo("tls");
            assertThat(b.protocol()).startsWith("TLSv1");
            assertThat(b.tls().subject()).isEqualTo("CN=broker.lab,O=MQTT Broker");
            assertThat(b.toJson().has("banner")).isFalse();
        }
    }

    @Test
    void ftpAndSmtpGreetingsAreNamedByTheirText() throws IOException {
        try (Listener ftp = Listeners.listen(IP, 0, Listeners.greets("220 (vsFTPd 3.0.5)\r\n"));
             Listener smtp = Listeners.listen(IP, 0,
                     Listeners.greets("220 mail.lab.example ESMTP Postfix (Debian/GNU)\r\n"))) {
            Map<Integer, Banners.Banner> got = Banners.grab(Map.of(IP, List.of(ftp.port(), smtp.port())), FAST)
                    .get(IP);
            assertThat(got.get(ftp.port()).service()).isEqualTo("ftp");
            assertThat(got.get(ftp.port()).text()).isEqualTo("220 (vsFTPd 3.0.5)");
            assertThat(got.get(smtp.port()).service()).isEqualTo("smtp");
        }
    }

    @Test
    void mysqlHandshakeGivesTheServerVersion() throws IOException {
        try (Listener l = Listeners.listen(IP, 0, Listeners.greets(ServiceRepliesTest.MYSQL_HANDSHAKE))) {
            Banners.Banner b = grabOne(l);
            assertThat(b.service()).isEqualTo("mysql");
            assertThat(b.text()).isEqualTo("8.0.36-0ubuntu0.22.04.1");
        }
    }

    @Test
    void telnetOptionRequestsAreRefusedAndTheLoginTextKept() throws IOException {
        byte[] negotiation = {(byte) 255, (byte) 253, 24, (byte) 255, (byte) 253, 32};
        Listeners.Handler telnet = c -> {
            c.getOutputStream().write(negotiation);
            c.getOutputStream().flush();
            InputStream in = c.getInputStream();
            byte[] answer = new byte[6];
            if (in.readNBytes(answer, 0, 6) == 6 && (answer[1] & 0xff) == 252) {
                c.getOutputStream().write("\r\nBusyBox v1.31.1 built-in shell\r\nlogin: "
                        .getBytes(StandardCharsets.US_ASCII));
                c.getOutputStream().flush();
            }
            in.read();
        };
        try (Listener l = Listeners.listen(IP, 0, telnet)) {
            Banners.Banner b = grabOne(l);
            assertThat(b.service()).isEqualTo("telnet");
            assertThat(b.text()).isEqualTo("BusyBox v1.31.1 built-in shell");
        }
    }

    @Test
    void rtspOptionsProbe() throws IOException {
        String reply = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Hikvision-Webs\r\nPublic: OPTIONS, DESCRIBE, PLAY"
                + "\r\n\r\n";
        try (Listener l = Listeners.listen(IP, 0, Listeners.answers(reply))) {
            Banners.Banner b = Banners.ask(Banners.Step.RTSP, IP, l.port(), FAST);
            assertThat(b.toJson().toString()).isEqualTo("{\"service\":\"rtsp\",\"server\":\"Hikvision-Webs\","
                    + "\"protocol\":\"RTSP/1.0\"}");
        }
        // On a port that does not name RTSP, the clear-text GET finds it too (an RTSP server answers it).
        try (Listener l = Listeners.listen(IP, 0, Listeners.answers("RTSP/1.0 400 Bad Request\r\nCSeq: 0\r\n\r\n"))) {
            assertThat(grabOne(l).service()).isEqualTo("rtsp");
        }
    }

    @Test
    void probesForServicesThatWaitForTheClient() throws IOException {
        try (Listener pg = Listeners.listen(IP, 0, Listeners.answers(new byte[] {'S'}));
             Listener rdp = Listeners.listen(IP, 0, Listeners.answers(ServiceRepliesTest.RDP_CONFIRM));
             Listener mqtt = Listeners.listen(IP, 0, Listeners.answers(new byte[] {0x20, 0x02, 0x00, 0x00}));
             Listener pjl = Listeners.listen(IP, 0, Listeners.answers(
                     "@PJL INFO ID\r\n\"HP LaserJet M402dn\"\r\n\f"))) {
            assertThat(Banners.ask(Banners.Step.POSTGRES, IP, pg.port(), FAST).service()).isEqualTo("postgresql");
            Banners.Banner r = Banners.ask(Banners.Step.RDP, IP, rdp.port(), FAST);
            assertThat(r.service()).isEqualTo("rdp");
            assertThat(r.text()).isEqualTo("X.224 Connection Confirm, protocol CredSSP");
            assertThat(Banners.ask(Banners.Step.MQTT, IP, mqtt.port(), FAST).text())
                    .isEqualTo("CONNACK 0 (accepted)");
            Banners.Banner p = Banners.ask(Banners.Step.PJL, IP, pjl.port(), FAST);
            assertThat(p.service()).isEqualTo("pjl");
            assertThat(p.text()).isEqualTo("HP LaserJet M402dn");
        }
    }

    @Test
    void aSilentPortTimesOutWithNoEvidenceWithinItsBounds() throws IOException {
        try (Listener l = Listeners.listen(IP, 0, Listeners.silent())) {
            long t0 = System.nanoTime();
            Map<String, Map<Integer, Banners.Banner>> got = Banners.grab(Map.of(IP, List.of(l.port())),
                    new Banners.Limits(3000, 200, Duration.ofSeconds(3)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(got).isEmpty();
            // greeting, ClientHello and GET waited for side by side, each the answer wait (not the 3 s timeout)
            assertThat(ms).isLessThan(1500);
        }
    }

    @Test
    void anAnswerToTheGetEndsTheGreetingWaitAtOnce() throws IOException {
        try (Listener l = Listeners.listen(IP, 0, Listeners.answers("HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\n"
                + "Connection: close\r\n\r\n<title>x</title>"))) {
            long t0 = System.nanoTime();
            Banners.Banner b = Banners.grab(Map.of(IP, List.of(l.port())),
                    new Banners.Limits(3000, 2500, Duration.ofSeconds(5))).get(IP).get(l.port());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(b.server()).isEqualTo("nginx/1.24.0");
            // an HTTP answer shows the service does not greet: the 2.5 s greeting wait is not waited out
            assertThat(ms).isLessThan(2000);
        }
    }

    @Test
    void aLiveServiceSlowToHandshakeIsWaitedForWhileASilentPortIsNot() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nServer: GoAhead-Webs\r\nConnection: close\r\n\r\n<title>Camera</title>";
        Banners.Limits limits = new Banners.Limits(3000, 200, Duration.ofSeconds(6));
        // The clear-text GET is refused at once: the port is live, so its handshake is waited for past the 200 ms.
        try (Listener slow = Listeners.slowTls(IP, "O=Lab Cameras,CN=cam.lab", 900, reply);
             Listener silent = Listeners.listen(IP, 0, Listeners.silent())) {
            long t0 = System.nanoTime();
            Map<String, Map<Integer, Banners.Banner>> got = Banners.grab(
                    Map.of(IP, List.of(slow.port(), silent.port())), limits);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Banners.Banner b = got.get(IP).get(slow.port());
            assertThat(b.service()).isEqualTo("https");
            assertThat(b.server()).isEqualTo("GoAhead-Webs");
            assertThat(got.get(IP)).doesNotContainKey(silent.port());
            assertThat(ms).isLessThan(3000);
        }
    }

    @Test
    void theAnswerWaitGrowsWithTheConnectTimeAndTheSlowestAnswer() {
        Banners.Limits limits = new Banners.Limits(1500, 300, Duration.ofSeconds(4));
        Banners.Pace pace = new Banners.Pace();
        assertThat(pace.answerWaitMs(limits, 100_000)).isEqualTo(301);        // 0.1 ms connect: the floor
        assertThat(pace.answerWaitMs(limits, 50_000_000)).isEqualTo(800);     // 50 ms connect: 300 + 10 × 50
        pace.answered(200_000_000);                                          // a first answer took 200 ms
        assertThat(pace.answerWaitMs(limits, 100_000)).isEqualTo(600);
        assertThat(pace.answerWaitMs(limits, 500_000_000)).isEqualTo(1500);   // never beyond the timeout
    }

    @Test
    void aSessionAsksEachPortAsSoonAsItIsFoundAndOnlyOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        Listeners.Handler ssh = Listeners.greets("SSH-2.0-OpenSSH_9.2p1\r\n");
        try (Listener l = Listeners.listen(IP, 0, c -> {
            connections.incrementAndGet();
            asked.countDown();
            ssh.serve(c);
        }); Banners.Session session = new Banners.Session(FAST)) {
            session.ask(IP, l.port());
            // Read while the "port scan" still runs: the connection comes before finish is called.
            assertThat(asked.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            session.ask(IP, l.port());
            Map<String, Map<Integer, Banners.Banner>> got = session.finish();
            assertThat(got.get(IP).get(l.port()).service()).isEqualTo("ssh");
            // one job: the greeting connection, plus the other ways only if the greeting was slower than the hedge
            int made = connections.get();
            assertThat(made).isBetween(1, Banners.plan(l.port()).size());
            session.ask(IP, l.port() + 1);  // after finish: ignored, never connects
            Thread.sleep(100);
            assertThat(connections.get()).isEqualTo(made);
        }
    }

    @Test
    void aSessionsFinishWaitsAtMostTheDeadlineForPortsStillBeingRead() throws IOException {
        try (Listener l = Listeners.listen(IP, 0, Listeners.silent());
             Banners.Session session = new Banners.Session(new Banners.Limits(3000, 2500, Duration.ofMillis(200)))) {
            session.ask(IP, l.port());
            long t0 = System.nanoTime();
            assertThat(session.finish()).isEmpty();
            // the silent port would hold the greeting wait (2.5 s); finish gives up at its deadline
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        }
    }

    @Test
    void aClosedPortGivesNothingAndEachPortIsAskedOnce() throws IOException {
        int closed;
        try (Listener l = Listeners.listen(IP, 0, Listeners.silent())) {
            closed = l.port();
        }
        assertThat(Banners.grab(Map.of(IP, List.of(closed)), FAST)).isEmpty();
        Map<String, List<Integer>> open = new java.util.LinkedHashMap<>();
        open.put("127.0.0.1", List.of(22, 80, 22));
        open.put("127.0.0.2", List.of(443));
        assertThat(Banners.interleave(open))
                .extracting(Map.Entry::getValue).containsExactly(22, 443, 80);
    }

    @Test
    void portsOfProtocolsThatAnswerNoStepAreNotAsked() {
        Map<String, List<Integer>> open = new java.util.LinkedHashMap<>();
        open.put("127.0.0.1", List.of(53, 88, 135, 139, 389, 445, 3268, 3389, 636));
        assertThat(Banners.interleave(open)).extracting(Map.Entry::getValue).containsExactly(3389, 636);
    }

    @Test
    void portsThatNameAProtocolChangeTheOrderAndRawPrinterPortsGetPjlOnly() {
        assertThat(Banners.plan(9100)).containsExactly(Banners.Step.PJL);
        assertThat(Banners.plan(443)).startsWith(Banners.Step.TLS);
        assertThat(Banners.plan(8080)).startsWith(Banners.Step.HTTP);
        assertThat(Banners.plan(554)).startsWith(Banners.Step.RTSP);
        assertThat(Banners.plan(5432)).startsWith(Banners.Step.POSTGRES);
        assertThat(Banners.plan(3389)).startsWith(Banners.Step.RDP);
        assertThat(Banners.plan(1883)).startsWith(Banners.Step.MQTT);
        assertThat(Banners.plan(12222)).containsExactly(Banners.Step.GREETING, Banners.Step.TLS, Banners.Step.HTTP);
    }

    @Test
    void httpHeadParsedAsBeforeForTheFingerprint() {
        Banners.Banner b = Banners.httpBanner(IP, 80, "HTTP/1.0 200 OK\r\nServer: nginx/1.22.1\r\n"
                + "Content-Type: text/html\r\n\r\n<html><head><TITLE>Lobby  Camera</TITLE></head>");
        assertThat(b.server()).isEqualTo("nginx/1.22.1");
        assertThat(b.title()).isEqualTo("Lobby Camera");
        assertThat(b.text()).isEqualTo("HTTP/1.0 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/html");
        assertThat(b.toJson().toString()).isEqualTo("{\"service\":\"http\",\"server\":\"nginx/1.22.1\","
                + "\"title\":\"Lobby Camera\",\"protocol\":\"HTTP/1.0\"}");
    }
}
