package io.bigr.discovery.upnp;

import inet.ipaddr.IPAddress;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.mdns.MdnsCollector;
import io.bigr.discovery.mdns.MdnsScan;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSDP discovery alongside a scan (docs/DOMAIN.md §5.14): an {@code M-SEARCH} for {@code ssdp:all} and
 * {@code upnp:rootdevice} (MX 1) is multicast to 239.255.255.250:1900 on each local interface whose network
 * overlaps the target (so a scan of loopback or of a routed network sends nothing), sent again 0.3 s later, and the
 * unicast answers are collected: the answering address, its {@code LOCATION}, {@code SERVER}, {@code ST} and
 * {@code USN}. Listening stops {@code grace} after {@link #responses()} is asked (the scan's probes are done), but
 * never before {@link #MIN_LISTEN_MILLIS} after the first search and never after {@code listen}. At most
 * {@link #MAX_RESPONSES} answers are kept, one per (address, location). Nothing here fails a scan.
 */
public final class SsdpSearch {
    static final int MAX_RESPONSES = 1024;
    static final InetSocketAddress GROUP = new InetSocketAddress("239.255.255.250", 1900);
    /**
     * The least a search listens: devices spread their answers over MX (1 s) at random, so this catches the early
     * half and more; a scan still probing listens on (docs/DOMAIN.md §5.14).
     */
    static final long MIN_LISTEN_MILLIS = 600;
    /** The search is sent again this long after the first (a lost datagram, a device that missed it). */
    static final long RESEND_MILLIS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(SsdpSearch.class);

    /** One answer to an M-SEARCH. */
    public record Response(String ip, String location, String server, String st, String usn) {
    }

    private final Map<String, Response> found = new LinkedHashMap<>();
    private final List<DatagramSocket> sockets;
    private final long start = System.nanoTime();
    private final long end;
    private final long graceNanos;
    private long stopAt;
    private boolean finished;
    private final Thread thread;

    private SsdpSearch(List<DatagramSocket> sockets, Duration listen, Duration grace) {
        this.sockets = sockets;
        this.end = start + listen.toNanos();
        this.stopAt = end;
        this.graceNanos = Math.max(0, grace.toNanos());
        this.thread = sockets.isEmpty() ? null : new Thread(this::run, "bigr-ssdp");
    }

    /** Starts searching the networks facing {@code target} (a CIDR or an address); none facing: nothing is sent. */
    public static SsdpSearch start(String target, Duration listen, Duration grace) {
        Optional<IPAddress> net = IpAddresses.network(target);
        if (net.isEmpty() || listen.isZero() || listen.isNegative()) {
            return new SsdpSearch(List.of(), Duration.ZERO, Duration.ZERO);
        }
        List<DatagramSocket> sockets = new ArrayList<>();
        for (InetAddress local : MdnsCollector.interfacesFacing(a -> MdnsScan.overlaps(net.get(), a))) {
            try {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(local, 0));
                NetworkInterface nic = NetworkInterface.getByInetAddress(local);
                if (nic != null) {
                    s.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
                }
                s.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 2);
                s.setSoTimeout(20);  // how late a stop is noticed
                sockets.add(s);
            } catch (IOException e) {
                LOG.debug("SSDP: cannot open a socket on {}: {}", local, e.toString());
            }
        }
        SsdpSearch search = new SsdpSearch(sockets, listen, grace);
        if (search.thread != null) {
            search.thread.setDaemon(true);
            search.thread.start();
        }
        return search;
    }

    static byte[] mSearch(String st) {
        return ("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: " + st
                + "\r\nUSER-AGENT: bigr-discovery UPnP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void send() {
        for (DatagramSocket s : sockets) {
            for (String st : List.of("ssdp:all", "upnp:rootdevice")) {
                byte[] m = mSearch(st);
                try {
                    s.send(new DatagramPacket(m, m.length, GROUP));
                } catch (IOException e) {
                    LOG.debug("SSDP: send failed on {}: {}", s.getLocalAddress(), e.toString());
                }
            }
        }
    }

    private void run() {
        send();
        boolean resent = false;
        byte[] buf = new byte[4096];
        try {
            while (!over()) {
                if (!resent && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(RESEND_MILLIS)) {
                    send();
                    resent = true;
                }
                for (DatagramSocket s : sockets) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                    } catch (SocketTimeoutException e) {
                        continue;
                    }
                    Response r = parse(p.getAddress().getHostAddress(),
                            new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
                    if (r != null) {
                        synchronized (this) {
                            if (found.size() < MAX_RESPONSES) {
                                found.putIfAbsent(r.ip() + " " + r.location(), r);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SSDP listening ended: {}", e.toString());
        } finally {
            sockets.forEach(DatagramSocket::close);
            synchronized (this) {
                finished = true;
                stopAt = System.nanoTime();
                notifyAll();
            }
        }
    }

    private synchronized boolean over() {
        return System.nanoTime() - stopAt >= 0;
    }

    /** An answer to an M-SEARCH ({@code HTTP/1.1 200 OK} with a {@code LOCATION}), or null for anything else. */
    static Response parse(String ip, String text) {
        if (!text.startsWith("HTTP/1.") || !text.contains(" 200")) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String location = headers.get("location");
        if (location == null || location.isEmpty() || location.length() > 512) {
            return null;
        }
        return new Response(ip, location, blankToNull(headers.get("server")), blankToNull(headers.get("st")),
                blankToNull(headers.get("usn")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.length() > 256 ? s.substring(0, 256) : s;
    }

    /**
     * The answers: listens {@code grace} more (at least until {@link #MIN_LISTEN_MILLIS} after the first search, at
     * most until the end of the listen time), then returns what came, in arrival order.
     */
    public List<Response> responses() {
        if (thread == null) {
            return List.of();
        }
        synchronized (this) {
            long now = System.nanoTime();
            long floor = start + TimeUnit.MILLISECONDS.toNanos(MIN_LISTEN_MILLIS);
            stopAt = Math.min(end, Math.max(now + graceNanos, floor));
            try {
                while (!finished) {
                    long wait = Math.max(stopAt, now) - System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    if (wait <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.copyOf(found.values());
        }
    }
}
