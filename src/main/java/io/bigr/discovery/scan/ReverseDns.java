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

    /**
     * Lookups started as hosts are found ({@link #lookup}, from any thread, each address once) on at most 16
     * daemon threads; {@link #finish} waits until every lookup ended, at most {@code deadline} after the last one
     * was asked, and leaves out what is still unknown.
     */
    public static final class Session {
        private final Duration deadline;
        private final ExecutorService pool;
        private final Map<String, String> names = new ConcurrentHashMap<>();
        private final java.util.Set<String> asked = ConcurrentHashMap.newKeySet();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile long lastAsked = System.nanoTime();

        public Session(Duration deadline) {
            this.deadline = deadline;
            AtomicInteger n = new AtomicInteger();
            java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(THREADS,
                    THREADS, 1, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(null, r, "bigr-rdns-" + n.incrementAndGet(), 256 * 1024);
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true);
            pool = executor;
        }

        public void lookup(String ip) {
            if (!asked.add(ip)) {
                return;
            }
            lastAsked = System.nanoTime();
            pending.incrementAndGet();
            try {
                pool.execute(() -> {
                    try {
                        String name = resolve(ip);
                        if (name != null) {
                            names.put(ip, name);
                        }
                    } finally {
                        if (pending.decrementAndGet() == 0) {
                            synchronized (this) {
                                notifyAll();
                            }
                        }
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.decrementAndGet();
            }
        }

        /** How many addresses were asked. */
        public int asked() {
            return asked.size();
        }

        /** IP → name for the lookups that ended in time; stops the session. */
        public Map<String, String> finish() {
            synchronized (this) {
                long left;
                while (pending.get() > 0 && (left = lastAsked + deadline.toNanos() - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            pool.shutdownNow();
            return Map.copyOf(names);
        }
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
