package io.bigr.discovery.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.snmp.SwitchConfig;
import io.bigr.discovery.testing.DatabaseContract;
import io.dropwizard.util.Duration;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scheduled scan asks the devices stored with {@code bigr snmp add} for their SNMP system details, as
 * {@code bigr scan} does: the stored (encrypted) credential is opened with the server's key and used; with none
 * stored, no device is asked. The "agent" is a UDP socket on loopback that records what reaches it.
 */
public abstract class ScheduledScanSnmpContract extends DatabaseContract {
    static final String COMMUNITY = "sched-lab-community";

    @BeforeEach
    void noSwitches() {
        empty("switches");
    }

    private BigrConfiguration config(int agentPort) {
        BigrConfiguration config = new BigrConfiguration();
        config.getSnmp().setPort(agentPort);
        config.getSnmp().setTimeout(Duration.milliseconds(300));
        config.getSnmp().setRetries(0);
        config.getSnmp().setSecretKey(Base64.getEncoder().encodeToString(new byte[32]));
        return config;
    }

    @Test
    void aStoredCredentialIsUsedByTheScheduledScan() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            BigrConfiguration config = config(agent.getLocalPort());
            daos.switches().save(SwitchConfig.v2c("127.0.0.1", COMMUNITY, "lab").seal(config.getSnmp().secrets()));
            assertThat(daos.switches().credentials().get(0).toString()).doesNotContain(COMMUNITY);

            ScanResult result = DiscoveryScans.runner(config, daos).scan("127.0.0.1");

            assertThat(result.assets()).extracting(a -> a.ip().toString()).contains("127.0.0.1");
            agent.setSoTimeout(2_000);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            agent.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1)).contains(COMMUNITY);
        }
    }

    @Test
    void withNoStoredCredentialNoDeviceIsAsked() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            DiscoveryScans.runner(config(agent.getLocalPort()), daos).scan("127.0.0.1");
            agent.setSoTimeout(300);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> agent.receive(p))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
