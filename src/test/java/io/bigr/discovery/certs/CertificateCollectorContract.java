package io.bigr.discovery.certs;

import static io.bigr.discovery.certs.TlsFixtures.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.testing.TestData;
import io.bigr.discovery.testing.TestDb;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TLS collection end to end against servers the test starts on 127.0.0.x with certificates it generates, stored
 * and read back through the real store; run on SQLite and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateCollectorContract {
    /** Fixture dates are whole seconds: X.509 validity has no fractions. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final CertificateCollector.Settings ONLY_GIVEN_PORTS = new CertificateCollector.Settings(
            Duration.ofSeconds(3), Duration.ofSeconds(3), 8, Duration.ofSeconds(60), List.of());

    private TestDb db;
    private Daos daos;
    private KeyPair caKeys;
    private X509Certificate ca;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws Exception {
        db = newDatabase().migrate();
        daos = db.daos();
        caKeys = TlsFixtures.rsa(2048);
        ca = certificate("CN=BIGR Test Root CA,O=BIGR Test Org,C=TR", caKeys, "CN=BIGR Test Root CA,O=BIGR Test Org,C=TR",
                caKeys.getPrivate(), BigInteger.ONE, NOW.minus(Duration.ofDays(3650)), NOW.plus(Duration.ofDays(3650)),
                List.of());
    }

    @AfterAll
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        for (String table : List.of("scan_assets", "asset_changes", "assets", "scans", "certificates")) {
            db.execute("DELETE FROM " + table);
        }
    }

    private Certificate stored(String ip, int port) {
        return daos.certificates().all().stream().filter(c -> c.ip().equals(ip) && c.port() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no stored certificate for " + ip + ":" + port));
    }

    @Test
    void selfSignedRsaCertificateFillsEveryColumn() throws Exception {
        KeyPair keys = TlsFixtures.rsa(3072);
        Instant from = NOW.minus(Duration.ofDays(10));
        Instant to = NOW.plus(Duration.ofDays(100)).plusSeconds(3600);
        X509Certificate cert = certificate("CN=nas.example.test,O=Self Org", keys, "CN=nas.example.test,O=Self Org",
                keys.getPrivate(), new BigInteger("0A1B2C3D4E5F", 16), from, to,
                List.of("nas.example.test", "files.example.test"));
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.2", keys.getPrivate(), cert)) {
            CertificateCollector.Report report = new CertificateCollector(ONLY_GIVEN_PORTS)
                    .collectAndStore(daos.certificates(), Map.of("127.0.0.2", List.of(server.port())));
            assertThat(report.certificates()).hasSize(1);
            assertThat(report.hostsScanned()).isEqualTo(1);

            Certificate c = stored("127.0.0.2", server.port());
            assertThat(c.id()).isNotNull();
            assertThat(c.cn()).isEqualTo("nas.example.test");
            assertThat(c.issuer()).isEqualTo("nas.example.test");
            assertThat(c.issuerOrg()).isEqualTo("Self Org");
            assertThat(c.validFrom()).isEqualTo(from);
            assertThat(c.validTo()).isEqualTo(to);
            assertThat(c.serial()).isEqualTo("A1B2C3D4E5F");
            assertThat(c.keyAlgorithm()).isEqualTo("RSA");
            assertThat(c.keySize()).isEqualTo(3072);
            assertThat(c.signatureAlgorithm()).isEqualTo("SHA256withRSA");
            assertThat(c.isSelfSigned()).isTrue();
            assertThat(c.isExpired()).isFalse();
            assertThat(c.daysUntilExpiry()).isEqualTo(100);
            assertThat(c.san()).containsExactly("nas.example.test", "files.example.test");
            assertThat(c.lastChecked()).isAfter(NOW.minusSeconds(60));
        }
    }

    @Test
    void caSignedEcCertificateIsNotSelfSigned() throws Exception {
        KeyPair keys = TlsFixtures.ec();
        X509Certificate leaf = certificate("CN=printer.example.test", keys, "CN=BIGR Test Root CA,O=BIGR Test Org,C=TR",
                caKeys.getPrivate(), BigInteger.valueOf(4096), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(5)).plusSeconds(600), List.of("printer.example.test"));
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.3", keys.getPrivate(), leaf, ca)) {
            new CertificateCollector(ONLY_GIVEN_PORTS).collectAndStore(daos.certificates(), Map.of("127.0.0.3", List.of(server.port())));

            Certificate c = stored("127.0.0.3", server.port());
            assertThat(c.cn()).isEqualTo("printer.example.test");
            assertThat(c.issuer()).isEqualTo("BIGR Test Root CA");
            assertThat(c.issuerOrg()).isEqualTo("BIGR Test Org");
            assertThat(c.serial()).isEqualTo("1000");
            assertThat(c.keyAlgorithm()).isEqualTo("ECDSA");
            assertThat(c.keySize()).isEqualTo(256);
            assertThat(c.signatureAlgorithm()).isEqualTo("SHA256withRSA");
            assertThat(c.isSelfSigned()).isFalse();
            assertThat(c.isExpired()).isFalse();
            assertThat(c.daysUntilExpiry()).isEqualTo(5);
            assertThat(c.san()).containsExactly("printer.example.test");
            // Leaf only: the CA certificate in the chain is never stored as if it were served.
            assertThat(daos.certificates().all()).hasSize(1);
            assertThat(daos.certificates().expiring(7)).extracting(Certificate::cn).containsExactly("printer.example.test");
        }
    }

    @Test
    void expiredCertificateIsRecordedAndListedAsExpiring() throws Exception {
        KeyPair keys = TlsFixtures.ec();
        Instant to = NOW.minus(Duration.ofDays(3)).minusSeconds(60);
        X509Certificate cert = certificate("CN=old.example.test,O=Old", keys, "CN=old.example.test,O=Old",
                keys.getPrivate(), BigInteger.TEN, NOW.minus(Duration.ofDays(400)), to, List.of());
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.4", keys.getPrivate(), cert)) {
            new CertificateCollector(ONLY_GIVEN_PORTS).collectAndStore(daos.certificates(), Map.of("127.0.0.4", List.of(server.port())));

            Certificate c = stored("127.0.0.4", server.port());
            assertThat(c.isExpired()).isTrue();
            assertThat(c.daysUntilExpiry()).isEqualTo(-4);
            assertThat(c.isSelfSigned()).isTrue();
            assertThat(c.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
            assertThat(c.san()).isEmpty();
            assertThat(daos.certificates().expiring(30)).extracting(Certificate::cn).containsExactly("old.example.test");
        }
    }

    @Test
    void sameNameButSignedByAnotherKeyIsNotSelfSigned() throws Exception {
        KeyPair keys = TlsFixtures.rsa(2048);
        // Subject == issuer name, but the CA's key signed it: the name test alone would call it self-signed.
        X509Certificate cert = certificate("CN=BIGR Test Root CA,O=BIGR Test Org,C=TR", keys,
                "CN=BIGR Test Root CA,O=BIGR Test Org,C=TR", caKeys.getPrivate(), BigInteger.TWO,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), List.of());
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.5", keys.getPrivate(), cert)) {
            new CertificateCollector(ONLY_GIVEN_PORTS).collectAndStore(daos.certificates(), Map.of("127.0.0.5", List.of(server.port())));
            assertThat(stored("127.0.0.5", server.port()).isSelfSigned()).isFalse();
        }
    }

    @Test
    void rescanUpsertsOnIpAndPort() throws Exception {
        KeyPair keys = TlsFixtures.rsa(2048);
        X509Certificate first = certificate("CN=first.example.test", keys, "CN=first.example.test", keys.getPrivate(),
                BigInteger.valueOf(1), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), List.of("a.test"));
        int port;
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.6", keys.getPrivate(), first)) {
            port = server.port();
            new CertificateCollector(ONLY_GIVEN_PORTS).collectAndStore(daos.certificates(), Map.of("127.0.0.6", List.of(port)));
        }
        long firstId = stored("127.0.0.6", port).id();
        X509Certificate second = certificate("CN=second.example.test", keys, "CN=BIGR Test Root CA,O=BIGR Test Org,C=TR",
                caKeys.getPrivate(), BigInteger.valueOf(2), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)),
                List.of("b.test"));
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.6", port, keys.getPrivate(), second, ca)) {
            new CertificateCollector(ONLY_GIVEN_PORTS).collectAndStore(daos.certificates(), Map.of("127.0.0.6", List.of(port)));
        }
        assertThat(daos.certificates().all()).hasSize(1);
        Certificate c = stored("127.0.0.6", port);
        assertThat(c.id()).isEqualTo(firstId);
        assertThat(c.cn()).isEqualTo("second.example.test");
        assertThat(c.serial()).isEqualTo("2");
        assertThat(c.isSelfSigned()).isFalse();
        assertThat(c.san()).containsExactly("b.test");
    }

    @Test
    void inventoryTargetsUseTheLatestSnapshotPortsAndSkipNonTlsPorts() throws Exception {
        KeyPair keys = TlsFixtures.rsa(2048);
        X509Certificate cert = certificate("CN=web.example.test", keys, "CN=web.example.test", keys.getPrivate(),
                BigInteger.valueOf(77), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)), List.of());
        try (TlsFixtures.TlsServer tls = new TlsFixtures.TlsServer("127.0.0.7", keys.getPrivate(), cert);
             TlsFixtures.TlsServer plain = new TlsFixtures.TlsServer("127.0.0.7")) {
            daos.store().save(TestData.scan("127.0.0.0/24", TestData.asset("127.0.0.7", "02:00:00:00:00:07", "web", null,
                    io.bigr.discovery.core.BigrCategory.UNCLASSIFIED, 0.0, tls.port(), plain.port())));

            Map<String, List<Integer>> targets = CertificateCollector.inventoryTargets(daos.assets(), daos.snapshots());
            assertThat(targets).containsOnlyKeys("127.0.0.7");
            assertThat(targets.get("127.0.0.7")).containsExactlyInAnyOrder(tls.port(), plain.port());

            // Default docs/DOMAIN.md §5.9 ports on 127.0.0.7 are closed (refused at once); only the TLS port answers a
            // handshake.
            CertificateCollector.Report report = new CertificateCollector().collectAndStore(daos.certificates(), targets);
            assertThat(report.endpointsTried()).isEqualTo(CertificateCollector.DEFAULT_PORTS.size() + 2);
            assertThat(report.certificates()).extracting(Certificate::port).containsExactly(tls.port());
            assertThat(daos.certificates().all()).extracting(Certificate::cn).containsExactly("web.example.test");
        }
    }
}
