package io.bigr.discovery.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.collect.Collectors;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.scan.ScanClassifier;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.scan.Scanner;
import io.bigr.discovery.scan.pipeline.ScanPipeline;
import io.bigr.discovery.scan.pipeline.ScanStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pipeline with the real mDNS collector against a responder in the test's own namespace: the listening ends
 * shortly after the probes, well inside a long {@code --mdns-listen} window, and the service is still found.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MdnsPipelineIT {
    private static final Duration WINDOW = Duration.ofSeconds(20);

    private MdnsLab lab;

    @BeforeAll
    void open() throws Exception {
        lab = MdnsLab.create();
        lab.announce("printer-2", "_ipp._tcp.local.", "Hall Printer", 631, "ty=Laser");
    }

    @AfterAll
    void close() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theWaitEndsSoonAfterTheProbesAndStillFindsTheService() throws Exception {
        ScanPipeline pipeline = new ScanPipeline(ScanClassifier.load(null),
                Collectors.defaults(new Collectors.Options(true, WINDOW, MdnsCollector.DEFAULT_GRACE, false,
                        c -> { })),
                new NoStore(), ScanPipeline.Delivery.NONE, false, this::probes, ScanPipeline.Observer.NONE);
        Scanner.Request request = Scanner.Request.defaults(ScanTarget.parse(lab.labIp), ScanMethod.HYBRID);

        long t0 = System.nanoTime();
        // Bounded: a pipeline that waited out the window would still be running after 15 s of its 20.
        ScanResult result = CompletableFuture.supplyAsync(() -> pipeline.scan(request).result())
                .get(15, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(ms).as("the wait ends well inside the %s window", WINDOW).isLessThan(WINDOW.toMillis() / 2);
        Asset printer = result.assets().get(0);
        assertThat(printer.hostname()).isEqualTo("printer-2.local.");
        assertThat(printer.rawEvidence().get("mdns_services")).hasSize(1);
        assertThat(printer.rawEvidence().get("mdns_services").get(0).get("name").asText()).isEqualTo("Hall Printer");
    }

    /** Stands in for the probes: half a second of discovery that finds the lab's address and nothing else. */
    private Scanner.Outcome probes(Scanner.Request r) {
        Instant t = Instant.now();
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Asset> assets = List.of(Asset.of(IpAddress.of(lab.labIp)));
        return new Scanner.Outcome(new ScanResult(r.target().text(), r.mode(), t, Instant.now(), true, assets,
                Json.object()), Map.of());
    }

    private static final class NoStore implements ScanStore {
        @Override
        public Map<String, InventoryAsset> tagsByIp() {
            return Map.of();
        }

        @Override
        public List<ScanAssetView> knownAt(ScanTarget target) {
            return List.of();
        }

        @Override
        public Receipt save(ScanResult result) {
            throw new UnsupportedOperationException("not stored");
        }
    }
}
