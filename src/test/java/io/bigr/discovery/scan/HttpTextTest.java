package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HTTP bodies decoded with the charset the server or the page names, UTF-8 otherwise; listeners on 127.0.0.6. */
class HttpTextTest {
    private static final String TITLE = "BİGR Discovery — Ağ Envanteri";

    private static byte[] response(String headers, String body, Charset bodyCharset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("HTTP/1.1 200 OK\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.getBytes(bodyCharset));
        return out.toByteArray();
    }

    private static String title(byte[] raw) {
        return Banners.httpBanner("127.0.0.6", 80, HttpText.decode(raw, raw.length)).title();
    }

    @Test
    void utf8IsTheDefaultWhenNothingNamesACharset() {
        byte[] raw = response("Server: nginx\r\nContent-Type: text/html\r\n",
                "<html><head><title>" + TITLE + "</title></head></html>", StandardCharsets.UTF_8);
        assertThat(title(raw)).isEqualTo(TITLE);
        HttpText.Response r = HttpText.decode(raw, raw.length);
        assertThat(r.head()).isEqualTo("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html");
        assertThat(r.body()).startsWith("<html>");
    }

    @Test
    void theContentTypeHeaderWinsOverTheMetaTag() {
        Charset latin9 = Charset.forName("ISO-8859-9");
        byte[] raw = response("Content-Type: text/html; charset=\"iso-8859-9\"\r\n",
                "<meta charset=\"utf-8\"><title>Ağ Geçidi</title>", latin9);
        assertThat(title(raw)).isEqualTo("Ağ Geçidi");
        byte[] latin1 = response("content-type: text/html;charset=ISO-8859-1\r\n", "<title>Café</title>",
                StandardCharsets.ISO_8859_1);
        assertThat(title(latin1)).isEqualTo("Café");
    }

    @Test
    void metaCharsetAndMetaHttpEquivAreReadWhenTheHeaderSaysNothing() {
        byte[] meta = response("Content-Type: text/html\r\n",
                "<html><head><META CHARSET=windows-1254><title>Yazıcı Öğesi</title>",
                Charset.forName("windows-1254"));
        assertThat(title(meta)).isEqualTo("Yazıcı Öğesi");
        byte[] equiv = response("",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Señal</title>",
                StandardCharsets.ISO_8859_1);
        assertThat(title(equiv)).isEqualTo("Señal");
    }

    @Test
    void anUnknownCharsetFallsBackAndBadBytesDoNotFail() {
        byte[] unknown = response("Content-Type: text/html; charset=x-no-such-charset\r\n",
                "<title>" + TITLE + "</title>", StandardCharsets.UTF_8);
        assertThat(title(unknown)).isEqualTo(TITLE);
        byte[] broken = response("", "<title>ok \u00ff</title>", StandardCharsets.ISO_8859_1);
        assertThat(title(broken)).isEqualTo("ok \uFFFD");
        byte[] headOnly = "HTTP/1.0 204 No Content\r\nServer: x".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HttpText.decode(headOnly, headOnly.length).text()).isEqualTo("HTTP/1.0 204 No Content\r\nServer: x");
    }

    private static ServerSocket serve(byte[] reply) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.6"), 0));
        Thread t = new Thread(() -> {
            try (Socket c = s.accept()) {
                c.getInputStream().read(new byte[512]);
                OutputStream out = c.getOutputStream();
                out.write(reply);
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
    void aListenerWithoutCharsetHeaderAndOneWithLatin1AreBothReadRight() throws IOException {
        byte[] utf8 = response("Server: lab\r\nContent-Type: text/html\r\nConnection: close\r\n",
                "<html><head><title>" + TITLE + "</title></head></html>", StandardCharsets.UTF_8);
        try (ServerSocket s = serve(utf8)) {
            Banners.Banner b = Banners.read("127.0.0.6", s.getLocalPort(), 2000, true);
            assertThat(b.title()).isEqualTo(TITLE);
            assertThat(b.server()).isEqualTo("lab");
            assertThat(b.toJson().get("title").asText()).isEqualTo(TITLE);
        }
        byte[] latin1 = response("Server: lab\r\nContent-Type: text/html; charset=iso-8859-1\r\nConnection: close\r\n",
                "<html><head><title>Caméra du hall</title></head></html>", StandardCharsets.ISO_8859_1);
        try (ServerSocket s = serve(latin1)) {
            assertThat(Banners.read("127.0.0.6", s.getLocalPort(), 2000, true).title()).isEqualTo("Caméra du hall");
        }
    }
}
