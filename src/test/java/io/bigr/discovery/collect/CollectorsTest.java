package io.bigr.discovery.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.scan.ScanTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: which collectors the options switch on, in which stage, with which evidence keys. */
class CollectorsTest {
    @Test
    void theDefaultsFollowTheOptions() {
        assertThat(Collectors.defaults(Collectors.Options.none())).isEmpty();
        List<Collector> all = Collectors.defaults(new Collectors.Options(true, Duration.ofSeconds(5), true, c -> { }));
        assertThat(all).extracting(Collector::name).containsExactly("mdns", "upnp", "netbios", "tls_certificates");
        assertThat(all).extracting(Collector::stage).containsExactly(Collector.Stage.DURING_DISCOVERY,
                Collector.Stage.DURING_DISCOVERY, Collector.Stage.AFTER_DISCOVERY, Collector.Stage.AFTER_SAVE);
        assertThat(all.get(0).evidenceKeys()).containsExactly("mdns_services");
        assertThat(all.get(1).evidenceKeys()).containsExactly("upnp");
        assertThat(all.get(2).evidenceKeys()).containsExactly("netbios");
        assertThat(all.get(3).evidenceKeys()).isEmpty();
        assertThat(Collectors.defaults(Collectors.Options.scheduled())).extracting(Collector::name)
                .containsExactly("mdns", "upnp", "netbios");
        Collectors.Snmp snmp = new Collectors.Snmp(java.util.Map::of,
                new io.bigr.discovery.snmp.SnmpWalker(io.bigr.discovery.snmp.SnmpWalker.Settings.DEFAULTS));
        List<Collector> withSnmp = Collectors.defaults(Collectors.Options.scheduled().withSnmp(snmp));
        assertThat(withSnmp).extracting(Collector::name).containsExactly("mdns", "upnp", "netbios", "snmp_system");
        assertThat(withSnmp.get(3).evidenceKeys()).containsExactlyInAnyOrder("snmp_sys_descr", "snmp_sys_object_id");
        assertThat(withSnmp.get(3).stage()).isEqualTo(Collector.Stage.AFTER_DISCOVERY);
    }

    @Test
    void mdnsOnATargetNoInterfaceFacesLeavesTheAssetsAsTheyAre() {
        // 127.0.0.0/8 is on no multicast interface, so nothing is browsed and nothing waits.
        Collector mdns = new MdnsServices(Duration.ofSeconds(5));
        List<Asset> assets = List.of(Asset.of(IpAddress.of("127.0.0.1")));
        long t0 = System.nanoTime();
        assertThat(mdns.start(ScanTarget.parse("127.0.0.1")).apply(assets)).isEqualTo(assets);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void certificatesAfterSaveReportTheUsualLine() throws Exception {
        List<Certificate> stored = new ArrayList<>();
        // A port nothing listens on: every handshake fails fast, no certificate, one host tried.
        Collector certs = new TlsCertificates(new io.bigr.discovery.certs.CertificateCollector(
                new io.bigr.discovery.certs.CertificateCollector.Settings(Duration.ofMillis(300),
                        Duration.ofMillis(300), 4, Duration.ofSeconds(10), List.of(1))), stored::add);
        ScanResult saved = new ScanResult("127.0.0.1", ScanMethod.ACTIVE, Timestamps.now(), Timestamps.now(), false,
                List.of(Asset.of(IpAddress.of("127.0.0.1"))));
        assertThat(certs.afterSave(saved)).containsExactly("0 TLS certificate(s) stored from 1 host(s)");
        assertThat(stored).isEmpty();
    }
}
