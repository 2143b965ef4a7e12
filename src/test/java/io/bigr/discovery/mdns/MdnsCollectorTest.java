package io.bigr.discovery.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MdnsCollectorTest {
    private static byte[] txt(String... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String e : entries) {
            byte[] b = e.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void aFinishedWindowEndsLongBeforeItsListenTime() throws Exception {
        MdnsCollector.Window window = new MdnsCollector.Window(Duration.ofSeconds(20), Duration.ofMillis(300));
        CompletableFuture<Long> waited = waitFor(window);
        window.finish();
        // Bounded: a window that ignored finish() would still be waiting here after 10 s of its 20.
        assertThat(waited.get(10, TimeUnit.SECONDS)).isLessThan(10_000L);
    }

    @Test
    void aFinishedWindowWaitsForAnInstanceThatHasNotResolved() throws Exception {
        MdnsCollector.Window window = new MdnsCollector.Window(Duration.ofSeconds(20), Duration.ofMillis(1500));
        window.added("_ipp._tcp.local.\u0000printer");
        window.finish();
        long waited = waitFor(window).get(10, TimeUnit.SECONDS);
        assertThat(waited).as("the grace, not the quiet end").isGreaterThanOrEqualTo(1400L).isLessThan(10_000L);
    }

    @Test
    void aWindowNeverFinishedListensItsWholeTime() throws Exception {
        long t0 = System.nanoTime();
        MdnsCollector.Window window = new MdnsCollector.Window(Duration.ofMillis(1200), Duration.ofMillis(100));
        waitFor(window).get(10, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(1150L);
    }

    private static CompletableFuture<Long> waitFor(MdnsCollector.Window window) {
        return CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                window.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return (System.nanoTime() - t0) / 1_000_000;
        });
    }

    @Test
    void txtRecordsDecodeToStrings() {
        assertThat(MdnsCollector.txt(txt("md=Chromecast", "flag", "empty=", "md=second", "fn=Salon=1")))
                .containsExactly(Map.entry("md", "Chromecast"), Map.entry("flag", ""), Map.entry("empty", ""),
                        Map.entry("fn", "Salon=1"));
        assertThat(MdnsCollector.txt(new byte[] {0})).isEmpty();
        assertThat(MdnsCollector.txt(null)).isEmpty();
    }

    @Test
    void enrichmentIsByExactIpAndKeepsAnExistingHostname() {
        MdnsService cast = new MdnsService("TV", "_googlecast._tcp.local.", "10.0.0.5", 8009, "tv.local.", Map.of());
        MdnsService ssh = new MdnsService("nas", "_ssh._tcp.local.", "10.0.0.6", 22, "nas.local.", Map.of("a", "b"));
        List<Asset> out = MdnsEnricher.enrich(List.of(Asset.of(IpAddress.of("10.0.0.5")), Asset.of(IpAddress.of("10.0.0.6")).withHostname("keep"),
                Asset.of(IpAddress.of("10.0.0.50"))), List.of(cast, ssh));
        assertThat(out.get(0).hostname()).isEqualTo("tv.local.");
        assertThat(out.get(0).rawEvidence().get("mdns_services").get(0).get("service_type").asText())
                .isEqualTo("_googlecast._tcp.local.");
        assertThat(out.get(1).hostname()).isEqualTo("keep");
        assertThat(out.get(1).rawEvidence().get("mdns_services").get(0).get("properties").get("a").asText())
                .isEqualTo("b");
        assertThat(out.get(2).rawEvidence().has("mdns_services")).isFalse();
    }
}
