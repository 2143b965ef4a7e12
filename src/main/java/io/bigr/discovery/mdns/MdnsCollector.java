package io.bigr.discovery.mdns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mDNS / DNS-SD discovery (docs/DOMAIN.md §5.7) with a querier of its own ({@link MdnsQuerier}): browses the service
 * types for a bounded listen period on the given local addresses and returns every resolved instance once
 * (duplicates of name + type + ip dropped, removals ignored). Instances that do not resolve to an IPv4 address are
 * skipped. An address where no socket can be opened contributes nothing; this never throws for network reasons.
 *
 * <p>Only the interfaces it is given are used: {@link #interfacesFacing} picks the local IPv4 addresses whose subnet
 * overlaps a scan target, so scanning 127.0.0.0/8 (or a remote network) sends no multicast anywhere.
 */
public final class MdnsCollector {
    /** §5.7, in that order. */
    public static final List<String> SERVICE_TYPES = List.of("_http._tcp.local.", "_ipp._tcp.local.",
            "_printer._tcp.local.", "_airplay._tcp.local.", "_raop._tcp.local.", "_googlecast._tcp.local.",
            "_smb._tcp.local.", "_afpovertcp._tcp.local.", "_ssh._tcp.local.", "_rtsp._tcp.local.", "_hap._tcp.local.",
            "_homekit._tcp.local.", "_companion-link._tcp.local.", "_spotify-connect._tcp.local.", "_sonos._tcp.local.",
            "_device-info._tcp.local.", "_workstation._tcp.local.", "_ipps._tcp.local.", "_pdl-datastream._tcp.local.",
            "_axis-video._tcp.local.", "_hue._tcp.local.", "_shelly._tcp.local.", "_home-assistant._tcp.local.",
            "_qdiscover._tcp.local.", "_amzn-wplay._tcp.local.", "_androidtvremote2._tcp.local.",
            "_adb-tls-connect._tcp.local.", "_ihsp._tcp.local.");
    public static final Duration DEFAULT_LISTEN = Duration.ofSeconds(8);
    /** How long a scan keeps listening once its probes are done ({@link Window#finish}), at most the window. */
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(100);
    /**
     * The least a finished browse listens after its query went out ({@link #queryNow}): a responder may delay its
     * answer to a shared question by 20-120 ms (RFC 6762 §6), and the instance is resolved after that (a responder
     * sends the SRV, TXT and address records with the answer, or they are asked once more).
     */
    static final long FIRST_ANSWERS_MILLIS = 300;
    /** With every announced instance resolved, this long without a new answer ends a finished browse early. */
    static final long QUIET_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MdnsCollector.class);

    private MdnsCollector() {
    }

    /** Browses on each of {@code addresses} for {@code listen}, then returns what resolved. */
    public static List<MdnsService> browse(List<InetAddress> addresses, Duration listen) throws InterruptedException {
        return browse(addresses, new Window(listen, listen));
    }

    /**
     * Browses on each of {@code addresses} until {@code window} ends (its listen time, or earlier once
     * {@link Window#finish} was called), then returns what resolved. The PTR queries for every service type go out
     * at once ({@link MdnsQuerier}: a querier only, which claims no name and leaves nothing running when it returns).
     */
    public static List<MdnsService> browse(List<InetAddress> addresses, Window window) throws InterruptedException {
        Map<String, MdnsService> found = Collections.synchronizedMap(new LinkedHashMap<>());
        try (MdnsQuerier q = MdnsQuerier.open(addresses, found, window)) {
            if (!q.isEmpty()) {
                q.run();
            }
        } catch (IOException e) {
            LOG.warn("mDNS could not start: {}", e.toString());
        }
        synchronized (found) {
            return List.copyOf(found.values());
        }
    }

    /**
     * Decodes a TXT record (RFC 6763 §6): length-prefixed strings {@code key=value}; a key without {@code =} (a
     * boolean attribute) maps to {@code ""}, as does an empty value. The first occurrence of a key wins.
     */
    static Map<String, String> txt(byte[] bytes) {
        Map<String, String> out = new LinkedHashMap<>();
        if (bytes == null) {
            return out;
        }
        int i = 0;
        while (i < bytes.length) {
            int len = bytes[i++] & 0xff;
            if (len == 0 || i + len > bytes.length) {
                i += len;
                continue;
            }
            String entry = new String(bytes, i, len, java.nio.charset.StandardCharsets.UTF_8);
            i += len;
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq);
            if (!key.isEmpty()) {
                out.putIfAbsent(key, eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return out;
    }

    static int richness(MdnsService s) {
        return s.properties().size() + (s.hostname() == null ? 0 : 1) + (s.port() > 0 ? 1 : 0);
    }

    /**
     * When a browse stops listening. It listens at most {@code listen}; once {@link #finish} is called (a scan's
     * probes are done) it listens {@code grace} more, but never less than {@link #FIRST_ANSWERS_MILLIS} after its
     * query went out ({@link #queried}), and stops sooner when every announced instance has resolved and nothing new
     * came for {@link #QUIET_MILLIS}.
     * Thread-safe: the querier reports from its thread, {@link #finish} comes from the scan.
     */
    public static final class Window {
        private final long start = System.nanoTime();
        private final long end;
        private final long graceNanos;
        private final Set<String> pending = new HashSet<>();
        private long stopAt;
        private long lastAnswer;
        private boolean finished;
        private long finishedAt;
        private long queriedAt = -1;

        /** @param grace listening after {@link #finish}; {@code grace >= listen} waits out the whole window */
        public Window(Duration listen, Duration grace) {
            this.end = start + Math.max(0, listen.toNanos());
            this.graceNanos = Math.max(0, grace.toNanos());
            this.stopAt = end;
            this.lastAnswer = start;
        }

        /** The probes are done: listen {@code grace} more (within the window), or less once all is quiet. */
        public synchronized void finish() {
            if (!finished) {
                finished = true;
                finishedAt = System.nanoTime();
                settle();
                notifyAll();
            }
        }

        /** The query went out: the first answers are due within {@link #FIRST_ANSWERS_MILLIS}. */
        synchronized void queried() {
            if (queriedAt < 0) {
                queriedAt = System.nanoTime();
                settle();
                notifyAll();
            }
        }

        /** Once finished: the grace after the finish, but not before the first answers are due. */
        private void settle() {
            if (finished) {
                // Not queried yet (the stack still starting): counted from now, and again once it is.
                long floor = (queriedAt < 0 ? finishedAt : queriedAt) + TimeUnit.MILLISECONDS.toNanos(FIRST_ANSWERS_MILLIS);
                stopAt = Math.min(end, Math.max(finishedAt + graceNanos, floor));
            }
        }

        synchronized void added(String instance) {
            pending.add(instance);
            lastAnswer = System.nanoTime();
            notifyAll();
        }

        synchronized void resolved(String instance) {
            pending.remove(instance);
            lastAnswer = System.nanoTime();
            notifyAll();
        }

        /** Blocks until the window ends. */
        synchronized void await() throws InterruptedException {
            long left;
            while ((left = remainingNanos()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /**
         * How long until the window ends as things stand (0: it has ended); an answer, a finish or a query may
         * change it, so a listener asks again after each.
         */
        synchronized long remainingNanos() {
            long now = System.nanoTime();
            long left = stopAt - now;
            if (left > 0 && finished && pending.isEmpty() && queriedAt >= 0) {
                long quietEnd = Math.max(lastAnswer + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS),
                        queriedAt + TimeUnit.MILLISECONDS.toNanos(FIRST_ANSWERS_MILLIS));
                left = Math.min(left, quietEnd - now);
            }
            return Math.max(0, left);
        }
    }

    /**
     * Local IPv4 addresses of up, multicast-capable, non-loopback interfaces whose subnet overlaps
     * {@code targetOverlaps} (given the interface's network address and prefix length).
     */
    public static List<InetAddress> interfacesFacing(Predicate<InterfaceAddress> targetOverlaps) {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || !nic.supportsMulticast()) {
                    continue;
                }
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address && targetOverlaps.test(a)) {
                        out.add(a.getAddress());
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces: {}", e.toString());
        }
        return out;
    }
}
