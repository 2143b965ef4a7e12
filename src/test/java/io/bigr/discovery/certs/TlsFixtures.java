package io.bigr.discovery.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made by the test (BouncyCastle) and tiny TLS servers on loopback that present them. */
public final class TlsFixtures {
    private TlsFixtures() {
    }

    public static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    public static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** One issued certificate and its private key. */
    record Issued(X509Certificate cert, PrivateKey key) {
    }

    /**
     * Builds a certificate for {@code subject} with {@code subjectKeys}, signed by {@code signerKey} under
     * {@code issuer} (pass the subject and its own key for a self-signed one).
     */
    public static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, PrivateKey signerKey,
                                       BigInteger serial, Instant from, Instant to, List<String> dnsNames)
            throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                Date.from(from), Date.from(to), new X500Name(subject), subjectKeys.getPublic());
        if (!dnsNames.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                    .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        }
        String alg = signerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg)
                .build(signerKey)));
    }

    /** A TLS server on {@code address}:ephemeral presenting {@code chain} (leaf first), until closed. */
    public static final class TlsServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        public TlsServer(String address, PrivateKey key, X509Certificate... chain) throws Exception {
            this(address, 0, key, chain);
        }

        TlsServer(String address, int port, PrivateKey key, X509Certificate... chain) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "test".toCharArray();
            ks.setKeyEntry("leaf", key, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory()
                    .createServerSocket(port, 50, InetAddress.getByName(address));
            this.socket = s;
            this.thread = serve(s, "tls");
        }

        /** A plain TCP server that answers with a line of text: open, but not TLS. */
        TlsServer(String address) throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getByName(address));
            this.thread = serve(socket, "plain");
        }

        public int port() {
            return socket.getLocalPort();
        }

        private static Thread serve(ServerSocket s, String name) {
            Thread t = new Thread(() -> {
                while (!s.isClosed()) {
                    try (Socket c = s.accept()) {
                        c.setSoTimeout(5000);
                        if (c instanceof SSLSocket tls) {
                            tls.startHandshake();
                            InputStream in = tls.getInputStream();
                            in.read(); // until the client closes
                        } else {
                            OutputStream out = c.getOutputStream();
                            out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    } catch (SocketException e) {
                        if (s.isClosed()) {
                            return;
                        }
                    } catch (IOException e) {
                        // a client that gave up mid-handshake; keep serving
                    }
                }
            }, "test-" + name + "-server");
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }
}
