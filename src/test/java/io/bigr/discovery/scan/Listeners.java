package io.bigr.discovery.scan;

import io.bigr.discovery.certs.TlsFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Tiny loopback servers speaking real protocol bytes, for the service-identification tests. Each binds a free port
 * chosen by the kernel on the address given (127.0.0.0/8 only), serves each connection on its own daemon thread with
 * a 3 s read timeout, and stops when closed.
 */
public final class Listeners {
    /** What a server does with one accepted connection. */
    public interface Handler {
        void serve(Socket c) throws IOException;
    }

    /** One running server. */
    public static final class Listener implements AutoCloseable {
        private final ServerSocket socket;

        Listener(ServerSocket socket, Handler handler) {
            this.socket = socket;
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    Socket c;
                    try {
                        c = socket.accept();
                    } catch (IOException | RuntimeException e) {
                        continue;  // the listener closing
                    }
                    // Each connection on its own thread, as real servers do: a scan may hold several at once.
                    Thread serve = new Thread(() -> {
                        try (c) {
                            c.setSoTimeout(3000);
                            handler.serve(c);
                        } catch (IOException | RuntimeException e) {
                            // a client that went away
                        }
                    }, "test-listener-conn-" + socket.getLocalPort());
                    serve.setDaemon(true);
                    serve.start();
                }
            }, "test-listener-" + socket.getLocalPort());
            t.setDaemon(true);
            t.start();
        }

        public int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Listeners() {
    }

    public static Listener listen(String ip, int port, Handler h) throws IOException {
        if (!ip.startsWith("127.")) {
            throw new IllegalArgumentException("tests listen on loopback only: " + ip);
        }
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 50);
        return new Listener(s, h);
    }

    /** Sends {@code bytes} as soon as a client connects (SSH, FTP, SMTP, MySQL, ...). */
    public static Handler greets(byte[] bytes) {
        return c -> {
            OutputStream out = c.getOutputStream();
            out.write(bytes);
            out.flush();
            c.getInputStream().read(new byte[1024]);
        };
    }

    public static Handler greets(String line) {
        return greets(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Waits for a request (at least one read), then answers {@code reply} and closes. */
    public static Handler answers(byte[] reply) {
        return c -> {
            InputStream in = c.getInputStream();
            if (in.read(new byte[2048]) < 0) {
                return;
            }
            c.getOutputStream().write(reply);
            c.getOutputStream().flush();
        };
    }

    public static Handler answers(String reply) {
        return answers(reply.getBytes(StandardCharsets.UTF_8));
    }

    /** Accepts and says nothing until the client gives up. */
    public static Handler silent() {
        return c -> {
            InputStream in = c.getInputStream();
            while (in.read(new byte[1024]) >= 0) {
                // swallow whatever the client sends
            }
        };
    }

    /**
     * A TLS server with a fresh self-signed certificate for {@code subject} (written in encoding order, as a CA
     * does: {@code O=...,CN=...}) and {@code san}, answering HTTP.
     */
    public static Listener https(String ip, String subject, List<String> san, String httpReply) throws Exception {
        return tls(ip, subject, san, answers(httpReply));
    }

    /**
     * A TLS server as a slow device is one: a connection that does not start with a TLS record is closed at once
     * (as TLS stacks do with clear text), a ClientHello is answered only after {@code delayMs} (the device's slow
     * key exchange), then {@code httpReply} to the request.
     */
    public static Listener slowTls(String ip, String subject, int delayMs, String httpReply) throws Exception {
        SSLContext ctx = serverContext(subject, List.of());
        return listen(ip, 0, c -> {
            InputStream in = c.getInputStream();
            int first = in.read();
            if (first != 0x16) {
                return;  // clear text on a TLS port: closed
            }
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket(c,
                    new java.io.ByteArrayInputStream(new byte[] {(byte) first}), true);
            tls.setUseClientMode(false);
            answers(httpReply).serve(tls);
        });
    }

    /** A TLS server with a fresh self-signed certificate, handling each connection after the handshake. */
    public static Listener tls(String ip, String subject, List<String> san, Handler h) throws Exception {
        if (!ip.startsWith("127.")) {
            throw new IllegalArgumentException("tests listen on loopback only: " + ip);
        }
        SSLServerSocket s = (SSLServerSocket) serverContext(subject, san).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName(ip));
        return new Listener(s, h);
    }

    private static SSLContext serverContext(String subject, List<String> san) throws Exception {
        KeyPair keys = TlsFixtures.ec();
        Instant now = Instant.now();
        X509Certificate cert = TlsFixtures.certificate(subject, keys, subject, keys.getPrivate(), BigInteger.TEN,
                now.minusSeconds(3600), now.plusSeconds(86_400 * 30L), san);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("leaf", keys.getPrivate(), pw, new X509Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
