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
        final int ip;
        final int[] ports;
        int next;
        int inFlight;
        int outstanding;
        boolean finished;
        boolean queued;
        final ArrayDeque<Probe> again = new ArrayDeque<>(2);
        final List<Probe> active = new ArrayList<>(4);

        Host(int ip, int[] ports) {
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
    private volatile boolean stopRequested;

    public ProbeEngine(ProbeSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress == null ? new Progress() : progress;
    }

    public Progress progress() {
        return progress;
    }

    /**
     * Asks a running {@link #run} (from any thread) to end now: hosts not finished yet are abandoned, their
     * remaining probes counted as skipped and no outcome reported for them. Used when another source (an ARP sweep)
     * has already settled which hosts are alive.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Probes every port of every host and reports each final outcome. Returns when every host is finished; the
     * time this takes is bounded by (probes × (retries + 1)) / rate plus one timeout per retry round.
     */
    public Stats run(int[] hosts, int[] ports, boolean stopOnAnswer, Listener listener) throws IOException {
        long start = System.nanoTime();
        long[] counts = new long[9];
        progress.hostsTotal = hosts.length;
        progress.hostsDone.set(0);
        progress.plannedProbes = (long) hosts.length * ports.length;
        if (hosts.length == 0 || ports.length == 0) {
            progress.hostsDone.set(hosts.length);
            return new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, System.nanoTime() - start);
        }
        Run run = new Run(settings, progress, stopOnAnswer, listener, counts, () -> stopRequested);
        try (Selector selector = Selector.open()) {
            run.loop(selector, hosts, ports);
        }
        return new Stats(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7],
                counts[8], System.nanoTime() - start);
    }

    /** State of one {@link #run}; single-threaded. */
    private static final class Run {
        private static final int SENT = 0, RETRIES = 1, LOCAL = 2, OPEN = 3, CLOSED = 4, FILTERED = 5, UNREACH = 6,
                LOCAL_FAILED = 7, SKIPPED = 8;
        final ProbeSettings s;
        final Progress progress;
        final boolean stopOnAnswer;
        final Listener listener;
        final long[] c;
        final long timeoutNanos;
        final ArrayDeque<Host> ready = new ArrayDeque<>();
        /** In launch order, which is deadline order because every attempt gets the same timeout. */
        final ArrayDeque<Probe> inFlight = new ArrayDeque<>();
        /** Attempts waiting out a local-error pause. */
        final ArrayDeque<Probe> paused = new ArrayDeque<>();
        int open;
        long hostsLeft;
        double tokens;
        long lastRefill;
        final double burst;

        final java.util.function.BooleanSupplier stop;
        Host[] all;

        Run(ProbeSettings s, Progress progress, boolean stopOnAnswer, Listener listener, long[] counts,
            java.util.function.BooleanSupplier stop) {
            this.stop = stop;
            this.s = s;
            this.progress = progress;
            this.stopOnAnswer = stopOnAnswer;
            this.listener = listener;
            this.c = counts;
            this.timeoutNanos = s.timeout().toNanos();
            // Allow short bursts (1/20 s worth) so a fast network is not held back by timer granularity.
            this.burst = Math.max(1.0, s.rate() / 20.0);
        }

        void loop(Selector selector, int[] ips, int[] ports) throws IOException {
            all = new Host[ips.length];
            for (int i = 0; i < ips.length; i++) {
                Host h = new Host(ips[i], ports);
                h.queued = true;
                ready.add(h);
                all[i] = h;
            }
            hostsLeft = ips.length;
            lastRefill = System.nanoTime();
            tokens = burst;
            while (hostsLeft > 0) {
                if (stop.getAsBoolean()) {
                    for (Host h : all) {
                        if (!h.finished) {
                            abandon(h);
                        }
                    }
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
                p.deadline = now + timeoutNanos;
                ch.register(selector, SelectionKey.OP_CONNECT, p);
            } catch (IOException e) {
                close(ch);
                failed(p, e, now);
                return;
            }
            open++;
            p.host.inFlight++;
            p.host.active.add(p);
            inFlight.add(p);
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
            while (!inFlight.isEmpty()) {
                Probe p = inFlight.peek();
                if (p.done || p.channel == null) {
                    inFlight.poll();
                    continue;
                }
                if (p.deadline > now) {
                    return;
                }
                inFlight.poll();
                release(p);
                close(p.channel);
                timedOut(p);
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
                c[RETRIES]++;
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
            c[LOCAL]++;
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
            listener.onResult(h.ip, p.port, outcome);
            h.outstanding--;
            if (outcome == ProbeOutcome.UNREACHABLE || (stopOnAnswer && outcome.answered())) {
                abandon(h);
            } else if (h.outstanding == 0) {
                done(h);
            }
        }

        /** Ends a host early: its queued attempts are dropped and its in-flight ones closed. */
        private void abandon(Host h) {
            c[SKIPPED] += h.outstanding;
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
        }

        private long waitNanos(long now) {
            long wait = 50_000_000L;
            Probe first = firstLive();
            if (first != null) {
                wait = Math.min(wait, first.deadline - now);
            }
            if (!paused.isEmpty()) {
                wait = Math.min(wait, paused.peek().notBefore - now);
            }
            if (!ready.isEmpty() && open < s.maxInFlight()) {
                wait = Math.min(wait, (long) ((1.0 - Math.min(1.0, tokens)) * 1e9 / s.rate()));
            }
            return wait;
        }

        private Probe firstLive() {
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
