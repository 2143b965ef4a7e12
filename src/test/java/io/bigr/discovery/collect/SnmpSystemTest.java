package io.bigr.discovery.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.snmp.SnmpWalker;
import io.bigr.discovery.snmp.SwitchConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Only hosts with a configured credential are asked, and a device that does not answer costs at most the deadline and
 * gives no evidence. (An answering agent is covered by the namespace lab, {@code ScanLabIT}, with net-snmp's snmpd.)
 */
class SnmpSystemTest {
    @Test
    void onlyConfiguredHostsAreAskedAndSilenceGivesNothing() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger read = new AtomicInteger();
            SnmpWalker walker = new SnmpWalker(new SnmpWalker.Settings(agent.getLocalPort(), Duration.ofMillis(300), 0,
                    10));
            Collector snmp = new SnmpSystem(() -> {
                read.incrementAndGet();
                return Map.of("127.0.0.1", SwitchConfig.v2c("127.0.0.1", "lab", ""));
            }, walker, Duration.ofSeconds(2));
            List<Asset> assets = List.of(Asset.of(IpAddress.of("127.0.0.1")), Asset.of(IpAddress.of("127.0.0.2")));
            long t0 = System.nanoTime();
            List<Asset> out = snmp.start(ScanTarget.parse("127.0.0.0/30")).apply(assets);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(out).isEqualTo(assets);
            assertThat(read).hasValue(1);
            // the request reached the configured host's agent port: it was asked, the other host was not
            agent.setSoTimeout(100);
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[1500], 1500);
            agent.receive(p);
            assertThat(p.getLength()).isPositive();
        }
        Collector none = new SnmpSystem(Map::of, new SnmpWalker(SnmpWalker.Settings.DEFAULTS), Duration.ofSeconds(2));
        List<Asset> assets = List.of(Asset.of(IpAddress.of("127.0.0.1")));
        assertThat(none.start(ScanTarget.parse("127.0.0.1")).apply(assets)).isSameAs(assets);
    }
}
