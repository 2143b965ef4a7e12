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
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import javax.jmdns.impl.DNSOutgoing;
import javax.jmdns.impl.DNSQuestion;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSConstants;
import javax.jmdns.impl.constants.DNSRecordClass;
import javax.jmdns.impl.constants.DNSRecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mDNS / DNS-SD discovery (docs/DOMAIN.md §5.7) with JmDNS: browses the 15 service types for a bounded listen period on
 * the given local addresses and returns every resolved instance once (duplicates of name + type + ip dropped,
 * removals ignored). Instances that do not resolve to an IPv4 address are skipped. A stack that cannot start on an
 * address contributes nothing; this never throws for network reasons.
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
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(400);
    /**
     * The least a finished browse listens: the first query round goes out 225 ms after a listener is added, a
     * responder may delay its answer by up to 120 ms (RFC 6762 §6) and the instance is resolved after that.
     */
    static final long FIRST_ANSWERS_MILLIS = 1000;
    /** With every announced instance resolved, this long without a new answer ends a finished browse early. */
    static final long QUIET_MILLIS = 100;
    /** How long one resolve request may take inside the listen period. */
    private static final long RESOLVE_MILLIS = 1500;

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
     * as soon as the stacks start.
     */
    public static List<MdnsService> browse(List<InetAddress> addresses, Window window) throws InterruptedException {
        Map<String, MdnsService> found = Collections.synchronizedMap(new LinkedHashMap<>());
        List<JmDNS> stacks = new ArrayList<>();
        try {
            for (InetAddress address : addresses) {
                try {
                    JmDNS dns = JmDNS.create(address, "bigr-" + address.getHostAddress().replace('.', '-'));
                    stacks.add(dns);
                    ServiceListener listener = listener(dns, found, window);
                    SERVICE_TYPES.forEach(type -> dns.addServiceListener(type, listener));
                    queryNow(dns);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("mDNS could not start on {}: {}", address.getHostAddress(), e.toString());
                }
            }
            if (!stacks.isEmpty()) {
                window.await();
            }
        } finally {
            closeInBackground(stacks);
        }
        synchronized (found) {
            return List.copyOf(found.values());
        }
    }

    /**
     * Closes the stacks on a daemon thread: JmDNS's close sends its goodbyes and waits for its timers (a second or
     * more), while what was heard is already in hand.
     */
    private static void closeInBackground(List<JmDNS> stacks) {
        if (stacks.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            for (JmDNS dns : stacks) {
                try {
                    dns.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("mDNS close failed", e);
                }
            }
        }, "bigr-mdns-close");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Sends one query for every service type's PTR records at once. JmDNS's own browse queries wait for it to
     * finish announcing its host name (seconds); the answers to this one are multicast like any other, so the
     * listeners hear them within the responders' delay.
     */
    private static void queryNow(JmDNS dns) {
        if (!(dns instanceof JmDNSImpl impl)) {
            return;
        }
        try {
            DNSOutgoing out = new DNSOutgoing(DNSConstants.FLAGS_QR_QUERY);
            for (String type : SERVICE_TYPES) {
                out.addQuestion(DNSQuestion.newQuestion(type, DNSRecordType.TYPE_PTR, DNSRecordClass.CLASS_IN,
                        DNSRecordClass.NOT_UNIQUE));
            }
            impl.send(out);
        } catch (IOException | RuntimeException e) {
            LOG.debug("mDNS query failed", e);
        }
    }

    private static ServiceListener listener(JmDNS dns, Map<String, MdnsService> found, Window window) {
        return new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                window.added(event.getType() + "\u0000" + event.getName());
                dns.requestServiceInfo(event.getType(), event.getName(), RESOLVE_MILLIS);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                // Removals are ignored (§5.7): the scan reports what was seen during the listen period.
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                record(event.getInfo(), found);
                window.resolved(event.getType() + "\u0000" + event.getName());
            }
        };
    }

    static void record(ServiceInfo info, Map<String, MdnsService> found) {
        if (info == null) {
            return;
        }
        Inet4Address[] v4 = info.getInet4Addresses();
        if (v4 == null || v4.length == 0) {
            return;
        }
        String ip = v4[0].getHostAddress();
        Map<String, String> props = txt(info.getTextBytes());
        String type = info.getType();
        String server = info.getServer();
        MdnsService s = new MdnsService(info.getName(), type, ip, Math.max(0, info.getPort()),
                server == null || server.isBlank() ? null : server, props);
        // One entry per name + type + ip; a later resolution of the same instance may carry the TXT record or the
        // host name the first one lacked, so the fuller record wins.
        found.merge(s.name() + "\u0000" + type + "\u0000" + ip, s, (old, fresh) -> richness(fresh) >= richness(old)
                ? fresh : old);
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

    private static int richness(MdnsService s) {
        return s.properties().size() + (s.hostname() == null ? 0 : 1) + (s.port() > 0 ? 1 : 0);
    }

    /**
     * When a browse stops listening. It listens at most {@code listen}; once {@link #finish} is called (a scan's
     * probes are done) it listens {@code grace} more, but never less than {@link #FIRST_ANSWERS_MILLIS} in all, and
     * stops sooner when every announced instance has resolved and nothing new came for {@link #QUIET_MILLIS}.
     * Thread-safe: the listeners report from JmDNS's threads, {@link #finish} comes from the scan.
     */
    public static final class Window {
        private final long start = System.nanoTime();
        private final long end;
        private final long graceNanos;
        private final Set<String> pending = new HashSet<>();
        private long stopAt;
        private long lastAnswer;
        private boolean finished;

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
                long now = System.nanoTime();
                long floor = start + TimeUnit.MILLISECONDS.toNanos(FIRST_ANSWERS_MILLIS);
                stopAt = Math.min(end, Math.max(now + graceNanos, floor));
                notifyAll();
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
            while (true) {
                long now = System.nanoTime();
                if (now - stopAt >= 0) {
                    return;
                }
                long wake = stopAt;
                if (finished && pending.isEmpty()) {
                    long quietEnd = Math.max(lastAnswer + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS),
                            start + TimeUnit.MILLISECONDS.toNanos(FIRST_ANSWERS_MILLIS));
                    if (now - quietEnd >= 0) {
                        return;
                    }
                    wake = Math.min(wake, quietEnd);
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, wake - now));
            }
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
