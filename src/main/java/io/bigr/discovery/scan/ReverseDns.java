package io.bigr.discovery.scan;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reverse DNS (PTR, or the hosts file, whatever the system resolver is set up to use) for many addresses at once,
 * in a small pool of daemon threads, with one overall deadline: names not known by then are left out, and the
 * threads still waiting on a slow resolver are abandoned (they are daemons and end with their lookups).
 */
public final class ReverseDns {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
    private static final int THREADS = 16;

    private ReverseDns() {
    }

    /** IP → name for the addresses that resolved before the deadline. */
    public static Map<String, String> lookup(Collection<String> ips, Duration deadline) {
        Map<String, String> names = new ConcurrentHashMap<>();
        if (ips.isEmpty()) {
            return names;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, ips.size()), r -> {
            Thread t = new Thread(r, "bigr-rdns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (String ip : ips) {
                pool.execute(() -> {
                    String name = resolve(ip);
                    if (name != null) {
                        names.put(ip, name);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        return Map.copyOf(names);
    }

    private static String resolve(String ip) {
        try {
            InetAddress a = ProbeEngine.address(ScanTarget.parseAddress(ip));
            String name = a.getCanonicalHostName();
            return name == null || name.equals(ip) ? null : name;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
