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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;

/**
 * Service identification on every open port, whatever its number (docs/DOMAIN.md §5.12): what each service says
 * about itself, kept as banner evidence. A port is asked in up to three ways, most telling first:
 *
 * <ol>
 *   <li>listen for a greeting (SSH, FTP, SMTP, POP3, IMAP, Telnet with its option requests refused, VNC, MySQL);
 *   <li>a TLS handshake (trust-all, no SNI), then {@code GET /} over it: HTTPS, with the certificate's subject,
 *       issuer, SAN and expiry;
 *   <li>{@code GET /} in the clear: {@code Server}, title, realm, redirect target.
 * </ol>
 *
 * Ports that name a protocol change the order ({@link #plan}): web ports ask HTTP first, TLS ports handshake
 * first, and the ports of protocols that wait for the client get their own small probe first (RTSP OPTIONS,
 * PostgreSQL SSLRequest, RDP connection request, MQTT CONNECT then DISCONNECT). Raw printer ports get the PJL
 * {@code INFO ID} request and nothing else: anything else sent there would be printed. Evidence only: nothing is
 * logged in to, and nothing sent changes a device's state.
 *
 * <p>Fast where a port is silent: each way runs on its own connection, the first at once and the others alongside
 * it as soon as it has been silent for {@link #HEDGE_MS} ({@link PortJob}); every connection waits for the first
 * byte of an answer only as long as this network and these devices answer ({@link Pace}: from
 * {@link #ANSWER_WAIT}, more for a slow connect or slow answers seen in the scan), and, once an answer has begun,
 * up to the full timeout for the rest of it. A port whose service reacts on any of its connections (bytes, an end,
 * a reset) is live, and its other connections wait for their first answer up to the full timeout too (a slow TLS
 * handshake, a greeting delayed by a lookup); only a port that ignores everything gets the short wait.
 *
 * <p>Bounded: each (host, port) is asked once per scan, at most {@link #MAX_PORTS} ports in all; at most
 * {@link #THREADS} connections open at once and {@link #PER_HOST} ports of one host at a time (one connection per
 * way, at most four); every connection and read has a timeout, at most {@link #MAX_BYTES} are read per connection,
 * and one overall deadline abandons the rest.
 */
public final class Banners {
    static final int MAX_PORTS = 4096;
    static final int THREADS = 256;
    static final int PER_HOST = 6;
    static final int MAX_BYTES = 4096;
    static final int MAX_TEXT = 1024;
    static final String USER_AGENT = "bigr-discovery";
    /** The least a connection waits for the first byte of an answer (a greeting, a ServerHello, an HTTP head). */
    static final Duration ANSWER_WAIT = Duration.ofMillis(300);
    /** Silence this long on a port's first way of asking starts the other ways alongside it. */
    static final int HEDGE_MS = 40;
    /** The answer wait is at least this many times the connect time. */
    static final int CONNECT_FACTOR = 10;
    /** ... and at least this many times the slowest first answer the session has seen. */
    static final int SLOWEST_FACTOR = 3;
    /** How often a connection waiting for a first answer looks whether its port has shown itself live. */
    static final int PATIENCE_CHECK_MS = 50;

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

    /** One way of asking a port; each runs on its own connection. */
    enum Step { GREETING, TLS, HTTP, RTSP, POSTGRES, RDP, MQTT, PJL }

    private static final Set<Integer> WEB = Set.of(80, 81, 591, 631, 5000, 7547, 8000, 8008, 8080, 8081, 8088,
            8888, 9000);
    private static final Set<Integer> TLS_FIRST = Set.of(443, 465, 636, 853, 990, 993, 995, 4443, 5986, 8443, 8883,
            9443);

    /**
     * Ports of protocols that wait for the client and answer none of the steps (DNS, Kerberos, portmapper, MSRPC,
     * NetBIOS session, LDAP, kpasswd, RPC over HTTP endpoint mapper, SMB, NFS, global catalog): asking them costs an
     * answer wait on every connection and never names anything, so they are not asked. Their hosts are identified by
     * their ports and, for SMB hosts, by NetBIOS node status (docs/DOMAIN.md §5.15).
     */
    static final Set<Integer> NOT_ASKED = Set.of(53, 88, 111, 135, 139, 389, 445, 464, 593, 2049, 3268);

    /**
     * Timeouts: {@code timeoutMs} to connect and, once an answer has begun, to read the rest of it;
     * {@code answerWaitMs} the least a connection waits for the first byte of an answer (it grows with the connect
     * time and with the slowest answer seen, {@link Pace}); {@code deadline} the session's wait once
     * {@link Session#finish} is called.
     */
    record Limits(int timeoutMs, int answerWaitMs, Duration deadline) {
    }

    private Banners() {
    }

    /** The steps tried on {@code port}, most telling first (see the class comment). */
    static List<Step> plan(int port) {
        if (port >= 9100 && port <= 9107) {
            return List.of(Step.PJL);
        }
        if (port == 554 || port == 8554) {
            return List.of(Step.RTSP, Step.HTTP);
        }
        if (port == 5432) {
            return List.of(Step.POSTGRES, Step.GREETING, Step.TLS, Step.HTTP);
        }
        if (port == 3389) {
            return List.of(Step.RDP, Step.GREETING, Step.TLS, Step.HTTP);
        }
        if (port == 1883) {
            return List.of(Step.MQTT, Step.GREETING, Step.TLS, Step.HTTP);
        }
        if (TLS_FIRST.contains(port)) {
            return List.of(Step.TLS, Step.HTTP);
        }
        if (WEB.contains(port)) {
            return List.of(Step.HTTP, Step.TLS);
        }
        return List.of(Step.GREETING, Step.TLS, Step.HTTP);
    }

    /** ip → port → banner, for every open port that identified itself before {@code deadline}. */
    public static Map<String, Map<Integer, Banner>> grab(Map<String, List<Integer>> openPorts, Duration timeout,
                                                          Duration deadline) {
        return grab(openPorts, new Limits((int) timeout.toMillis(), (int) ANSWER_WAIT.toMillis(), deadline));
    }

    static Map<String, Map<Integer, Banner>> grab(Map<String, List<Integer>> openPorts, Limits limits) {
        try (Session session = new Session(limits)) {
            session.closeIn(limits.deadline());
            interleave(openPorts).forEach(job -> session.ask(job.getKey(), job.getValue()));
            return session.finish();
        }
    }

    /** A session that asks ports as they are found; {@link Session#finish} gives the deadline its start. */
    public static Session session(Duration timeout, Duration deadline) {
        return new Session(new Limits((int) timeout.toMillis(), (int) ANSWER_WAIT.toMillis(), deadline));
    }

    /**
     * How long a connection waits for the first byte of an answer: at least {@link Limits#answerWaitMs}, more when
     * the connect took long ({@link #CONNECT_FACTOR} times it: a far or busy host answers late too) or when answers
     * in this session came late ({@link #SLOWEST_FACTOR} times the slowest first answer: a loaded scanner or
     * network), never more than {@link Limits#timeoutMs}. Thread-safe.
     */
    static final class Pace {
        private final AtomicLong slowestNanos = new AtomicLong();

        int answerWaitMs(Limits limits, long connectNanos) {
            long byConnect = limits.answerWaitMs() + CONNECT_FACTOR * connectNanos / 1_000_000L;
            long bySlowest = SLOWEST_FACTOR * slowestNanos.get() / 1_000_000L;
            return (int) Math.min(limits.timeoutMs(), Math.max(byConnect, bySlowest));
        }

        void answered(long nanos) {
            slowestNanos.accumulateAndGet(nanos, Math::max);
        }
    }

    /**
     * Service identification alongside the port scan: each open port is asked as soon as it is found
     * ({@link #ask}, from any thread, never blocking), each (host, port) once and at most {@link #MAX_PORTS} in all,
     * at most {@link #PER_HOST} ports of one host at a time (each with at most one connection per step of its
     * {@link #plan}) and at most {@link #THREADS} connections at once. A port is asked its first step at once; the
     * other steps start alongside it when the first has had no answer for {@link #HEDGE_MS} (or failed), each on
     * its own connection, and the most telling step that names the service wins ({@link PortJob}). {@link #finish}
     * waits for what is still running, at most the phase deadline from that call, and abandons the rest.
     */
    public static final class Session implements AutoCloseable {
        private final Limits limits;
        private final Pace pace = new Pace();
        private final ThreadPoolExecutor pool;
        /** Per host: ports being asked and ports waiting for their turn; guarded by {@code this}. */
        private final Map<String, ArrayDeque<PortJob>> waiting = new HashMap<>();
        private final Map<String, Integer> running = new HashMap<>();
        private final Set<String> asked = ConcurrentHashMap.newKeySet();
        private final Map<String, Map<Integer, Banner>> out = new ConcurrentHashMap<>();
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile long end = Long.MAX_VALUE;
        private volatile boolean stopped;

        Session(Limits limits) {
            this.limits = limits;
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        // Small stacks: these threads only wait on sockets.
                        Thread t = new Thread(null, r, "bigr-banner-" + n.incrementAndGet(), 256 * 1024);
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true);
            pool = executor;
        }

        /** Ends the session {@code deadline} from now at the latest (the sooner of this and an earlier call). */
        void closeIn(Duration deadline) {
            end = Math.min(end, System.nanoTime() + deadline.toNanos());
        }

        /**
         * Queues one open port; a port already asked, a {@link #NOT_ASKED} port, one past {@link #MAX_PORTS} or one
         * asked after {@link #finish} is ignored.
         */
        public void ask(String ip, int port) {
            if (stopped || System.nanoTime() >= end || NOT_ASKED.contains(port) || asked.size() >= MAX_PORTS
                    || !asked.add(ip + ":" + port)) {
                return;
            }
            pending.incrementAndGet();
            PortJob job = new PortJob(this, ip, port);
            boolean now;
            synchronized (this) {
                int busy = running.getOrDefault(ip, 0);
                now = busy < PER_HOST;
                if (now) {
                    running.put(ip, busy + 1);
                } else {
                    waiting.computeIfAbsent(ip, k -> new ArrayDeque<>()).add(job);
                }
            }
            if (now) {
                job.start();
            }
        }

        /** Runs one step of a port on the pool; a step that cannot be queued ends with nothing. */
        void submit(Attempt a) {
            try {
                pool.execute(a::run);
            } catch (RejectedExecutionException e) {
                a.job.finished(a, null);
            }
        }

        /** A port is decided: keeps its banner, gives the host's turn to its next waiting port. */
        void decided(PortJob job, Banner b) {
            if (b != null && !stopped && System.nanoTime() < end) {
                out.computeIfAbsent(b.ip(), k -> new ConcurrentHashMap<>()).put(b.port(), b);
            }
            PortJob next;
            synchronized (this) {
                ArrayDeque<PortJob> q = waiting.get(job.ip);
                next = q == null ? null : q.poll();
                if (next == null) {
                    running.merge(job.ip, -1, Integer::sum);
                }
            }
            if (next != null) {
                next.start();
            }
            if (pending.decrementAndGet() == 0) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        boolean over() {
            return stopped || System.nanoTime() >= end;
        }

        /**
         * Waits for the ports asked so far, at most the phase deadline from now, then stops the session (connections
         * still open are closed): ip → port → banner for every port that identified itself in time.
         */
        public Map<String, Map<Integer, Banner>> finish() {
            closeIn(limits.deadline());
            synchronized (this) {
                long left;
                while (pending.get() > 0 && (left = end - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            close();
            Map<String, Map<Integer, Banner>> copy = new LinkedHashMap<>();
            out.forEach((ip, m) -> copy.put(ip, Map.copyOf(m)));
            return copy;
        }

        @Override
        public void close() {
            stopped = true;
            pool.shutdownNow();
            open.forEach(Banners::closeQuietly);
        }
    }

    /**
     * One port being asked: its steps in {@link #plan} order, each an {@link Attempt} on its own connection; the
     * first starts at once, the others when it has been silent for {@link #HEDGE_MS} or has ended without naming the
     * service. The answer is the first step in plan order that names the service, once every step before it has
     * ended (or, for a greeting, is shown not to come: a TLS handshake, an HTTP or RTSP answer or a binary protocol's
     * reply on another connection means the service does not speak first); else the first unnamed answer, once all
     * have ended. Deciding closes the other connections.
     */
    static final class PortJob {
        final Session session;
        final String ip;
        final int port;
        final Attempt[] attempts;
        private boolean hedged;
        private boolean decided;
        private boolean noGreeting;
        /** Some connection of this port got bytes, an end or a reset: a live service, waited for patiently. */
        private volatile boolean reacted;

        PortJob(Session session, String ip, int port) {
            this.session = session;
            this.ip = ip;
            this.port = port;
            List<Step> steps = plan(port);
            attempts = new Attempt[steps.size()];
            for (int i = 0; i < attempts.length; i++) {
                attempts[i] = new Attempt(this, steps.get(i));
            }
        }

        void start() {
            session.submit(attempts[0]);
        }

        /** Starts the steps after the first (once). */
        void hedge() {
            synchronized (this) {
                if (hedged || decided) {
                    return;
                }
                hedged = true;
            }
            for (int i = 1; i < attempts.length; i++) {
                session.submit(attempts[i]);
            }
        }

        synchronized boolean decided() {
            return decided;
        }

        void reacted() {
            reacted = true;
        }

        boolean hasReacted() {
            return reacted;
        }

        /** One step ended with {@code b} (null: nothing readable). */
        void finished(Attempt a, Banner b) {
            Banner decision = null;
            boolean decide = false;
            boolean startOthers = false;
            synchronized (this) {
                a.done = true;
                a.result = b;
                noGreeting |= provesNoGreeting(a.step, b);
                if (decided) {
                    return;
                }
                Banner unnamed = null;
                boolean waiting = false;
                for (Attempt x : attempts) {
                    if (!x.done) {
                        if (x.step == Step.GREETING && noGreeting) {
                            continue;
                        }
                        waiting = true;
                        break;
                    }
                    if (x.result != null && !x.result.service().equals("unknown")) {
                        decision = x.result;
                        break;
                    }
                    unnamed = unnamed == null ? x.result : unnamed;
                }
                if (decision != null || !waiting) {
                    decision = decision != null ? decision : unnamed;
                    decided = true;
                    decide = true;
                } else {
                    startOthers = !hedged;
                }
            }
            if (decide) {
                for (Attempt x : attempts) {
                    x.cancel();
                }
                session.decided(this, decision);
            } else if (startOthers) {
                hedge();
            }
        }
    }

    /**
     * What an answer on one connection shows about the others: a TLS handshake, an HTTP or RTSP answer to the
     * request, or a binary protocol's reply means the service did not greet on connect (it would have come first).
     */
    static boolean provesNoGreeting(Step step, Banner b) {
        if (b == null) {
            return false;
        }
        return switch (step) {
            case GREETING -> false;
            case TLS -> b.tls() != null;
            case HTTP, RTSP -> b.protocol() != null && (b.protocol().startsWith("HTTP/")
                    || b.protocol().startsWith("RTSP/"));
            default -> true;
        };
    }

    /** One step of one port on its own connection. */
    static final class Attempt {
        final PortJob job;
        final Step step;
        /** Guarded by {@code job}. */
        boolean done;
        Banner result;
        private volatile Socket socket;
        private volatile boolean cancelled;

        Attempt(PortJob job, Step step) {
            this.job = job;
            this.step = step;
        }

        void run() {
            Session s = job.session;
            Banner b = null;
            if (!cancelled && !job.decided() && !s.over()) {
                try {
                    b = ask(step, job.ip, job.port, s.limits, s.pace, this::opened, job::hedge, job::reacted,
                            job::hasReacted);
                } catch (IOException | RuntimeException e) {
                    // nothing readable on this connection
                } finally {
                    Socket open = socket;
                    if (open != null) {
                        s.open.remove(open);
                    }
                }
            }
            job.finished(this, s.over() ? null : b);
        }

        private void opened(Socket s) {
            socket = s;
            job.session.open.add(s);
            if (cancelled || job.session.over()) {
                closeQuietly(s);
            }
        }

        void cancel() {
            cancelled = true;
            Socket s = socket;
            if (s != null) {
                closeQuietly(s);
            }
        }
    }

    /**
     * Each (host, port) once, hosts taken in turn (one port of each host, then the next of each) so that the pool
     * spreads over hosts; at most {@link #MAX_PORTS} in all; the {@link #NOT_ASKED} ports are left out.
     */
    static List<Map.Entry<String, Integer>> interleave(Map<String, List<Integer>> openPorts) {
        List<Map.Entry<String, List<Integer>>> hosts = new ArrayList<>();
        openPorts.forEach((ip, ports) -> hosts.add(Map.entry(ip, new LinkedHashSet<>(ports).stream()
                .filter(p -> !NOT_ASKED.contains(p)).toList())));
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

    /** One step on its own connection, alone (no other steps alongside, nothing learnt from other ports). */
    static Banner ask(Step step, String ip, int port, Limits limits) throws IOException {
        return ask(step, ip, port, limits, new Pace(), s -> { }, () -> { }, () -> { }, () -> false);
    }

    /**
     * Connects and asks one step; {@code opened} gets the socket as soon as it exists (so that it can be closed from
     * outside), {@code silent} runs once when the first answer has not come within {@link #HEDGE_MS},
     * {@code reacted} whenever the peer sends bytes, ends or resets the connection, and while {@code patient} says
     * so (another connection of the port saw the peer react) the first answer is waited for up to the timeout.
     */
    static Banner ask(Step step, String ip, int port, Limits limits, Pace pace,
                      java.util.function.Consumer<Socket> opened, Runnable silent, Runnable reacted,
                      java.util.function.BooleanSupplier patient) throws IOException {
        int t = limits.timeoutMs();
        try (PacedSocket s = new PacedSocket(pace, silent, reacted, patient, t)) {
            opened.accept(s);
            s.setSoLinger(true, 0);
            long t0 = System.nanoTime();
            s.connect(new InetSocketAddress(ProbeEngine.address(ScanTarget.parseAddress(ip)), port), t);
            s.setSoTimeout(t);
            s.answerWaitMs = pace.answerWaitMs(limits, System.nanoTime() - t0);
            return switch (step) {
                case GREETING -> greeting(s, ip, port, t);
                case TLS -> {
                    s.expectAnswer();  // the handshake's first flight is the answer
                    yield overTls(TlsProbe.handshake(s, ip, port, t), ip, port, t);
                }
                case HTTP -> answer(s, ip, port, t, ServiceReplies.httpGet(ip, port), false);
                case RTSP -> answer(s, ip, port, t, ServiceReplies.rtspOptions(ip, port), true);
                case POSTGRES -> binary(s, ip, port, t, ServiceReplies.POSTGRES_SSL_REQUEST, step);
                case RDP -> binary(s, ip, port, t, ServiceReplies.RDP_CONNECTION_REQUEST, step);
                case MQTT -> binary(s, ip, port, t, ServiceReplies.MQTT_CONNECT, step);
                case PJL -> binary(s, ip, port, t, ServiceReplies.PJL_INFO_ID, step);
            };
        }
    }

    /**
     * A client socket whose reads, after {@link #expectAnswer}, wait for the first byte of an answer at most
     * {@link #answerWaitMs} (whatever timeout the reader set), telling {@code silent} once when
     * {@link #HEDGE_MS} passed without it; once a byte came, reads have the reader's timeout again. A TLS socket
     * layered over it reads through it, so a handshake's first flight is paced the same way.
     */
    static final class PacedSocket extends Socket {
        private final Pace pace;
        private final Runnable silent;
        private final Runnable reacted;
        private final java.util.function.BooleanSupplier patient;
        private final int timeoutMs;
        int answerWaitMs;
        private boolean awaiting;
        private boolean hedged;
        private long awaitStart;
        private InputStream in;

        PacedSocket(Pace pace, Runnable silent, Runnable reacted, java.util.function.BooleanSupplier patient,
                    int timeoutMs) {
            this.pace = pace;
            this.silent = silent;
            this.reacted = reacted;
            this.patient = patient;
            this.timeoutMs = timeoutMs;
        }

        /** The next read waits for the first byte of an answer (the clock starts with that read). */
        void expectAnswer() {
            awaiting = true;
            awaitStart = -1;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                InputStream raw = super.getInputStream();
                in = new java.io.FilterInputStream(raw) {
                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        int n = read(one, 0, 1);
                        return n < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        try {
                            int n = awaiting ? firstRead(raw, b, off, len) : raw.read(b, off, len);
                            if (n != 0) {
                                reacted.run();  // bytes or an end: something there acts on what was sent
                            }
                            return n;
                        } catch (SocketTimeoutException e) {
                            throw e;
                        } catch (IOException e) {
                            reacted.run();  // a reset: something there refused what was sent
                            throw e;
                        }
                    }
                };
            }
            return in;
        }

        private int firstRead(InputStream raw, byte[] b, int off, int len) throws IOException {
            int readerTimeout = getSoTimeout();
            long now = System.nanoTime();
            if (awaitStart < 0) {
                awaitStart = now;
            }
            try {
                while (true) {
                    long waited = (now - awaitStart) / 1_000_000L;
                    // A port whose service reacted on another connection is live: its answer is awaited longer.
                    long left = (patient.getAsBoolean() ? Math.max(answerWaitMs, timeoutMs) : answerWaitMs) - waited;
                    if (left <= 0) {
                        throw new SocketTimeoutException("no answer within " + answerWaitMs + " ms");
                    }
                    // Slices short enough to notice the hedge and patience in time.
                    long slice = Math.min(left, hedged ? PATIENCE_CHECK_MS : Math.max(1, HEDGE_MS - waited));
                    super.setSoTimeout((int) Math.max(1, slice));
                    try {
                        int n = raw.read(b, off, len);
                        if (n > 0) {
                            awaiting = false;
                            pace.answered(System.nanoTime() - awaitStart);
                        }
                        return n;
                    } catch (SocketTimeoutException e) {
                        now = System.nanoTime();
                        if (!hedged && (now - awaitStart) / 1_000_000L >= HEDGE_MS) {
                            hedged = true;
                            silent.run();
                        }
                    }
                }
            } finally {
                if (!isClosed()) {
                    super.setSoTimeout(readerTimeout);
                }
            }
        }
    }

    /**
     * Listens for a greeting (SSH, FTP, SMTP, POP3, IMAP, Telnet with its option requests refused, VNC, MySQL);
     * null when the port stays silent.
     */
    private static Banner greeting(PacedSocket s, String ip, int port, int timeoutMs) throws IOException {
        byte[] buf = new byte[512];
        InputStream in = s.getInputStream();
        s.expectAnswer();
        int len;
        try {
            len = read(s, in, buf, 0, timeoutMs, Banners::greetingDone);
        } catch (SocketTimeoutException e) {
            return null;  // no greeting: the client speaks first
        }
        if (len <= 0) {
            return null;
        }
        if ((buf[0] & 0xff) == 0xff) {
            len = telnet(s, in, buf, len, timeoutMs);
        }
        return greeting(ip, port, buf, len, null);
    }

    /** Up to two rounds of refusing a Telnet server's option requests, keeping what it sends. */
    private static int telnet(PacedSocket s, InputStream in, byte[] buf, int len, int timeoutMs) throws IOException {
        int from = 0;
        for (int round = 0; round < 2 && len < buf.length; round++) {
            byte[] refusals = ServiceReplies.telnetRefusals(java.util.Arrays.copyOfRange(buf, from, len), len - from);
            if (refusals.length == 0 || !ServiceReplies.telnetText(buf, len).isEmpty()) {
                break;
            }
            s.getOutputStream().write(refusals);
            s.getOutputStream().flush();
            from = len;
            s.expectAnswer();
            try {
                len = read(s, in, buf, len, timeoutMs, (b, l) -> l > 0 && indexOf(b, l, (byte) '\n') >= 0);
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

    /**
     * After a handshake: {@code GET /} over TLS; a service that greets over TLS (IMAPS, ...) is read as such. A TLS
     * port silent to it still gives its certificate.
     */
    private static Banner overTls(SSLSocket tls, String ip, int port, int timeoutMs) throws IOException {
        try (tls) {
            Tls cert = TlsProbe.leaf(tls);
            tls.getOutputStream().write(ServiceReplies.httpGet(ip, port));
            tls.getOutputStream().flush();
            byte[] buf = new byte[MAX_BYTES];
            int len;
            // Timed on the TLS level, not the socket's: a TLS 1.3 server's session tickets come first and are no
            // answer to the GET. A finished handshake shows a live service: its answer gets the full timeout.
            tls.setSoTimeout(timeoutMs);
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

    /** Sends a text request, reads the answer: an HTTP or RTSP head, or whatever greeting came instead. */
    private static Banner answer(PacedSocket s, String ip, int port, int timeoutMs, byte[] request, boolean rtspOnly)
            throws IOException {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        s.expectAnswer();
        byte[] buf = new byte[MAX_BYTES];
        int len = read(s, s.getInputStream(), buf, 0, timeoutMs, Banners::answerDone);
        Banner b = greeting(ip, port, buf, len, null);
        return rtspOnly && b != null && !b.service().equals("rtsp") ? null : b;
    }

    private static Banner binary(PacedSocket s, String ip, int port, int timeoutMs, byte[] request, Step step)
            throws IOException {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        s.expectAnswer();
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
     * Reads into {@code buf} from {@code off} until {@code done}, the peer closes or the buffer is full. The first
     * read waits as the socket says (a {@link PacedSocket} after {@link PacedSocket#expectAnswer}: the answer wait;
     * otherwise the socket's timeout); once something came, the rest must come within {@code timeoutMs} (not per
     * read: a slow trickle ends too). Returns the length.
     *
     * @throws SocketTimeoutException when the wait ended before a single byte came
     */
    private static int read(Socket s, InputStream in, byte[] buf, int off, int timeoutMs, Done done)
            throws IOException {
        long end = -1;
        int len = off;
        try {
            while (len < buf.length) {
                if (end >= 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    s.setSoTimeout((int) left);
                }
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    break;
                }
                if (end < 0) {
                    end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
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
        return len;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing a probe connection cannot lose anything
        }
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
