package io.bigr.discovery.classify;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints what the bundled OUI snapshot and the rules cost: first-use load time, retained heap (rough: used heap
 * after GC, before and after), lookup and classify throughput. Numbers only, no assertions on speed.
 * Run: {@code mvn -q -Pbench test -Dtest=OuiBenchmark}.
 */
class OuiBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of this thread: the machine is shared, so wall time alone says little. */
    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void loadLookupAndClassify() throws Exception {
        long before = usedAfterGc();
        long c0 = cpu();
        long t0 = System.nanoTime();
        OuiRegistry registry = OuiRegistry.bundled();
        String v = registry.lookup("54:1f:8d:00:00:01"); // not in the override table: forces the snapshot load
        long t1 = System.nanoTime();
        long c1 = cpu();
        long after = usedAfterGc();
        System.out.printf("OUI snapshot: %d prefixes, first lookup (load) %.1f ms wall, %.1f ms CPU, "
                        + "retained heap ~%.2f MB (%s)%n",
                registry.size(), (t1 - t0) / 1e6, (c1 - c0) / 1e6, (after - before) / 1048576.0, v);

        int n = 1 << 20;
        String[] macs = new String[n];
        for (int i = 0; i < n; i++) {
            int prefix = i * 16 & 0xfcffff; // spread over the space, globally administered only
            macs[i] = String.format("%02x:%02x:%02x:00:00:01", prefix >> 16, prefix >> 8 & 255, prefix & 255);
        }
        long c2 = cpu();
        int hits = 0;
        for (String mac : macs) {
            if (registry.lookup(mac) != null) {
                hits++;
            }
        }
        long c3 = cpu();
        System.out.printf("OUI lookups: %d in %.0f ms CPU (%.2f µs each), %d hits%n",
                n, (c3 - c2) / 1e6, (c3 - c2) / 1e3 / n, hits);

        long t4 = System.nanoTime();
        long c4 = cpu();
        Classifier classifier = Classifier.load(null);
        long c5 = cpu();
        long t5 = System.nanoTime();
        System.out.printf("Rules: bundled rules parsed and validated in %.1f ms wall, %.1f ms CPU%n",
                (t5 - t4) / 1e6, (c5 - c4) / 1e6);
        Asset cam = Asset.of(IpAddress.of("10.0.0.50")).withMac(MacAddress.of("a4:14:37:00:11:22")).withHostname("lobby-cam-01")
                .withOpenPorts(List.of(80, 554));
        int m = 200_000;
        for (int i = 0; i < 20_000; i++) {
            classifier.classify(cam, null);
        }
        long c6 = cpu();
        for (int i = 0; i < m; i++) {
            classifier.classify(cam, null);
        }
        long c7 = cpu();
        System.out.printf("Classify: %d assets in %.0f ms CPU (%.1f µs each)%n", m, (c7 - c6) / 1e6,
                (c7 - c6) / 1e3 / m);
    }
}
