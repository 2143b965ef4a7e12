package io.bigr.discovery.collect;

import io.bigr.discovery.certs.CertificateCollector;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.mdns.MdnsCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.bigr.discovery.snmp.SnmpWalker;
import io.bigr.discovery.snmp.SwitchConfig;

/**
 * The one registry of scan collectors: {@link #defaults} lists every collector a scan may run, in the order the
 * pipeline applies them, each switched by its option. A new collector is one class and one line here.
 *
 * <p>Not here: the SNMP switch poll and the certificate recheck. They run on the scheduler's own intervals over the
 * whole inventory, not as part of a scan ({@code schedule/Jobs}), and keep doing so.
 */
public final class Collectors {
    private Collectors() {
    }

    /**
     * Which collectors run and what they need.
     *
     * @param mdns              browse mDNS during discovery (off for active scans and with {@code --no-mdns})
     * @param mdnsListen        how long mDNS listens at most
     * @param mdnsGrace         how long mDNS keeps listening once discovery is done ({@code >= mdnsListen}: the
     *                          whole window)
     * @param certificates      collect TLS certificates after the scan is stored ({@code --certs})
     * @param certificateStore  where collected certificates go (an upsert); used only with {@code certificates}
     * @param descriptions      SSDP during discovery, then device descriptions and identity endpoints (§5.14)
     * @param netbios           NetBIOS node status of the SMB hosts (§5.15)
     * @param snmp              the SNMP system group of hosts with a configured credential (§5.16), or null
     */
    public record Options(boolean mdns, Duration mdnsListen, Duration mdnsGrace, boolean certificates,
                          Consumer<Certificate> certificateStore, boolean descriptions, boolean netbios, Snmp snmp) {
        /** mDNS listening its whole window. */
        public Options(boolean mdns, Duration mdnsListen, boolean certificates, Consumer<Certificate> certificateStore) {
            this(mdns, mdnsListen, mdnsListen, certificates, certificateStore);
        }

        /** With descriptions and NetBIOS on, no SNMP. */
        public Options(boolean mdns, Duration mdnsListen, Duration mdnsGrace, boolean certificates,
                       Consumer<Certificate> certificateStore) {
            this(mdns, mdnsListen, mdnsGrace, certificates, certificateStore, true, true, null);
        }

        public Options withSnmp(Snmp s) {
            return new Options(mdns, mdnsListen, mdnsGrace, certificates, certificateStore, descriptions, netbios, s);
        }

        /**
         * A scheduled rescan: mDNS for the whole default listen time (a background run has the time to hear late
         * announcements), no certificates (they have their own job).
         */
        public static Options scheduled() {
            return new Options(true, MdnsCollector.DEFAULT_LISTEN, false, c -> { });
        }

        /** No collectors at all. */
        public static Options none() {
            return new Options(false, Duration.ZERO, Duration.ZERO, false, c -> { }, false, false, null);
        }
    }

    /** SNMP for the scan: the configured credentials by host (read when the collector runs) and the walker. */
    public record Snmp(Supplier<Map<String, SwitchConfig>> credentials, SnmpWalker walker) {
    }

    public static List<Collector> defaults(Options options) {
        List<Collector> collectors = new ArrayList<>();
        if (options.mdns()) {
            collectors.add(new MdnsServices(options.mdnsListen(), options.mdnsGrace()));
        }
        if (options.descriptions()) {
            collectors.add(new DeviceDescriptions(DeviceDescriptions.DEFAULT_LISTEN,
                    options.mdns() ? options.mdnsGrace() : MdnsCollector.DEFAULT_GRACE, DeviceDescriptions.DEFAULT_FETCH));
        }
        if (options.netbios()) {
            collectors.add(new NetbiosNames(NetbiosNames.DEFAULT_WAIT));
        }
        if (options.snmp() != null) {
            collectors.add(new SnmpSystem(options.snmp().credentials(), options.snmp().walker(), Duration.ofSeconds(4)));
        }
        if (options.certificates()) {
            collectors.add(new TlsCertificates(new CertificateCollector(), options.certificateStore()));
        }
        return List.copyOf(collectors);
    }
}
