package io.bigr.discovery.scan;

import java.time.Duration;

/**
 * Bounds of the probe engine. Every loop the engine runs is bounded by these: at most {@code maxInFlight} sockets
 * open at once (and never more than the process may open), at most {@code rate} connection attempts per second in
 * total, at most {@code perHostCap} attempts in flight against one host, each attempt given {@code timeout} and
 * retried at most {@code retries} times when it timed out.
 */
public record ProbeSettings(int maxInFlight, int rate, int perHostCap, Duration timeout, int retries) {
    public static final int DEFAULT_MAX_IN_FLIGHT = 2048;
    public static final int DEFAULT_RATE = 5000;
    public static final int DEFAULT_PER_HOST_CAP = 64;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2000);
    public static final Duration DEFAULT_DISCOVERY_TIMEOUT = Duration.ofMillis(750);

    public ProbeSettings {
        if (maxInFlight < 1 || rate < 1 || perHostCap < 1) {
            throw new IllegalArgumentException("max in-flight, rate and per-host cap must be at least 1");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (retries < 0 || retries > 3) {
            throw new IllegalArgumentException("retries must be 0-3");
        }
        maxInFlight = Math.min(maxInFlight, socketBudget());
    }

    public static ProbeSettings defaults() {
        return new ProbeSettings(DEFAULT_MAX_IN_FLIGHT, DEFAULT_RATE, DEFAULT_PER_HOST_CAP, DEFAULT_TIMEOUT, 1);
    }

    public ProbeSettings withTimeout(Duration t) {
        return new ProbeSettings(maxInFlight, rate, perHostCap, t, retries);
    }

    /**
     * Sockets this process may hold for probing: half of what is left of the file-descriptor limit (the database,
     * jars and the JVM need the rest), and never more than a quarter of the ephemeral port range.
     */
    static int socketBudget() {
        long fds = 1024;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            fds = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
        }
        long ports = 28_000;
        try {
            String[] range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim().split("\\s+");
            ports = Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or unreadable: keep the conservative default
        }
        return (int) Math.max(16, Math.min(fds / 2, ports / 4));
    }
}
