package io.bigr.discovery.collect;

import io.bigr.discovery.certs.CertificateCollector;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.ScanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code --certs}: once a scan is stored, the TLS certificates of the hosts it found, on the default TLS ports and
 * their open ports ({@link CertificateCollector}); each certificate goes to {@code store} (an upsert).
 */
public final class TlsCertificates implements Collector {
    private final CertificateCollector collector;
    private final Consumer<Certificate> store;

    public TlsCertificates(CertificateCollector collector, Consumer<Certificate> store) {
        this.collector = collector;
        this.store = store;
    }

    @Override
    public String name() {
        return "tls_certificates";
    }

    @Override
    public Stage stage() {
        return Stage.AFTER_SAVE;
    }

    @Override
    public Set<String> evidenceKeys() {
        return Set.of();
    }

    @Override
    public List<String> afterSave(ScanResult saved) throws InterruptedException {
        Map<String, List<Integer>> targets = new LinkedHashMap<>();
        saved.assets().forEach(a -> targets.computeIfAbsent(a.ip().value(), k -> new ArrayList<>()).addAll(a.openPorts()));
        CertificateCollector.Report report = collector.collect(targets);
        report.certificates().forEach(store);
        return List.of(report.certificates().size() + " TLS certificate(s) stored from " + report.hostsScanned()
                + " host(s)");
    }
}
