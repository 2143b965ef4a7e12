package io.bigr.discovery.collect;

import io.bigr.discovery.certs.CertificateCollector;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.mdns.MdnsCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
     */
    public record Options(boolean mdns, Duration mdnsListen, Duration mdnsGrace, boolean certificates,
                          Consumer<Certificate> certificateStore) {
        /** mDNS listening its whole window. */
        public Options(boolean mdns, Duration mdnsListen, boolean certificates, Consumer<Certificate> certificateStore) {
            this(mdns, mdnsListen, mdnsListen, certificates, certificateStore);
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
            return new Options(false, Duration.ZERO, false, c -> { });
        }
    }

    public static List<Collector> defaults(Options options) {
        List<Collector> collectors = new ArrayList<>();
        if (options.mdns()) {
            collectors.add(new MdnsServices(options.mdnsListen(), options.mdnsGrace()));
        }
        if (options.certificates()) {
            collectors.add(new TlsCertificates(new CertificateCollector(), options.certificateStore()));
        }
        return List.copyOf(collectors);
    }
}
