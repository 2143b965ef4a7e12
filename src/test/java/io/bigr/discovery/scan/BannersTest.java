package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Banners read from tiny servers this test runs on 127.0.0.6. */
class BannersTest {
    private static ServerSocket serve(String reply, boolean waitForRequest) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.6"), 0));
        Thread t = new Thread(() -> {
            try (Socket c = s.accept()) {
                if (waitForRequest) {
                    c.getInputStream().read(new byte[512]);
                }
                OutputStream out = c.getOutputStream();
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // test server: the client went away
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Test
    void sshGreetingIsReadAsIs() throws IOException {
        try (ServerSocket s = serve("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", false)) {
            Banners.Banner b = Banners.read("127.0.0.6", s.getLocalPort(), 2000);
            assertThat(b.text()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
            assertThat(b.service()).isEqualTo("ssh");
            assertThat(b.toJson().get("banner").asText()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
        }
    }

    @Test
    void httpServerHeaderAndTitle() {
        Banners.Banner b = Banners.httpBanner("127.0.0.6", 80, "HTTP/1.0 200 OK\r\nServer: nginx/1.22.1\r\n"
                + "Content-Type: text/html\r\n\r\n<html><head><TITLE>Lobby  Camera</TITLE></head>");
        assertThat(b.server()).isEqualTo("nginx/1.22.1");
        assertThat(b.title()).isEqualTo("Lobby Camera");
        assertThat(b.toJson().toString()).isEqualTo("{\"service\":\"http\",\"server\":\"nginx/1.22.1\","
                + "\"title\":\"Lobby Camera\"}");
    }

    @Test
    void grabOnlyAsksPortsItSpeaksAndStaysWithinTheDeadline() throws IOException {
        try (ServerSocket s = serve("220 lab FTP ready\r\n", false)) {
            // 21 is spoken (FTP greeting) but closed here; the listener's own port is not a known service.
            Map<String, Map<Integer, Banners.Banner>> got = Banners.grab(
                    Map.of("127.0.0.6", List.of(21, s.getLocalPort())), Duration.ofMillis(500), Duration.ofSeconds(2));
            assertThat(got).isEmpty();
        }
        assertThat(Banners.speaks(22)).isTrue();
        assertThat(Banners.speaks(80)).isTrue();
        assertThat(Banners.speaks(3306)).isFalse();
    }
}
