package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * Service identification on every open port, whatever its number (docs/DOMAIN.md §5.12): what each service says
 * about itself, kept as banner evidence. Per port, in order, until one step identifies the service:
 *
 * <ol>
 *   <li>listen for a greeting for a short wait (SSH, FTP, SMTP, POP3, IMAP, Telnet with its option requests
 *       refused, VNC, MySQL); where nothing greets, a TLS handshake on the same connection (trust-all, no SNI),
 *       then {@code GET /} over it: HTTPS, with the certificate's subject, issuer, SAN and expiry;
 *   <li>where that found nothing, {@code GET /} in the clear: {@code Server}, title, realm, redirect target.
 * </ol>
 *
 * Ports that name a protocol change the order ({@link #plan}): web ports ask HTTP first, TLS ports handshake
 * first, and the ports of protocols that wait for the client get their own small probe first (RTSP OPTIONS,
 * PostgreSQL SSLRequest, RDP connection request, MQTT CONNECT then DISCONNECT). Raw printer ports get the PJL
 * {@code INFO ID} request and nothing else: anything else sent there would be printed. Evidence only: nothing is
 * logged in to, and nothing sent changes a device's state.
 *
 * <p>Bounded: each (host, port) is asked once per scan, at most {@link #MAX_PORTS} ports in all; at most
 * {@link #THREADS} connections open at once and {@link #PER_HOST} per host; every connection and read has a
 * timeout, at most {@link #MAX_BYTES} are read per connection, and one overall deadline abandons the rest.
 */
public final class Banners {
    static final int MAX_PORTS = 4096;
    static final int THREADS = 64;
    static final int PER_HOST = 6;
    static final int MAX_BYTES = 4096;
    static final int MAX_TEXT = 1024;
    static final String USER_AGENT = "bigr-discovery";
    /** How long a port is listened to for a greeting before the client speaks. */
    static final Duration GREETING_WAIT = Duration.ofMillis(600);

    /** What a port's TLS certificate says: subject and issuer DNs (RFC 2253, CN first), SAN names, expiry. */
    public record Tls(String subject, String issuer, List<String> san, Instant notAfter) {
        public Tls {
            san = san == null ? List.of() : List.copyOf(san);
        }
    }

    /**
     * What one port said. {@code service} is the identified service ({@code ssh}, {@code http}, {@code https},
     * {@code ftp}, ..., {@code unknown}); {@code text} is the raw start of the answer (the greeting line, or an HTTP
     * response head; at most 1,024 characters), the input of the docs/DOMAIN.md §4.4 banner fingerprint. The other
     * fields are set when the answer carried them.
     */
    public record Banner(String ip, int port, String service, String text, String server, String title,
                         String realm, String location, String protocol, Tls tls) {
        public Banner(String ip, int port, String service, String text, String server, String title) {
            this(ip, port, service, text, server, title, null, null, null, null);
        }

        Banner withTls(Tls t) {
            return new Banner(ip, port, t != null && "http".equals(service) ? "https" : service, text, server, title,
                    realm, location, protocol, t);
        }

        /** The stored shape, keys as documented in docs/DOMAIN.md §5.12; each key present only when known. */
        ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("service", service);
            if (server != null) {
                o.put("server", server);
            }
            if (title != null) {
                o.put("title", title);
            }
            if (server == null && title == null) {
                String line = firstLine(text == null ? "" : text);
                if (!line.isEmpty()) {
                    o.put("banner", line);
                }
            }
            if (realm != null) {
                o.put("realm", realm);
            }
            if (location != null) {
                o.put("location", location);
            }
            if (protocol != null) {
                o.put("protocol", protocol);
            }
            if (tls != null) {
                ObjectNode t = o.putObject("tls");
                t.put("subject", tls.subject());
                t.put("issuer", tls.issuer());
                ArrayNode san = t.putArray("san");
                tls.san().forEach(san::add);
                t.put("not_after", tls.notAfter() == null ? null : tls.notAfter().toString());
            }
            return o;
        }
    }

    /**
     * The banners a stored or imported {@code raw_evidence.banners} object describes (docs/DOMAIN.md §5.12), by port;
     * {@code text} is the greeting line, else the {@code Server} header, else the title. Unreadable entries are
     * skipped.
     */
    public static Map<Integer, Banner> fromEvidence(String ip, com.fasterxml.jackson.databind.JsonNode evidence) {
        Map<Integer, Banner> out = new java.util.TreeMap<>();
        com.fasterxml.jackson.databind.JsonNode banners = evidence == null ? null : evidence.get("banners");
        if (banners == null || !banners.isObject()) {
            return out;
        }
        banners.fields().forEachRemaining(e -> {
            com.fasterxml.jackson.databind.JsonNode b = e.getValue();
            int port;
            try {
                port = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ignored) {
                return;
            }
            if (!b.isObject() || port < 1 || port > 65535) {
                return;
            }
            String server = b.path("server").isTextual() ? b.path("server").asText() : null;
            String title = b.path("title").isTextual() ? b.path("title").asText() : null;
            String line = b.path("banner").isTextual() ? b.path("banner").asText() : null;
            out.put(port, new Banner(ip, port, b.path("service").asText("unknown"),
                    line != null ? line : server != null ? server : title, server, title));
        });
        return out;
    }

    /** One way of asking a port. */
    enum Step { GREETING_THEN_TLS, TLS, HTTP, RTSP, POSTGRES, RDP, MQTT, PJL }

    private static final Set<Integer> WEB = Set.of(80, 81, 591, 631, 5000, 7547, 8000, 8008, 8080, 8081, 8088,
            8888, 9000);
    private static final Set<Integer> TLS_FIRST = Set.of(443, 465, 636, 853, 990, 993, 995, 4443, 5986, 8443, 8883,
            9443);

    /** Timeouts of one grab: connect and read, the greeting wait, and the overall deadline. */
    record Limits(int timeoutMs, int greetingWaitMs, Duration deadline) {
    }

    private Banners() {
    }

    /** The steps tried on {@code port}, in order (see the class comment). */
    static List<Step> plan(int port) {
        if (port >= 9100 && port <= 9107) {
            return List.of(Step.PJL);
        }
        if (port == 554 || port == 8554) {
            return List.of(Step.RTSP, Step.HTTP);
        }
        if (port == 5432) {
            return List.of(Step.POSTGRES, Step.GREETING_THEN_TLS, Step.HTTP);
        }
        if (port == 3389) {
            return List.of(Step.RDP, Step.GREETING_THEN_TLS, Step.HTTP);
        }
        if (port == 1883) {
            return List.of(Step.MQTT, Step.GREETING_THEN_TLS, Step.HTTP);
        }
        if (TLS_FIRST.contains(port)) {
            return List.of(Step.TLS, Step.HTTP);
        }
        if (WEB.contains(port)) {
            return List.of(Step.HTTP, Step.TLS);
        }
        return List.of(Step.GREETING_THEN_TLS, Step.HTTP);
    }

    /** ip → port → banner, for every open port that identified itself before {@code deadline}. */
    public static Map<String, Map<Integer, Banner>> grab(Map<String, List<Integer>> openPorts, Duration timeout,
                                                          Duration deadline) {
        return grab(openPorts, new Limits((int) timeout.toMillis(), (int) GREETING_WAIT.toMillis(), deadline));
    }

    static Map<String, Map<Integer, Banner>> grab(Map<String, List<Integer>> openPorts, Limits limits) {
        List<Map.Entry<String, Integer>> jobs = interleave(openPorts);
        Map<String, Map<Integer, Banner>> out = new ConcurrentHashMap<>();
        if (jobs.isEmpty()) {
            return out;
        }
        long end = System.nanoTime() + limits.deadline().toNanos();
        Map<String, Semaphore> perHost = new HashMap<>();
        openPorts.keySet().forEach(ip -> perHost.put(ip, new Semaphore(PER_HOST)));
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, jobs.size()), r -> {
            Thread t = new Thread(r, "bigr-banner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (Map.Entry<String, Integer> job : jobs) {
                pool.execute(() -> {
                    Semaphore host = perHost.get(job.getKey());
                    try {
                        if (!host.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    try {
                        Banner b = identify(job.getKey(), job.getValue(), limits, end);
                        if (b != null && System.nanoTime() < end) {
                            out.computeIfAbsent(b.ip(), k -> new ConcurrentHashMap<>()).put(b.port(), b);
                        }
                    } finally {
                        host.release();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(limits.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Map<Integer, Banner>> copy = new LinkedHashMap<>();
        out.forEach((ip, m) -> copy.put(ip, Map.copyOf(m)));
        return copy;
    }

    /**
     * Each (host, port) once, hosts taken in turn (one port of each host, then the next of each) so that the pool
     * spreads over hosts and the per-host cap rarely makes a thread wait; at most {@link #MAX_PORTS} in all.
     */
    static List<Map.Entry<String, Integer>> interleave(Map<String, List<Integer>> openPorts) {
        List<Map.Entry<String, List<Integer>>> hosts = new ArrayList<>();
        openPorts.forEach((ip, ports) -> hosts.add(Map.entry(ip, List.copyOf(new LinkedHashSet<>(ports)))));
        List<Map.Entry<String, Integer>> jobs = new ArrayList<>();
        for (int i = 0; jobs.size() < MAX_PORTS; i++) {
            boolean any = false;
            for (Map.Entry<String, List<Integer>> h : hosts) {
                if (i < h.getValue().size() && jobs.size() < MAX_PORTS) {
                    jobs.add(Map.entry(h.getKey(), h.getValue().get(i)));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return jobs;
    }

    /**
     * Asks one port as {@link #plan} says until a step names the service; an answer no step could name is kept
     * as {@code unknown} with its text. Null when nothing answered before {@code end}.
     */
    static Banner identify(String ip, int port, Limits limits, long end) {
        Banner unnamed = null;
        for (Step step : plan(port)) {
            if (System.nanoTime() >= end) {
                break;
            }
            try {
                Banner b = ask(step, ip, port, limits);
                if (b != null && !b.service().equals("unknown")) {
                    return b;
                }
                unnamed = unnamed == null ? b : unnamed;
            } catch (SocketTimeoutException e) {
                // silent to a request (or a ClientHello) for the whole timeout: asking again costs as much
                break;
            } catch (IOException | RuntimeException e) {
                // this step got no answer it could read: try the next
            }
        }
        return unnamed;
    }

    static Banner ask(Step step, String ip, int port, Limits limits) throws IOException {
        int t = limits.timeoutMs();
        try (Socket s = connect(ip, port, t)) {
            return switch (step) {
                case GREETING_THEN_TLS -> greetingThenTls(s, ip, port, limits);
                case TLS -> overTls(TlsProbe.handshake(s, ip, port, t), ip, port, t);
                case HTTP -> http(s, ip, port, t);
                case RTSP -> answer(s, ip, port, t, ServiceReplies.rtspOptions(ip, port), true);
                case POSTGRES -> binary(s, ip, port, t, ServiceReplies.POSTGRES_SSL_REQUEST, step);
                case RDP -> binary(s, ip, port, t, ServiceReplies.RDP_CONNECTION_REQUEST, step);
                case MQTT -> binary(s, ip, port, t, ServiceReplies.MQTT_CONNECT, step);
                case PJL -> binary(s, ip, port, t, ServiceReplies.PJL_INFO_ID, step);
            };
        }
    }

    private static Socket connect(String ip, int port, int timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setSoLinger(true, 0);
            s.connect(new InetSocketAddress(ProbeEngine.address(ScanTarget.parseAddress(ip)), port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Listens for a greeting; where the port stays silent, a TLS handshake on the same connection. */
    private static Banner greetingThenTls(Socket s, String ip, int port, Limits limits) throws IOException {
        byte[] buf = new byte[512];
        InputStream in = s.getInputStream();
        int len;
        try {
            len = read(s, in, buf, 0, limits.greetingWaitMs(), Banners::greetingDone);
        } catch (SocketTimeoutException e) {
            len = 0;  // no greeting: the client speaks first
        }
        if (len > 0) {
            if ((buf[0] & 0xff) == 0xff) {
                len = telnet(s, in, buf, len, limits.greetingWaitMs());
            }
            return greeting(ip, port, buf, len, null);
        }
        if (s.isClosed() || s.isInputShutdown()) {
            return null;
        }
        return overTls(TlsProbe.handshake(s, ip, port, limits.timeoutMs()), ip, port, limits.timeoutMs());
    }

    /** Up to two rounds of refusing a Telnet server's option requests, keeping what it sends. */
    private static int telnet(Socket s, InputStream in, byte[] buf, int len, int waitMs) throws IOException {
        int from = 0;
        for (int round = 0; round < 2 && len < buf.length; round++) {
            byte[] refusals = ServiceReplies.telnetRefusals(java.util.Arrays.copyOfRange(buf, from, len), len - from);
            if (refusals.length == 0 || !ServiceReplies.telnetText(buf, len).isEmpty()) {
                break;
            }
            s.getOutputStream().write(refusals);
            s.getOutputStream().flush();
            from = len;
            try {
                len = read(s, in, buf, len, waitMs, (b, l) -> l > 0 && indexOf(b, l, (byte) '\n') >= 0);
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return len;
    }

    private static Banner greeting(String ip, int port, byte[] buf, int len, Tls tls) {
        ServiceReplies.Reply r = ServiceReplies.greeting(buf, len, port);
        if (r == null) {
            return null;
        }
        if (r.service().equals("http") || r.service().equals("rtsp")) {
            return head(ip, port, r.service(), buf, len).withTls(tls);
        }
        return new Banner(ip, port, r.service(), r.text(), null, null, null, null, r.protocol(), tls);
    }

    /** After a handshake: {@code GET /} over TLS; a service that greets over TLS (IMAPS, ...) is read as such. */
    private static Banner overTls(SSLSocket tls, String ip, int port, int timeoutMs) throws IOException {
        try (tls) {
            Tls cert = TlsProbe.leaf(tls);
            tls.getOutputStream().write(ServiceReplies.httpGet(ip, port));
            tls.getOutputStream().flush();
            byte[] buf = new byte[MAX_BYTES];
            int len;
            try {
                len = read(tls, tls.getInputStream(), buf, 0, timeoutMs, Banners::answerDone);
            } catch (SocketTimeoutException e) {
                len = 0;  // TLS, but silent to HTTP: the certificate is still evidence
            }
            Banner b = greeting(ip, port, buf, len, cert);
            if (b != null && !b.service().equals("unknown")) {
                return b;
            }
            return new Banner(ip, port, "tls", b == null ? "" : b.text(), null, null, null, null,
                    tls.getSession().getProtocol(), cert);
        }
    }

    private static Banner http(Socket s, String ip, int port, int timeoutMs) throws IOException {
        return answer(s, ip, port, timeoutMs, ServiceReplies.httpGet(ip, port), false);
    }

    /** Sends a text request, reads the answer: an HTTP or RTSP head, or whatever greeting came instead. */
    private static Banner answer(Socket s, String ip, int port, int timeoutMs, byte[] request, boolean rtspOnly)
            throws IOException {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        byte[] buf = new byte[MAX_BYTES];
        int len = read(s, s.getInputStream(), buf, 0, timeoutMs, Banners::answerDone);
        Banner b = greeting(ip, port, buf, len, null);
        return rtspOnly && b != null && !b.service().equals("rtsp") ? null : b;
    }

    private static Banner binary(Socket s, String ip, int port, int timeoutMs, byte[] request, Step step)
            throws IOException {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        byte[] buf = new byte[1024];
        int len = read(s, s.getInputStream(), buf, 0, timeoutMs, (b, l) -> reply(step, b, l) != null);
        ServiceReplies.Reply r = reply(step, buf, len);
        if (step == Step.MQTT && r != null) {
            s.getOutputStream().write(ServiceReplies.MQTT_DISCONNECT);
            s.getOutputStream().flush();
        }
        return r == null ? null : new Banner(ip, port, r.service(), r.text(), null, null, null, null, r.protocol(),
                null);
    }

    private static ServiceReplies.Reply reply(Step step, byte[] b, int len) {
        return switch (step) {
            case POSTGRES -> ServiceReplies.postgres(b, len);
            case RDP -> ServiceReplies.rdp(b, len);
            case MQTT -> ServiceReplies.mqtt(b, len);
            case PJL -> ServiceReplies.pjl(b, len);
            default -> null;
        };
    }

    /** An HTTP or RTSP answer: head fields, and the title of the body decoded by {@link HttpText}. */
    static Banner head(String ip, int port, String service, byte[] raw, int len) {
        HttpText.Response response = HttpText.decode(raw, len);
        ServiceReplies.Head h = ServiceReplies.head(response.head(), response.body());
        return new Banner(ip, port, service, clip(response.head()), h.server(), h.title(), h.realm(), h.location(),
                h.protocol(), null);
    }

    /** An HTTP answer given as text (header bytes one to one, as ISO-8859-1); the body is decoded as on the wire. */
    static Banner httpBanner(String ip, int port, String text) {
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        return head(ip, port, "http", raw, raw.length);
    }

    interface Done {
        boolean test(byte[] buf, int len);
    }

    /**
     * Reads into {@code buf} from {@code off} until {@code done}, the peer closes, the buffer is full or
     * {@code timeoutMs} has passed since the call (not per read: a slow trickle ends too). Returns the length.
     *
     * @throws SocketTimeoutException when the time ran out before a single byte came
     */
    private static int read(Socket s, InputStream in, byte[] buf, int off, int timeoutMs, Done done)
            throws IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int len = off;
        try {
            while (len < buf.length) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                s.setSoTimeout((int) left);
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    break;
                }
                len += r;
                if (done.test(buf, len)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (len == off) {
                throw e;
            }
            // keep what arrived in time
        }
        if (len == off && System.nanoTime() >= end) {
            throw new SocketTimeoutException("nothing within " + timeoutMs + " ms");
        }
        return len;
    }

    /** A greeting is complete at its first line end, as one MySQL packet, or as a Telnet negotiation. */
    private static boolean greetingDone(byte[] b, int len) {
        return len > 0 && ((b[0] & 0xff) == 0xff || indexOf(b, len, (byte) '\n') >= 0
                || ServiceReplies.mysql(b, len) != null);
    }

    /**
     * An answer to a request: a non-HTTP answer at its first line; an HTTP/RTSP head when complete and, for a page,
     * once the title is in (servers that ignore {@code Connection: close} are not waited for).
     */
    private static boolean answerDone(byte[] b, int len) {
        if (len < 5) {
            return false;
        }
        String start = new String(b, 0, 5, StandardCharsets.ISO_8859_1);
        if (!start.equals("HTTP/") && !start.equals("RTSP/")) {
            return indexOf(b, len, (byte) '\n') >= 0;
        }
        String text = new String(b, 0, len, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        if (start.equals("RTSP/")) {
            return true;
        }
        return text.toLowerCase(Locale.ROOT).indexOf("</title", headEnd) >= 0;
    }

    private static int indexOf(byte[] b, int len, byte v) {
        for (int i = 0; i < len; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static String clip(String s) {
        String t = s.trim();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }

    static String firstLine(String s) {
        return ServiceReplies.firstLine(s);
    }
}
