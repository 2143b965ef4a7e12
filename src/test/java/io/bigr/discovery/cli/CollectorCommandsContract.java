package io.bigr.discovery.cli;

import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.certs.TlsFixtures;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.ScanSummary;
import io.bigr.discovery.snmp.SnmpdAgent;
import io.bigr.discovery.snmp.SwitchPollerContract;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code bigr certs}, {@code bigr snmp} and {@code bigr watch} as a user runs them (separate JVM, real exit codes)
 * against a TLS server and an snmpd on loopback, on SQLite (default config) and PostgreSQL (config.yml).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CollectorCommandsContract {
    private TestDb db;
    private String secretKey;

    abstract TestDb newDatabase();
    /** Environment that points the command at the test database. */
    Map<String, String> env(TestDb db) {
        return Cli.env(db);
    }
    /** Config-file arguments appended to every command. */
    List<String> config() {
        return Cli.config(db);
    }

    @BeforeAll
    void open() {
        db = newDatabase().migrate();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secretKey = Base64.getEncoder().encodeToString(key);
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private Cli.Result bigr(Map<String, String> extraEnv, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(config());
        Map<String, String> env = new HashMap<>(env(db));
        env.putAll(extraEnv);
        return Cli.run(env, all.toArray(String[]::new));
    }

    private String one(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    @Test
    void certsScanListExpiring() throws Exception {
        KeyPair keys = TlsFixtures.ec();
        Instant now = Instant.now();
        X509Certificate cert = TlsFixtures.certificate("CN=nas.cli.test,O=CLI Org", keys, "CN=nas.cli.test,O=CLI Org",
                keys.getPrivate(), BigInteger.valueOf(0xBEEF), now.minus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(5)).plusSeconds(600), List.of("nas.cli.test"));
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.8", keys.getPrivate(), cert)) {
            db.daos().store().save(scan("127.0.0.8/32", asset("127.0.0.8", "02:00:00:00:08:01", "nas", null,
                    BigrCategory.UNCLASSIFIED, 0.0, server.port())));

            Cli.Result scanned = bigr(Map.of(), "certs", "scan", "127.0.0.8");
            assertThat(scanned.exit()).as(scanned.toString()).isZero();
            assertThat(scanned.out()).contains("found 1 certificate(s)", "nas.cli.test", "ECDSA 256");

            Cli.Result list = bigr(Map.of(), "certs", "list");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("TLS Certificates", "127.0.0.8", String.valueOf(server.port()), "Yes");

            Cli.Result expiring = bigr(Map.of(), "certs", "expiring", "--days", "10");
            assertThat(expiring.exit()).as(expiring.toString()).isZero();
            assertThat(expiring.out()).contains("CRITICAL", "nas.cli.test");
            assertThat(bigr(Map.of(), "certs", "expiring", "--days", "1").out())
                    .contains("No certificates expiring within 1 days");
            assertThat(one("SELECT serial FROM certificates WHERE ip = '127.0.0.8'")).isEqualTo("BEEF");
        }
        // bigr scan --certs: the scan finds the open port, then the certificate behind it is stored.
        KeyPair rsa = TlsFixtures.rsa(2048);
        X509Certificate web = TlsFixtures.certificate("CN=web.scan.test", rsa, "CN=web.scan.test", rsa.getPrivate(),
                BigInteger.valueOf(0xCAFE), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), List.of());
        try (TlsFixtures.TlsServer server = new TlsFixtures.TlsServer("127.0.0.12", rsa.getPrivate(), web)) {
            Cli.Result scanned = bigr(Map.of(), "scan", "127.0.0.12/32", "--ports", String.valueOf(server.port()),
                    "--certs", "--no-diff");
            assertThat(scanned.exit()).as(scanned.toString()).isZero();
            assertThat(scanned.out()).contains("1 TLS certificate(s) stored");
            assertThat(one("SELECT cn FROM certificates WHERE ip = '127.0.0.12'")).isEqualTo("web.scan.test");
        }
        Cli.Result bad = bigr(Map.of(), "certs", "expiring", "--days", "-3");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err().strip()).startsWith("Error:").doesNotContain("\n", "Exception");
    }

    @Test
    void snmpAddListScanNeverShowSecrets() throws Exception {
        Map<String, String> key = Map.of("BIGR_SECRET_KEY", secretKey);
        try (SnmpdAgent agent = SnmpdAgent.start(SwitchPollerContract.fixture())) {
            db.daos().store().save(scan("127.0.0.0/24", asset("127.0.0.10", "02:00:00:00:00:0a"),
                    asset("127.0.0.20", "02:00:00:00:00:14")));
            Cli.Result v2 = bigr(key, "snmp", "add", "127.0.0.1", "--community", SnmpdAgent.COMMUNITY, "--label",
                    "Access");
            assertThat(v2.exit()).as(v2.toString()).isZero();
            assertThat(v2.out()).contains("Added switch 127.0.0.1");
            Cli.Result v3 = bigr(key, "snmp", "add", "127.0.0.2", "--version", "3", "--user", SnmpdAgent.USER,
                    "--auth-protocol", "SHA", "--auth-secret", SnmpdAgent.AUTH, "--priv-protocol", "AES",
                    "--priv-secret", SnmpdAgent.PRIV);
            assertThat(v3.exit()).as(v3.toString()).isZero();

            Cli.Result incomplete = bigr(key, "snmp", "add", "127.0.0.3", "--version", "3", "--user", "u");
            assertThat(incomplete.exit()).isEqualTo(1);
            assertThat(incomplete.err()).contains("authPriv").doesNotContain("Exception");

            Cli.Result list = bigr(key, "snmp", "list");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("127.0.0.1", "Access", "127.0.0.2", SnmpdAgent.USER, "configured");

            Cli.Result scanned = bigr(Map.of("BIGR_SECRET_KEY", secretKey,
                    "JAVA_TOOL_OPTIONS", "-Ddw.snmp.port=" + agent.port() + " -Ddw.snmp.uplinkThreshold=5"), "snmp", "scan");
            assertThat(scanned.exit()).as(scanned.toString()).isZero();
            assertThat(scanned.out()).contains("Found 26 MAC entries", "Gi1/0/1", "high", "(uplink)",
                    "uplinks: Gi1/0/4");
            for (Cli.Result r : List.of(v2, v3, list, scanned)) {
                assertThat(r.out() + r.err()).doesNotContain(SnmpdAgent.COMMUNITY, SnmpdAgent.AUTH, SnmpdAgent.PRIV,
                        secretKey);
            }
            assertThat(one("SELECT switch_port FROM assets WHERE ip = '127.0.0.10'")).isEqualTo("Gi1/0/1");
            assertThat(one("SELECT COALESCE(switch_port, '-') FROM assets WHERE ip = '127.0.0.20'")).isEqualTo("-");
            assertThat(one("SELECT community || auth_secret || priv_secret FROM switches WHERE host = '127.0.0.2'"))
                    .startsWith("enc:v1:").doesNotContain(SnmpdAgent.AUTH, SnmpdAgent.PRIV);
            assertThat(bigr(key, "snmp", "remove", "127.0.0.2").out()).contains("Removed switch 127.0.0.2");

        }
    }

    @Test
    void withoutAnEnvironmentKeyALaptopKeyFileIsCreatedOwnerOnly() throws Exception {
        Path home = Files.createTempDirectory("bigr-home-");
        // The key file lies under $HOME (docs/DOMAIN.md §5.8), whatever Java's user.home says.
        Cli.Result added = bigr(Map.of("HOME", home.toString(), "JAVA_TOOL_OPTIONS", "-Duser.home=/nonexistent"),
                "snmp", "add", "127.0.0.9");
        assertThat(added.exit()).as(added.toString()).isZero();
        Path keyFile = home.resolve(".bigr").resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(one("SELECT community FROM switches WHERE host = '127.0.0.9'")).startsWith("enc:v1:");
        db.execute("DELETE FROM switches WHERE host = '127.0.0.9'");
    }

    @Test
    void watchRunsTheTargetAndStopsCleanlyOnSigterm() throws Exception {
        List<String> args = new ArrayList<>(List.of("watch", "--interval", "1h", "127.0.0.0/30"));
        args.addAll(config());
        String out = runUntilScheduledScanCompletes(args, "127.0.0.0/30");
        assertThat(out).contains("Watching 1 target(s)").doesNotContain("Exception");
    }

    @Test
    void aConfiguredServerRescansOnSchedule() throws Exception {
        Path yml = Files.createTempFile("bigr-server", ".yml");
        try {
            Files.writeString(yml, """
                    server:
                      type: simple
                      applicationContextPath: /
                      adminContextPath: /admin
                      connector: {type: http, port: 0, bindHost: 127.0.0.1}
                    database:
                      url: "%s"
                      user: "%s"
                      migrateOnStart: true
                    schedule:
                      enabled: true
                      tick: 1s
                      targets:
                        - subnet: 127.0.0.4/30
                          interval: 1h
                    """.formatted(db.url(), db.factory().getUser() == null ? "" : db.factory().getUser()));
            runUntilScheduledScanCompletes(List.of("server", yml.toString()), "127.0.0.4/30");
        } finally {
            Files.deleteIfExists(yml);
        }
    }

    /**
     * Starts a long-running bigr command, waits (bounded) until its scheduled scan of {@code target} completed,
     * sends SIGTERM, and checks the process ended and the schedule recorded the run. Returns the process stdout.
     */
    private String runUntilScheduledScanCompletes(List<String> args, String target) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=UTC", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.bigr.discovery.BigrApplication"));
        command.addAll(args);
        Path stderr = Files.createTempFile("bigr-watch", ".err");
        // stderr (logs) is kept apart: other JVMs' sqlite-jdbc temp-file housekeeping may log there.
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
        pb.environment().remove("DATABASE_URL");
        pb.environment().putAll(env(db));
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> {
                try {
                    for (String l = out.readLine(); l != null; l = out.readLine()) {
                        synchronized (output) {
                            output.append(l).append('\n');
                        }
                    }
                } catch (java.io.IOException e) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            // Bounded: until the scheduled scan has finished (any end state), at most ~90 s.
            List<ScanSummary> scans = List.of();
            for (int i = 0; i < 900 && p.isAlive(); i++) {
                scans = db.daos().scans().list(10, 0).stream().filter(s -> s.target().equals(target)).toList();
                if (!scans.isEmpty() && !scans.get(0).status().equals("running") && !db.jdbi().withHandle(h -> h
                        .createQuery("SELECT COUNT(*) FROM schedule_runs WHERE status = 'running'")
                        .mapTo(Integer.class).one().equals(1))) {
                    break; // the scan row is saved and the schedule has recorded the end of the run
                }
                Thread.sleep(100);
            }
            assertThat(scans).as(output + Files.readString(stderr)).hasSize(1);
            assertThat(scans.get(0).status()).as(output + Files.readString(stderr)).isEqualTo("completed");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            assertThat(one("SELECT status FROM schedule_runs WHERE job_key = 'scan:" + target + "'"))
                    .isEqualTo("completed");
            synchronized (output) {
                return output.toString();
            }
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }
}
