package io.bigr.discovery.scan;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import io.bigr.discovery.certs.TrustAllTls;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

/**
 * A TLS handshake over an already connected socket, trusting every certificate and sending no SNI (the scan knows
 * addresses, not names), and the leaf certificate's identity as banner evidence (docs/DOMAIN.md §5.12).
 */
final class TlsProbe {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    /** Built on first use (a second or so in a fresh JVM): by {@link #warmUp}'s thread, not the scan's. */
    private static final class Holder {
        static final SSLContext TRUST_ALL = TrustAllTls.context();
    }

    private TlsProbe() {
    }

    /**
     * Builds a ClientHello once on a daemon thread, off the network: loads and initialises the TLS classes, providers
     * and key-share generation that the first real handshake would otherwise pay for inside the banner deadline.
     */
    static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                javax.net.ssl.SSLEngine e = Holder.TRUST_ALL.createSSLEngine();
                e.setUseClientMode(true);
                e.beginHandshake();
                java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(e.getSession().getPacketBufferSize());
                e.wrap(java.nio.ByteBuffer.allocate(0), out);
                e.closeOutbound();
            } catch (Exception | LinkageError e) {
                // only a warm-up: the handshakes themselves report their own failures
            }
        }, "bigr-tls-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** What the certificate says ({@link Banners.Tls}). */
    static Banners.Tls identity(X509Certificate x) {
        return new Banners.Tls(x.getSubjectX500Principal().getName(X500Principal.RFC2253),
                x.getIssuerX500Principal().getName(X500Principal.RFC2253), san(x),
                x.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Handshakes over {@code plain} (closed with the returned socket). Throws when the peer does not speak TLS or
     * does not answer within the socket's timeout.
     */
    static SSLSocket handshake(Socket plain, String ip, int port, int timeoutMs) throws IOException {
        SSLSocket tls = (SSLSocket) Holder.TRUST_ALL.getSocketFactory().createSocket(plain, ip, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setServerNames(List.of());
        params.setEndpointIdentificationAlgorithm(null);
        tls.setSSLParameters(params);
        tls.setSoTimeout(timeoutMs);
        tls.startHandshake();
        return tls;
    }

    /** The leaf certificate of a finished handshake, or null when the server sent none we can read. */
    static Banners.Tls leaf(SSLSocket tls) {
        try {
            java.security.cert.Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? identity(x) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static List<String> san(X509Certificate x) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = x.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (n.size() >= 2 && n.get(0) instanceof Integer type && (type == SAN_DNS || type == SAN_IP)
                            && n.get(1) instanceof String v) {
                        out.add(v);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension: no names
        }
        return List.copyOf(out);
    }

}
