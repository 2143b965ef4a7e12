package io.bigr.discovery.certs;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The one TLS client context that accepts every server certificate, shared by certificate collection and the
 * scan's service identification. Expired, self-signed and mismatched certificates are exactly what the inventory
 * must record; nothing secret is ever sent over these connections, and each is closed after reading.
 */
public final class TrustAllTls {
    private TrustAllTls() {
    }

    /** A fresh context; callers keep one for their lifetime. */
    public static SSLContext context() {
        // X509ExtendedTrustManager, not X509TrustManager: JSSE wraps the plain interface with extra checks
        // (algorithm constraints) that would refuse the old certificates devices still present.
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // never a TLS server
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                // never a TLS server
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                // never a TLS server
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // deliberately accepts everything (see the class comment)
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                // as above
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                // as above
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }
}
