package io.bigr.discovery.certs;

import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.CertificateDao;
import io.bigr.discovery.db.SnapshotDao;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS certificate collection (docs/DOMAIN.md §5.9): for each host, the default TLS ports plus every port its latest
 * snapshot saw open are tried; whatever answers a TLS handshake yields its leaf certificate, read raw with a
 * trust-all manager (no chain validation, no hostname check; SNI carries the host as given). Failures of one port
 * (refused, timeout, not TLS) skip that port only.
 *
 * <p>Bounded: at most {@link Settings#parallelism()} handshakes at once, each limited by the connect and read
 * timeouts, and the whole batch by {@link Settings#batchTimeout()}.
 */
public final class CertificateCollector {
    /** §5.9 default ports, in the order they are tried. */
    public static final List<Integer> DEFAULT_PORTS = List.of(443, 8443, 993, 995, 636, 8883, 9443);

    private static final Logger LOG = LoggerFactory.getLogger(CertificateCollector.class);

    /** Timeouts and concurrency. */
    public record Settings(Duration connectTimeout, Duration readTimeout, int parallelism, Duration batchTimeout,
                           List<Integer> defaultPorts) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(3), 32,
                Duration.ofMinutes(10), DEFAULT_PORTS);

        public Settings {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            defaultPorts = List.copyOf(defaultPorts);
        }
    }

    /** What one collection did: hosts tried, endpoints tried, certificates found (and stored, if a store was given). */
    public record Report(int hostsScanned, int endpointsTried, List<Certificate> certificates) {
        public int expired() {
            return (int) certificates.stream().filter(Certificate::isExpired).count();
        }

        public int selfSigned() {
            return (int) certificates.stream().filter(Certificate::isSelfSigned).count();
        }
    }

    private final Settings settings;
    private final SSLContext trustAll;

    public CertificateCollector(Settings settings) {
        this.settings = settings;
        this.trustAll = TrustAllTls.context();
    }

    public CertificateCollector() {
        this(Settings.DEFAULTS);
    }

    /** Collects from the given hosts, each on the default ports plus its extra ports, and upserts what it finds. */
    public Report collectAndStore(CertificateDao certificates, Map<String, ? extends Collection<Integer>> extraPortsByHost)
            throws InterruptedException {
        Report report = collect(extraPortsByHost);
        report.certificates().forEach(certificates::save);
        return report;
    }

    /** Every inventory IP, with the ports its latest snapshot saw open. */
    public static Map<String, List<Integer>> inventoryTargets(AssetDao assets, SnapshotDao snapshots) {
        Map<String, String> ipById = new HashMap<>();
        Map<String, List<Integer>> targets = new LinkedHashMap<>();
        for (InventoryAsset a : assets.all()) {
            ipById.put(a.id(), a.ip());
            targets.putIfAbsent(a.ip(), new ArrayList<>());
        }
        for (SnapshotDao.AssetPorts p : snapshots.latestPorts()) {
            String ip = ipById.get(p.assetId());
            if (ip != null) {
                targets.get(ip).addAll(p.openPorts());
            }
        }
        return targets;
    }

    /** The latest-snapshot open ports of one host (empty when it is not in the inventory). */
    public static List<Integer> knownPorts(AssetDao assets, SnapshotDao snapshots, String host) {
        return inventoryTargets(assets, snapshots).getOrDefault(host, List.of());
    }

    /** Probes without storing. */
    public Report collect(Map<String, ? extends Collection<Integer>> extraPortsByHost) throws InterruptedException {
        List<Endpoint> endpoints = new ArrayList<>();
        extraPortsByHost.forEach((host, extra) -> {
            // Default ports first in their §5.9 order, then the snapshot's other open ports ascending.
            TreeSet<Integer> others = new TreeSet<>(extra);
            others.removeAll(settings.defaultPorts());
            settings.defaultPorts().forEach(p -> endpoints.add(new Endpoint(host, p)));
            others.stream().filter(p -> p > 0 && p < 65536).forEach(p -> endpoints.add(new Endpoint(host, p)));
        });
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallelism(),
                Math.max(1, endpoints.size())), r -> {
                    Thread t = new Thread(r, "bigr-tls");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Optional<Certificate>>> futures = new ArrayList<>(endpoints.size());
            for (Endpoint e : endpoints) {
                futures.add(pool.submit(() -> fetch(e.host(), e.port()).map(x ->
                        CertificateParser.parse(e.host(), e.port(), x, Timestamps.now()))));
            }
            pool.shutdown();
            long deadline = System.nanoTime() + settings.batchTimeout().toNanos();
            List<Certificate> found = new ArrayList<>();
            for (Future<Optional<Certificate>> f : futures) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).ifPresent(found::add);
                } catch (ExecutionException e) {
                    LOG.debug("certificate probe failed", e.getCause());
                } catch (TimeoutException e) {
                    f.cancel(true);
                }
            }
            return new Report(extraPortsByHost.size(), endpoints.size(), found);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The leaf certificate served on host:port, or empty when nothing there completes a TLS handshake. */
    public Optional<X509Certificate> fetch(String host, int port) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), (int) settings.connectTimeout().toMillis());
            plain.setSoTimeout((int) settings.readTimeout().toMillis());
            try (SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(plain, host, port, true)) {
                SSLParameters params = tls.getSSLParameters();
                sni(host).ifPresent(name -> params.setServerNames(List.of(name)));
                // No endpoint identification algorithm: the collector records what is served, it does not trust it.
                params.setEndpointIdentificationAlgorithm(null);
                tls.setSSLParameters(params);
                tls.startHandshake();
                java.security.cert.Certificate[] chain = tls.getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    return Optional.of(leaf);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no TLS on {}:{}: {}", host, port, e.toString());
        }
        return Optional.empty();
    }

    /** SNI is the host as given; an IP literal that SNIHostName refuses is simply not sent. */
    private static Optional<SNIHostName> sni(String host) {
        try {
            return Optional.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record Endpoint(String host, int port) {
    }
}
