package io.bigr.discovery.collect;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.mdns.MdnsEnricher;
import io.bigr.discovery.mdns.MdnsScan;
import io.bigr.discovery.scan.ScanTarget;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * mDNS browsing alongside discovery ({@link MdnsScan}): queries and listens on the interfaces facing the target
 * while the probes run, and stops {@code grace} after they are done (sooner when every announced instance has
 * resolved), never later than {@code listen}; the services found name hostless assets and become their
 * {@code raw_evidence.mdns_services} ({@link MdnsEnricher}).
 */
public record MdnsServices(Duration listen, Duration grace) implements Collector {
    /** Listens the whole window, whenever discovery ends. */
    public MdnsServices(Duration listen) {
        this(listen, listen);
    }

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
        MdnsScan mdns = MdnsScan.start(target.text(), listen, grace);
        return new Enrichment() {
            @Override
            public void prepare(List<Asset> discovered) {
                mdns.probesDone();  // the grace starts now, alongside the other collectors' waits
            }

            @Override
            public List<Asset> apply(List<Asset> assets) {
                return MdnsEnricher.enrich(assets, mdns.services());
            }
        };
    }
}
