package io.bigr.discovery.collect;

import io.bigr.discovery.mdns.MdnsEnricher;
import io.bigr.discovery.mdns.MdnsScan;
import io.bigr.discovery.scan.ScanTarget;
import java.time.Duration;
import java.util.Set;

/**
 * mDNS browsing alongside discovery ({@link MdnsScan}): listens for {@code listen} on the interfaces facing the
 * target while the probes run; the services found name hostless assets and become their
 * {@code raw_evidence.mdns_services} ({@link MdnsEnricher}).
 */
public record MdnsServices(Duration listen) implements Collector {
    @Override
    public String name() {
        return "mdns";
    }

    @Override
    public Stage stage() {
        return Stage.DURING_DISCOVERY;
    }

    @Override
    public Set<String> evidenceKeys() {
        return Set.of("mdns_services");
    }

    @Override
    public Enrichment start(ScanTarget target) {
        MdnsScan mdns = MdnsScan.start(target.text(), listen);
        return assets -> MdnsEnricher.enrich(assets, mdns.services());
    }
}
