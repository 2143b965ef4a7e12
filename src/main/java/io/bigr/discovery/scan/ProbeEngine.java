package io.bigr.discovery.scan;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asynchronous TCP connect prober: one thread, one {@link Selector}, non-blocking {@link SocketChannel}s.
 *
 * <p>Invariants: never more than {@link ProbeSettings#maxInFlight()} sockets open and never more than
 * {@link ProbeSettings#perHostCap()} against one host; attempts are paced by a token bucket of
 * {@link ProbeSettings#rate()} per second (retries included); every attempt is closed abortively (SO_LINGER 0, so
 * the kernel sends a reset and keeps no TIME_WAIT entry, and a long scan never exhausts local ports); a timed-out
 * attempt is retried at most {@link ProbeSettings#retries()} times; a local failure (no free local port, no buffer
 * space, no file descriptor) is retried after a short pause and, when it persists, reported as
 * {@link ProbeOutcome#LOCAL_ERROR}, never as closed. Hosts are served round-robin, one attempt each per turn, so
 * every address is touched once before any is touched twice.
 *
 * <p>A host is finished early when the network reports it unreachable, or, with {@code stopOnAnswer}, as soon as
 * one probe is answered (the discovery phase only needs to know it is alive).
 *
 * <p>A scan runs one engine for everything ({@link #runStreaming}): hosts come in {@link Group}s (discovery of every
 * address, the port scan of each live host), each with its own timeout, stop and counters, and may be added while
 * the engine runs, so that a host found alive is port-scanned at once while discovery goes on; the bounds above
 * hold over all groups together.
 */
public final class ProbeEngine {
    /** Attempts that failed locally this many times are given up and reported. */
    static final int MAX_LOCAL_ATTEMPTS = 5;
    private static final long LOCAL_BACKOFF_NANOS = 20_000_000L;

    /** Receives every final outcome, on the engine thread. */
    public interface Listener {
        void onResult(int ip, int port, ProbeOutcome outcome);
    }

    /** Counters of one run. {@code sent} counts attempts handed to the kernel, retries included. */
    public record Stats(long sent, long retries, long localErrors, long open, long closed, long filtered,
                        long unreachable, long localFailed, long skipped, long nanos) {
    }

    /** Live counters for a progress display; written by the engine thread, read by anyone. */
    public static final class Progress {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong open = new AtomicLong();
        final AtomicLong hostsDone = new AtomicLong();
        volatile long hostsTotal;
        volatile long plannedProbes;

        public long sent() {
            return sent.get();
        }

        public long open() {
            return open.get();
        }

        public long hostsDone() {
            return hostsDone.get();
        }

        public long hostsTotal() {
            return hostsTotal;
        }

        public long plannedProbes() {
            return plannedProbes;
        }
    }

    private static final class Host {
        final Group group;
        final int ip;
        final int[] ports;
        int next;
        int inFlight;
        int outstanding;
        boolean finished;
        boolean queued;
        final ArrayDeque<Probe> again = new ArrayDeque<>(2);
        final List<Probe> active = new ArrayList<>(4);

        Host(Group group, int ip, int[] ports) {
            this.group = group;
            this.ip = ip;
            this.ports = ports;
            this.outstanding = ports.length;
        }

        boolean hasWork() {
            return !finished && (!again.isEmpty() || next < ports.length);
        }
    }

    private static final class Probe {
        final Host host;
        final int port;
        int timeouts;
        int localFailures;
        long deadline;
        long notBefore;
        SocketChannel channel;
        boolean done;

        Probe(Host host, int port) {
            this.host = host;
            this.port = port;
        }
    }

    private final ProbeSettings settings;
    private final Progress progress;
    private final List<Group> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<Host> incoming = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean stopRequested;
    private volatile boolean noMoreHosts;
    private volatile Selector selector;

    public ProbeEngine(ProbeSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress == null ? new Progress() : progress;
    }

    public Progress progress() {
        return progress;
    }

    /**
     * Hosts of one kind in a run that takes hosts while it goes ({@link #runStreaming}): each attempt gets
     * {@code timeout}; with {@code stopOnAnswer} a host is finished by its first answer (discovery only needs to know
     * it is alive). Hosts may be added from any thread until {@link #noMoreHosts}; each final outcome goes to
     * {@code listener} on the engine thread. The group keeps its own counters ({@link #stats}).
     */
    public final class Group {
        final long timeoutNanos;
        final boolean stopOnAnswer;
        final Listener listener;
        final long[] c = new long[9];
        /** Attempts in launch order, which is deadline order because the group's attempts share one timeout. */
        final ArrayDeque<Probe> inFlight = new ArrayDeque<>();
        final List<Host> hosts = new ArrayList<>();
        volatile boolean stop;
        boolean stopped;
        private int added;
        private int finished;
        private long firstAdded = -1;
        private long lastFinished = -1;

        Group(Duration timeout, boolean stopOnAnswer, Listener listener) {
            this.timeoutNanos = timeout.toNanos();
            this.stopOnAnswer = stopOnAnswer;
            this.listener = listener;
        }

        /** Queues every port of {@code ip} (from any thread); after {@link #stop} the host is skipped at once. */
        public void add(int ip, int[] ports) {
            synchronized (this) {
                added++;
                if (firstAdded < 0) {
                    firstAdded = System.nanoTime();
                }
            }
            progress.hostsTotal++;
            progress.plannedProbes += ports.length;
            incoming.add(new Host(this, ip, ports));
            wakeUp();
        }

        /** Queues every port of each of {@code ips} (from any thread), with one wake-up of the engine. */
        public void addAll(int[] ips, int[] ports) {
            if (ips.length == 0) {
                return;
            }
            synchronized (this) {
                added += ips.length;
                if (firstAdded < 0) {
                    firstAdded = System.nanoTime();
                }
            }
            progress.hostsTotal += ips.length;
            progress.plannedProbes += (long) ips.length * ports.length;
            for (int ip : ips) {
                incoming.add(new Host(this, ip, ports));
            }
            wakeUp();
        }

        /**
         * Ends this group's hosts now (from any thread): those not finished are abandoned, their remaining probes
         * counted as skipped and no outcome reported for them.
         */
        public void stop() {
            stop = true;
            wakeUp();
        }

        /** Waits until every host added so far is finished; false when {@code timeout} passed first. */
        public synchronized boolean awaitFinished(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            long left;
            while (finished < added) {
                left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        synchronized void hostFinished() {
            finished++;
            lastFinished = System.nanoTime();
            notifyAll();
        }

        /** When the first host was added (System.nanoTime), or -1. */
        public synchronized long startedAt() {
            return firstAdded;
        }

        /** This group's counters; {@code nanos} runs from its first host added to its last host finished. */
        public synchronized Stats stats() {
            long nanos = firstAdded < 0 ? 0 : Math.max(0, (lastFinished < 0 ? System.nanoTime() : lastFinished)
                    - firstAdded);
            return new Stats(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], nanos);
        }
    }

    /** A new group of this engine (see {@link Group}). */
    public Group group(Duration timeout, boolean stopOnAnswer, Listener listener) {
        Group g = new Group(timeout, stopOnAnswer, listener);
        groups.add(g);
        return g;
    }

    /** No host will be added any more: {@link #runStreaming} returns once every host is finished. */
    public void noMoreHosts() {
        noMoreHosts = true;
        wakeUp();
    }

    private void wakeUp() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    /**
     * Asks a running {@link #run} (from any thread) to end now: hosts not finished yet are abandoned, their
     * remaining probes counted as skipped and no outcome reported for them. Used when another source (an ARP sweep)
     * has already settled which hosts are alive.
     */
    public void requestStop() {
        stopRequested = true;
        groups.forEach(g -> g.stop = true);
        wakeUp();
    }

    /**
     * Probes every port of every host and reports each final outcome. Returns when every host is finished; the
     * time this takes is bounded by (probes × (retries + 1)) / rate plus one timeout per retry round.
     */
    public Stats run(int[] hosts, int[] ports, boolean stopOnAnswer, Listener listener) throws IOException {
        long start = System.nanoTime();
        progress.hostsTotal = 0;
        progress.hostsDone.set(0);
        progress.plannedProbes = 0;
        Group g = group(settings.timeout(), stopOnAnswer, listener);
        if (stopRequested) {
            g.stop = true;
        }
        if (ports.length > 0) {
            for (int h : hosts) {
                g.add(h, ports);
            }
        } else {
            progress.hostsTotal = hosts.length;
            progress.hostsDone.set(hosts.length);
        }
        noMoreHosts();
        runStreaming();
        Stats st = g.stats();
        return new Stats(st.sent(), st.retries(), st.localErrors(), st.open(), st.closed(), st.filtered(),
                st.unreachable(), st.localFailed(), st.skipped(), System.nanoTime() - start);
    }

    /**
     * Runs on the calling thread until {@link #noMoreHosts} was called and every host added to any group is
     * finished, probing hosts as they are added. Bounded as {@link #run} is, per host added.
     */
    public void runStreaming() throws IOException {
        Run run = new Run(settings, progress, incoming, groups, () -> noMoreHosts);
        try (Selector s = Selector.open()) {
            selector = s;
            run.loop(s);
        } finally {
            selector = null;
        }
    }

    /** State of one {@link #runStreaming}; single-threaded. */
    private static final class Run {
        private static final int SENT = 0, RETRIES = 1, LOCAL = 2, OPEN = 3, CLOSED = 4, FILTERED = 5, UNREACH = 6,
                LOCAL_FAILED = 7, SKIPPED = 8;
        final ProbeSettings s;
        final Progress progress;
        final java.util.Queue<Host> incoming;
        final List<Group> groups;
        final java.util.function.BooleanSupplier closed;
        final ArrayDeque<Host> ready = new ArrayDeque<>();
        /** Attempts waiting out a local-error pause. */
        final ArrayDeque<Probe> paused = new ArrayDeque<>();
        int open;
        long hostsLeft;
        double tokens;
        long lastRefill;
        final double burst;

        Run(ProbeSettings s, Progress progress, java.util.Queue<Host> incoming, List<Group> groups,
            java.util.function.BooleanSupplier closed) {
            this.s = s;
            this.progress = progress;
            this.incoming = incoming;
            this.groups = groups;
            this.closed = closed;
            // Allow short bursts (1/20 s worth) so a fast network is not held back by timer granularity.
            this.burst = Math.max(1.0, s.rate() / 20.0);
        }

        void loop(Selector selector) throws IOException {
            lastRefill = System.nanoTime();
            tokens = burst;
            while (true) {
                boolean done = closed.getAsBoolean();  // read before draining: a host added before it is seen
                take();
                stopGroups();
                if (hostsLeft == 0 && done && incoming.isEmpty()) {
                    return;
                }
                long now = System.nanoTime();
                refill(now);
                resume(now);
                launch(selector, now);
                long wait = waitNanos(System.nanoTime());
                if (wait <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, wait / 1_000_000L));
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    complete((Probe) key.attachment());
                }
                expire(System.nanoTime());
            }
        }

        /** Takes the hosts added since the last turn. */
        private void take() {
            Host h;
            while ((h = incoming.poll()) != null) {
                h.group.hosts.add(h);
                hostsLeft++;
                if (h.group.stopped || h.ports.length == 0) {
                    abandon(h);
                    continue;
                }
                h.queued = true;
                ready.add(h);
            }
        }

        private void stopGroups() {
            for (Group g : groups) {
                if (g.stop && !g.stopped) {
                    g.stopped = true;
                    for (Host h : g.hosts) {
                        if (!h.finished) {
                            abandon(h);
                        }
                    }
                }
            }
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - lastRefill) * s.rate() / 1e9);
            lastRefill = now;
        }

        private void resume(long now) {
            while (!paused.isEmpty() && paused.peek().notBefore <= now) {
                Probe p = paused.poll();
                if (!p.host.finished) {
                    p.host.again.addFirst(p);
                    enqueue(p.host);
                }
            }
        }

        private void launch(Selector selector, long now) {
            while (open < s.maxInFlight() && tokens >= 1.0 && !ready.isEmpty()) {
                Host h = ready.poll();
                h.queued = false;
                if (!h.hasWork() || h.inFlight >= s.perHostCap()) {
                    continue;
                }
                Probe p = h.again.isEmpty() ? new Probe(h, h.ports[h.next++]) : h.again.poll();
                tokens -= 1.0;
                start(selector, p, now);
                enqueue(h);
            }
        }

        private void enqueue(Host h) {
            if (!h.queued && h.hasWork() && h.inFlight < s.perHostCap()) {
                h.queued = true;
                ready.add(h);
            }
        }

        private void start(Selector selector, Probe p, long now) {
            SocketChannel ch;
            try {
                ch = SocketChannel.open();
            } catch (IOException e) {
                localFailure(p, now);
                return;
            }
            long[] c = p.host.group.c;
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                c[SENT]++;
                progress.sent.incrementAndGet();
                if (ch.connect(new InetSocketAddress(address(p.host.ip), p.port))) {
                    close(ch);
                    finish(p, ProbeOutcome.OPEN);
                    return;
                }
                p.channel = ch;
                p.deadline = now + p.host.group.timeoutNanos;
                ch.register(selector, SelectionKey.OP_CONNECT, p);
            } catch (IOException e) {
                close(ch);
                failed(p, e, now);
                return;
            }
            open++;
            p.host.inFlight++;
            p.host.active.add(p);
            p.host.group.inFlight.add(p);
        }

        private void complete(Probe p) {
            if (p.done) {
                return;
            }
            long now = System.nanoTime();
            release(p);
            try {
                boolean connected = p.channel.finishConnect();
                close(p.channel);
                if (connected) {
                    finish(p, ProbeOutcome.OPEN);
                } else {
                    // Spurious wake-up: cannot happen for OP_CONNECT, but never leave a probe without an end.
                    timedOut(p);
                }
            } catch (IOException e) {
                close(p.channel);
                failed(p, e, now);
            }
        }

        private void expire(long now) {
            for (Group g : groups) {
                ArrayDeque<Probe> inFlight = g.inFlight;
                while (!inFlight.isEmpty()) {
                    Probe p = inFlight.peek();
                    if (p.done || p.channel == null) {
                        inFlight.poll();
                        continue;
                    }
                    if (p.deadline > now) {
                        break;
                    }
                    inFlight.poll();
                    release(p);
                    close(p.channel);
                    timedOut(p);
                }
            }
        }

        /** Marks an in-flight attempt as no longer in flight. */
        private void release(Probe p) {
            p.done = true;
            open--;
            p.host.inFlight--;
            p.host.active.remove(p);
            enqueue(p.host);
        }

        private void timedOut(Probe p) {
            if (p.host.finished) {
                return;
            }
            if (p.timeouts < s.retries()) {
                Probe again = new Probe(p.host, p.port);
                again.timeouts = p.timeouts + 1;
                p.host.group.c[RETRIES]++;
                p.host.again.add(again);
                enqueue(p.host);
                return;
            }
            finish(p, ProbeOutcome.FILTERED);
        }

        private void failed(Probe p, IOException e, long now) {
            switch (classify(e)) {
                case CLOSED -> finish(p, ProbeOutcome.CLOSED);
                case UNREACHABLE -> finish(p, ProbeOutcome.UNREACHABLE);
                case FILTERED -> timedOut(p);
                default -> localFailure(p, now);
            }
        }

        private void localFailure(Probe p, long now) {
            p.host.group.c[LOCAL]++;
            Probe again = new Probe(p.host, p.port);
            again.timeouts = p.timeouts;
            again.localFailures = p.localFailures + 1;
            if (again.localFailures >= MAX_LOCAL_ATTEMPTS) {
                finish(again, ProbeOutcome.LOCAL_ERROR);
                return;
            }
            again.notBefore = now + LOCAL_BACKOFF_NANOS * again.localFailures;
            paused.add(again);
        }

        private void finish(Probe p, ProbeOutcome outcome) {
            Host h = p.host;
            if (h.finished) {
                return;
            }
            long[] c = h.group.c;
            switch (outcome) {
                case OPEN -> {
                    c[OPEN]++;
                    progress.open.incrementAndGet();
                }
                case CLOSED -> c[CLOSED]++;
                case FILTERED -> c[FILTERED]++;
                case UNREACHABLE -> c[UNREACH]++;
                case LOCAL_ERROR -> c[LOCAL_FAILED]++;
            }
            h.group.listener.onResult(h.ip, p.port, outcome);
            h.outstanding--;
            if (outcome == ProbeOutcome.UNREACHABLE || (h.group.stopOnAnswer && outcome.answered())) {
                abandon(h);
            } else if (h.outstanding == 0) {
                done(h);
            }
        }

        /** Ends a host early: its queued attempts are dropped and its in-flight ones closed. */
        private void abandon(Host h) {
            h.group.c[SKIPPED] += h.outstanding;
            h.again.clear();
            h.next = h.ports.length;
            for (Probe q : new ArrayList<>(h.active)) {
                release(q);
                close(q.channel);
            }
            done(h);
        }

        private void done(Host h) {
            h.finished = true;
            hostsLeft--;
            progress.hostsDone.incrementAndGet();
            h.group.hostFinished();
        }

        private long waitNanos(long now) {
            long wait = 50_000_000L;
            for (Group g : groups) {
                Probe first = firstLive(g.inFlight);
                if (first != null) {
                    wait = Math.min(wait, first.deadline - now);
                }
            }
            if (!paused.isEmpty()) {
                wait = Math.min(wait, paused.peek().notBefore - now);
            }
            if (!ready.isEmpty() && open < s.maxInFlight()) {
                wait = Math.min(wait, (long) ((1.0 - Math.min(1.0, tokens)) * 1e9 / s.rate()));
            }
            return wait;
        }

        private static Probe firstLive(ArrayDeque<Probe> inFlight) {
            while (!inFlight.isEmpty() && inFlight.peek().done) {
                inFlight.poll();
            }
            return inFlight.peek();
        }
    }

    /** Maps a connect failure to what it says about the target, or to a local error (null). */
    static ProbeOutcome classify(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof NoRouteToHostException || m.contains("no route to host") || m.contains("network is unreachable")
                || m.contains("host is down")) {
            return ProbeOutcome.UNREACHABLE;
        }
        if (e instanceof ConnectException && m.contains("refused")) {
            return ProbeOutcome.CLOSED;
        }
        if (m.contains("connection reset")) {
            return ProbeOutcome.CLOSED;
        }
        if (e instanceof ConnectException && m.contains("timed out")) {
            return ProbeOutcome.FILTERED;
        }
        if (e instanceof BindException || m.contains("no buffer space") || m.contains("too many open files")
                || m.contains("cannot assign requested address") || m.contains("resource temporarily unavailable")) {
            return ProbeOutcome.LOCAL_ERROR;
        }
        // Anything else is not evidence about the target either: retried, then reported as a local error.
        return ProbeOutcome.LOCAL_ERROR;
    }

    static InetAddress address(int ip) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8),
                (byte) ip});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }

    private static void close(SocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            // Closing an abortive socket cannot lose data; nothing to do.
        }
    }
}
