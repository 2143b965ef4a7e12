package io.bigr.discovery.certs;

import io.bigr.discovery.core.Certificate;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Turns a raw leaf {@link X509Certificate} into a {@link Certificate} row (docs/DOMAIN.md §1.9, §5.9, Appendix A #5):
 * every column is filled from the certificate itself, nothing from the (untrusted) chain.
 *
 * <p>Conventions: {@code serial} is upper-case hex without separators (what earlier releases stored);
 * {@code key_algorithm} is {@code RSA}, {@code ECDSA}, {@code Ed25519}, {@code Ed448} or {@code DSA} with
 * {@code key_size} in bits (modulus / field size; Ed25519 counts as 256); a certificate is self-signed only when
 * subject equals issuer AND its signature verifies with its own public key, so a CA-issued certificate that merely
 * repeats the CA's name is not.
 */
public final class CertificateParser {
    /** GeneralName tag of a dNSName in {@link X509Certificate#getSubjectAlternativeNames()}. */
    private static final int SAN_DNS = 2;

    private CertificateParser() {
    }

    public static Certificate parse(String ip, int port, X509Certificate x, Instant now) {
        X500Principal subject = x.getSubjectX500Principal();
        X500Principal issuer = x.getIssuerX500Principal();
        Instant validFrom = x.getNotBefore().toInstant();
        Instant validTo = x.getNotAfter().toInstant();
        KeyFacts key = keyFacts(x.getPublicKey());
        return new Certificate(null, ip, port, attribute(subject, "CN"), attribute(issuer, "CN"),
                attribute(issuer, "O"), validFrom, validTo, x.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                key.bits(), key.algorithm(), selfSigned(x), now.isAfter(validTo),
                Certificate.daysUntil(validTo, now), dnsNames(x), now, x.getSigAlgName());
    }

    /** The first value of an RDN type (e.g. CN, O) in a distinguished name, or null. */
    static String attribute(X500Principal name, String type) {
        try {
            // LdapName lists RDNs right to left; walk from the end to take the most specific (leftmost) value.
            List<Rdn> rdns = new LdapName(name.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                Rdn rdn = rdns.get(i);
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    static boolean selfSigned(X509Certificate x) {
        if (!x.getSubjectX500Principal().equals(x.getIssuerX500Principal())) {
            return false;
        }
        try {
            x.verify(x.getPublicKey());
            return true;
        } catch (Exception e) {
            // Same name, different key: issued by a CA that happens to share the subject name.
            return false;
        }
    }

    static List<String> dnsNames(X509Certificate x) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = x.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && san.get(0) instanceof Integer tag && tag == SAN_DNS) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }

    record KeyFacts(String algorithm, Integer bits) {
    }

    static KeyFacts keyFacts(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new KeyFacts("RSA", rsa.getModulus().bitLength());
        }
        if (key instanceof ECPublicKey ec) {
            return new KeyFacts("ECDSA", ec.getParams().getCurve().getField().getFieldSize());
        }
        if (key instanceof EdECPublicKey ed) {
            String curve = ed.getParams().getName();
            return "Ed448".equalsIgnoreCase(curve) ? new KeyFacts("Ed448", 448) : new KeyFacts("Ed25519", 256);
        }
        if (key instanceof DSAPublicKey dsa) {
            return new KeyFacts("DSA", dsa.getParams().getP().bitLength());
        }
        return new KeyFacts(key.getAlgorithm(), null);
    }
}
