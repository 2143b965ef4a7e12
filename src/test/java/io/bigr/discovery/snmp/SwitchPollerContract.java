package io.bigr.discovery.snmp;

import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.SwitchInfo;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.testing.TestDb;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Switch polling end to end against a real snmpd on loopback serving a forwarding-table fixture; results checked in
 * the real store on SQLite and PostgreSQL.
 *
 * <p>Fixture (MACs 02:00:00:00:00:xx): bridge ports 1-5 map to ifIndex 1001-1005; port 6 has no ifIndex.
 * Port 1: A(0a) plus the switch's own MAC (status self). Port 2: B(0b) and, in VLAN 20, L(0e). Port 3: C(0c),
 * D(0d), named only by ifDescr. Port 4: six MACs 14-19 (an uplink by count, threshold 5). Port 5: K(1e) with an LLDP
 * neighbour. Port 6: M(28).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SwitchPollerContract {
    private static final int THRESHOLD = 5;

    private TestDb db;
    private Daos daos;
    private SnmpdAgent agent;
    private SecretBox box;

    abstract TestDb newDatabase();

    public static List<String> fixture() {
        List<String> f = new ArrayList<>();
        String fdbPort = ".1.3.6.1.2.1.17.4.3.1.2.2.0.0.0.0.";
        String fdbStatus = ".1.3.6.1.2.1.17.4.3.1.3.2.0.0.0.0.";
        int[][] learned = {{10, 1}, {99, 1}, {11, 2}, {12, 3}, {13, 3}, {20, 4}, {21, 4}, {22, 4}, {23, 4}, {24, 4},
            {25, 4}, {30, 5}, {40, 6}};
        for (int[] e : learned) {
            f.add(fdbPort + e[0] + " integer " + e[1]);
            f.add(fdbStatus + e[0] + " integer " + (e[0] == 99 ? 4 : 3));
        }
        f.add(".1.3.6.1.2.1.17.7.1.2.2.1.2.10.2.0.0.0.0.10 integer 1");
        f.add(".1.3.6.1.2.1.17.7.1.2.2.1.2.20.2.0.0.0.0.14 integer 2");
        f.add(".1.3.6.1.2.1.17.7.1.2.2.1.3.20.2.0.0.0.0.14 integer 3");
        for (int p = 1; p <= 5; p++) {
            f.add(".1.3.6.1.2.1.17.1.4.1.2." + p + " integer " + (1000 + p));
        }
        f.add(".1.3.6.1.2.1.31.1.1.1.1.1001 string Gi1/0/1");
        f.add(".1.3.6.1.2.1.31.1.1.1.1.1002 string Gi1/0/2");
        f.add(".1.3.6.1.2.1.31.1.1.1.1.1004 string Gi1/0/4");
        f.add(".1.3.6.1.2.1.31.1.1.1.1.1005 string Te1/1/1");
        f.add(".1.3.6.1.2.1.2.2.1.2.1003 string GigabitEthernet1/0/3");
        f.add(".1.0.8802.1.1.2.1.4.1.1.5.0.5.1 string 00:11:22:33:44:55");
        f.add(".1.0.8802.1.1.2.1.4.1.1.9.0.5.1 string core-sw-01");
        return f;
    }

    @BeforeAll
    void open() throws Exception {
        SnmpdAgent.requireSnmpd();
        db = newDatabase().migrate();
        daos = db.daos();
        agent = SnmpdAgent.start(fixture());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        box = SecretBox.of(key);
    }

    @AfterAll
    void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        for (String table : List.of("asset_changes", "scan_assets", "assets", "scans", "switches")) {
            db.execute("DELETE FROM " + table);
        }
        daos.store().save(scan("127.0.0.0/24",
                asset("127.0.0.10", "02:00:00:00:00:0a"), asset("127.0.0.11", "02:00:00:00:00:0b"),
                asset("127.0.0.12", "02:00:00:00:00:0c"), asset("127.0.0.14", "02:00:00:00:00:0e"),
                asset("127.0.0.20", "02:00:00:00:00:14"), asset("127.0.0.30", "02:00:00:00:00:1e"),
                asset("127.0.0.40", "02:00:00:00:00:28"), asset("127.0.0.50", "02:00:00:00:00:ff")));
    }

    private SwitchPoller poller(SecretBox secrets) {
        return new SwitchPoller(daos.switches(), daos.switchEvidence(), secrets, new SnmpWalker(new SnmpWalker.Settings(agent.port(),
                Duration.ofSeconds(2), 1, 10_000)), THRESHOLD);
    }

    private InventoryAsset byIp(String ip) {
        return daos.assets().byIp(ip).get(0);
    }

    private JsonNode evidenceOf(String ip) {
        return daos.snapshots().history(ip, null).get(0).rawEvidence().get("switch_port");
    }

    private void assertPlacements(String host) {
        assertThat(byIp("127.0.0.10")).extracting(InventoryAsset::switchHost, InventoryAsset::switchPort,
                InventoryAsset::switchPortIndex).containsExactly(host, "Gi1/0/1", 1);
        assertThat(byIp("127.0.0.11")).extracting(InventoryAsset::switchPort, InventoryAsset::switchPortIndex)
                .containsExactly("Gi1/0/2", 2);
        assertThat(byIp("127.0.0.14")).extracting(InventoryAsset::switchPort, InventoryAsset::switchPortIndex)
                .containsExactly("Gi1/0/2", 2);
        // ifName missing for ifIndex 1003: the ifDescr fallback names it.
        assertThat(byIp("127.0.0.12")).extracting(InventoryAsset::switchPort, InventoryAsset::switchPortIndex)
                .containsExactly("GigabitEthernet1/0/3", 3);
        assertThat(byIp("127.0.0.40")).extracting(InventoryAsset::switchPort, InventoryAsset::switchPortIndex)
                .containsExactly("port-6", 6);
        // Uplinks (6 MACs on port 4; the LLDP neighbour on port 5) and unknown MACs are never attributed.
        for (String ip : List.of("127.0.0.20", "127.0.0.30", "127.0.0.50")) {
            assertThat(byIp(ip)).extracting(InventoryAsset::switchHost, InventoryAsset::switchPort,
                    InventoryAsset::switchPortIndex).containsOnlyNulls();
        }

        JsonNode a = evidenceOf("127.0.0.10");
        assertThat(a.get("confidence").asText()).isEqualTo("high");
        assertThat(a.get("vlan_id").asInt()).isEqualTo(10);
        assertThat(a.get("switch_host").asText()).isEqualTo(host);
        JsonNode l = evidenceOf("127.0.0.14");
        assertThat(l.get("confidence").asText()).isEqualTo("medium");
        assertThat(l.get("vlan_id").asInt()).isEqualTo(20);
        assertThat(l.get("macs_on_port").asInt()).isEqualTo(2);
        assertThat(evidenceOf("127.0.0.20")).isNull();

        SwitchInfo info = daos.switches().all().get(0);
        assertThat(info.macCount()).isEqualTo(13); // self entry excluded
        assertThat(info.lastPolled()).isNotNull();
    }

    @Test
    void v2cPollPlacesAssetsAndExcludesUplinks() {
        daos.switches().save(SwitchConfig.v2c("127.0.0.1", SnmpdAgent.COMMUNITY, "Access").seal(box));

        List<SwitchPoller.SwitchReport> reports = poller(box).pollAll();

        assertThat(reports).hasSize(1);
        SwitchPoller.SwitchReport r = reports.get(0);
        assertThat(r.error()).isNull();
        assertThat(r.uplinks()).extracting(ForwardingTable.Port::name).containsExactly("Gi1/0/4", "Te1/1/1");
        assertThat(r.uplinks().get(1).reason()).contains("core-sw-01");
        assertThat(r.assetsPlaced()).isEqualTo(5);
        assertPlacements("127.0.0.1");
    }

    @Test
    void v3AuthPrivPollPlacesAssets() {
        daos.switches().save(SwitchConfig.v3("127.0.0.2", SnmpdAgent.USER, "SHA", SnmpdAgent.AUTH, "AES",
                SnmpdAgent.PRIV, "Core").seal(box));

        SwitchPoller.SwitchReport r = poller(box).pollAll().get(0);

        assertThat(r.error()).isNull();
        assertPlacements("127.0.0.2");
    }

    @Test
    void wrongCredentialsSkipTheSwitchAndLeaveStatsUntouched() {
        daos.switches().save(SwitchConfig.v2c("127.0.0.1", "not-the-community", "").seal(box));
        daos.switches().save(SwitchConfig.v3("127.0.0.2", SnmpdAgent.USER, "SHA", "wrong-auth-pass", "AES",
                SnmpdAgent.PRIV, "").seal(box));

        List<SwitchPoller.SwitchReport> reports = poller(box).pollAll();

        assertThat(reports).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).doesNotContain("not-the-community", "wrong-auth-pass", SnmpdAgent.PRIV);
        });
        assertThat(daos.switches().all()).allSatisfy(s -> {
            assertThat(s.lastPolled()).isNull();
            assertThat(s.macCount()).isZero();
        });
        assertThat(byIp("127.0.0.10").switchHost()).isNull();
    }

    @Test
    void secretsAreStoredEncryptedAndAnotherKeyCannotOpenThem() {
        daos.switches().save(SwitchConfig.v3("127.0.0.2", SnmpdAgent.USER, "SHA", SnmpdAgent.AUTH, "AES",
                SnmpdAgent.PRIV, "Core").seal(box));
        daos.switches().save(SwitchConfig.v2c("127.0.0.1", SnmpdAgent.COMMUNITY, "Access").seal(box));

        String raw = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT community || '|' || auth_secret || '|' || priv_secret FROM switches WHERE host = '127.0.0.2'")
                .mapTo(String.class).one())
                + db.jdbi().withHandle(h -> h.createQuery("SELECT community FROM switches WHERE host = '127.0.0.1'")
                .mapTo(String.class).one());
        assertThat(raw).doesNotContain(SnmpdAgent.AUTH, SnmpdAgent.PRIV, SnmpdAgent.COMMUNITY).contains("enc:v1:");
        assertThat(Json.write(daos.switches().all())).doesNotContain("enc:v1:", SnmpdAgent.COMMUNITY, "auth_secret");
        SwitchDao.Credentials stored = daos.switches().credentials().stream()
                .filter(c -> c.host().equals("127.0.0.2")).findFirst().orElseThrow();
        assertThat(SwitchConfig.open(stored, box).privSecret()).isEqualTo(SnmpdAgent.PRIV);

        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        List<SwitchPoller.SwitchReport> reports = poller(SecretBox.of(other)).pollAll();
        assertThat(reports).allSatisfy(r -> assertThat(r.error()).contains("cannot decrypt", SecretBox.ENV));
    }
}
