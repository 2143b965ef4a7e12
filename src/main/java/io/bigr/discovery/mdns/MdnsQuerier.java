package io.bigr.discovery.mdns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A querying-only mDNS / DNS-SD client (RFC 6762, RFC 6763) for a scan: on each given local address it joins
 * 224.0.0.251:5353, multicasts one query for the PTR records of every service type at once, and reads every answer
 * on the group (answers to it, to other queriers, announcements). An announced instance is resolved from the records
 * that came with it (SRV, TXT and address in the additional section, as responders send them); what is missing is
 * asked once more (SRV and TXT of the instance, the address of its host). It claims no name, announces nothing and
 * answers nobody; its sockets close the moment the window ends. Bounded: at most {@link #MAX_INSTANCES} instances,
 * {@link #MAX_FOLLOW_UPS} follow-up queries each, {@link #MAX_RECORDS} records per message.
 */
final class MdnsQuerier implements AutoCloseable {
    static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);
    static final int MAX_INSTANCES = 1024;
    static final int MAX_FOLLOW_UPS = 2;
    static final int MAX_RECORDS = 256;
    static final long FOLLOW_UP_MILLIS = 250;
    private static final int PTR = 12;
    private static final int TXT = 16;
    private static final int SRV = 33;
    private static final int A = 1;
    private static final Logger LOG = LoggerFactory.getLogger(MdnsQuerier.class);

    /** An instance announced by a PTR answer, resolved as its records come. */
    private static final class Instance {
        final String label;
        final String type;
        final List<String> name;
        String host;
        int port = -1;
        byte[] txt;
        long askedAt;
        int followUps;
        boolean done;

        Instance(String label, String type, List<String> name) {
            this.label = label;
            this.type = type;
            this.name = name;
        }

        String key() {
            return type + "\u0000" + label;
        }
    }

    private final Selector selector;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final Map<String, String> typesByKey = new HashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    /** Host name (lower case, dotted) → IPv4 address, from A records. */
    private final Map<String, String> addresses = new HashMap<>();
    private final Map<String, MdnsService> found;
    private final MdnsCollector.Window window;

    private MdnsQuerier(Map<String, MdnsService> found, MdnsCollector.Window window) throws IOException {
        this.found = found;
        this.window = window;
        this.selector = Selector.open();
        for (String type : MdnsCollector.SERVICE_TYPES) {
            typesByKey.put(key(labels(type)), type);
        }
    }

    /** Opens a socket on each address that can have one (a failing address is logged and left out). */
    static MdnsQuerier open(List<InetAddress> locals, Map<String, MdnsService> found, MdnsCollector.Window window)
            throws IOException {
        MdnsQuerier q = new MdnsQuerier(found, window);
        for (InetAddress local : locals) {
            DatagramChannel ch = null;
            try {
                NetworkInterface nic = NetworkInterface.getByInetAddress(local);
                if (nic == null) {
                    continue;
                }
                ch = DatagramChannel.open(StandardProtocolFamily.INET);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(new InetSocketAddress(GROUP.getPort()));
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
                ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 255);
                ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
                ch.join(GROUP.getAddress(), nic);
                ch.configureBlocking(false);
                ch.register(q.selector, SelectionKey.OP_READ);
                q.channels.add(ch);
            } catch (IOException | RuntimeException e) {
                LOG.warn("mDNS could not start on {}: {}", local.getHostAddress(), e.toString());
                if (ch != null) {
                    ch.close();
                }
            }
        }
        return q;
    }

    boolean isEmpty() {
        return channels.isEmpty();
    }

    /** Sends the PTR query for every service type, then reads answers until the window ends. */
    void run() throws InterruptedException {
        List<byte[]> questions = new ArrayList<>();
        for (String type : MdnsCollector.SERVICE_TYPES) {
            questions.add(question(labels(type), PTR));
        }
        send(questions);
        window.queried();
        ByteBuffer buf = ByteBuffer.allocate(9000);
        while (true) {
            long left = window.remainingNanos();
            if (left <= 0) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            try {
                selector.select(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), FOLLOW_UP_MILLIS)));
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    // Bounded: a non-blocking channel gives null once drained.
                    for (int i = 0; i < 64; i++) {
                        buf.clear();
                        if (ch.receive(buf) == null) {
                            break;
                        }
                        buf.flip();
                        read(buf.array(), buf.limit());
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                LOG.debug("mDNS read failed: {}", e.toString());
            }
            followUp();
        }
    }

    private void send(List<byte[]> questions) {
        if (questions.isEmpty()) {
            return;
        }
        byte[] msg = message(questions);
        for (DatagramChannel ch : channels) {
            try {
                ch.send(ByteBuffer.wrap(msg), GROUP);
            } catch (IOException e) {
                LOG.debug("mDNS query failed: {}", e.toString());
            }
        }
    }

    /** Asks again for what an instance still lacks, {@link #FOLLOW_UP_MILLIS} apart, at most twice. */
    private void followUp() {
        long now = System.nanoTime();
        List<byte[]> questions = new ArrayList<>();
        for (Instance in : instances.values()) {
            if (in.done || in.followUps >= MAX_FOLLOW_UPS
                    || now - in.askedAt < TimeUnit.MILLISECONDS.toNanos(FOLLOW_UP_MILLIS)) {
                continue;
            }
            in.followUps++;
            in.askedAt = now;
            if (in.host == null || in.txt == null) {
                questions.add(question(in.name, SRV));
                questions.add(question(in.name, TXT));
            } else if (!addresses.containsKey(in.host.toLowerCase(Locale.ROOT))) {
                questions.add(question(labels(in.host), A));
            }
            if (questions.size() >= 32) {
                send(questions);
                questions.clear();
            }
        }
        send(questions);
    }

    /** One received message: its answers and additional records, then whatever instances they complete. */
    void read(byte[] b, int len) {
        try {
            if (len < 12 || (b[2] & 0x80) == 0) {
                return;  // a query, not an answer
            }
            int qd = u16(b, 4);
            int records = Math.min(MAX_RECORDS, u16(b, 6) + u16(b, 8) + u16(b, 10));
            int[] p = {12};
            for (int i = 0; i < qd && p[0] < len; i++) {
                name(b, len, p);
                p[0] += 4;
            }
            List<Runnable> ptrs = new ArrayList<>();
            for (int i = 0; i < records && p[0] + 10 <= len; i++) {
                List<String> owner = name(b, len, p);
                int type = u16(b, p[0]);
                int rdlen = u16(b, p[0] + 8);
                int rd = p[0] + 10;
                p[0] = rd + rdlen;
                if (p[0] > len) {
                    break;
                }
                switch (type) {
                    case PTR -> {
                        List<String> target = name(b, len, new int[] {rd});
                        ptrs.add(() -> pointer(owner, target));
                    }
                    case SRV -> {
                        if (rdlen >= 7) {
                            int port = u16(b, rd + 4);
                            String host = dotted(name(b, len, new int[] {rd + 6}));
                            Instance in = instances.get(key(owner));
                            service(owner, in, i2 -> {
                                i2.port = port;
                                i2.host = host;
                            });
                        }
                    }
                    case TXT -> {
                        byte[] txt = java.util.Arrays.copyOfRange(b, rd, rd + rdlen);
                        service(owner, instances.get(key(owner)), i2 -> i2.txt = txt);
                    }
                    case A -> {
                        if (rdlen == 4) {
                            addresses.putIfAbsent(dotted(owner).toLowerCase(Locale.ROOT),
                                    (b[rd] & 0xff) + "." + (b[rd + 1] & 0xff) + "." + (b[rd + 2] & 0xff) + "."
                                            + (b[rd + 3] & 0xff));
                        }
                    }
                    default -> {
                        // other records (AAAA, NSEC, ...) name nothing the scan keeps
                    }
                }
            }
            // PTRs after the whole message: their SRV/TXT/A usually follow them in the additional section.
            ptrs.forEach(Runnable::run);
            pendingSrvTxt.forEach((k, v) -> {
                Instance in = instances.get(k);
                if (in != null) {
                    v.forEach(f -> f.accept(in));
                }
            });
            pendingSrvTxt.clear();
            complete();
        } catch (RuntimeException e) {
            // a malformed message gives nothing
        }
    }

    /** SRV/TXT records of instances whose PTR came later in the same message. */
    private final Map<String, List<java.util.function.Consumer<Instance>>> pendingSrvTxt = new HashMap<>();

    private void service(List<String> owner, Instance in, java.util.function.Consumer<Instance> set) {
        if (in != null) {
            set.accept(in);
        } else {
            pendingSrvTxt.computeIfAbsent(key(owner), k -> new ArrayList<>()).add(set);
        }
    }

    /** A PTR record: {@code type → instance} for one of the browsed types is a newly announced instance. */
    private void pointer(List<String> owner, List<String> target) {
        String type = typesByKey.get(key(owner));
        if (type == null || target.size() != owner.size() + 1 || instances.size() >= MAX_INSTANCES) {
            return;
        }
        String k = key(target);
        if (instances.containsKey(k)) {
            return;
        }
        Instance in = new Instance(target.get(0), type, target);
        in.askedAt = System.nanoTime();
        instances.put(k, in);
        window.added(in.key());
    }

    /** Records every instance whose port, host, TXT record and IPv4 address are known. */
    private void complete() {
        for (Instance in : instances.values()) {
            if (in.done || in.host == null) {
                continue;
            }
            String ip = addresses.get(in.host.toLowerCase(Locale.ROOT));
            // A responder must send a TXT record (RFC 6763 §6); one that did not even when asked again is kept
            // without properties.
            if (ip == null || (in.txt == null && in.followUps < MAX_FOLLOW_UPS)) {
                continue;
            }
            in.done = true;
            MdnsService s = new MdnsService(in.label, in.type, ip, Math.max(0, in.port),
                    in.host.isBlank() ? null : in.host, MdnsCollector.txt(in.txt));
            synchronized (found) {
                // One entry per name + type + ip; a fuller record wins (MdnsCollector.record).
                found.merge(s.name() + "\u0000" + s.serviceType() + "\u0000" + ip, s,
                        (old, fresh) -> MdnsCollector.richness(fresh) >= MdnsCollector.richness(old) ? fresh : old);
            }
            window.resolved(in.key());
        }
    }

    @Override
    public void close() {
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** A DNS name's labels, read at {@code p[0]} (compression pointers followed, at most 32 jumps). */
    static List<String> name(byte[] b, int len, int[] p) {
        List<String> labels = new ArrayList<>(4);
        int pos = p[0];
        boolean jumped = false;
        for (int jumps = 0; pos < len && jumps < 32; ) {
            int n = b[pos] & 0xff;
            if (n == 0) {
                pos++;
                break;
            }
            if ((n & 0xc0) == 0xc0) {
                if (!jumped) {
                    p[0] = pos + 2;
                }
                jumped = true;
                jumps++;
                pos = ((n & 0x3f) << 8) | (b[pos + 1] & 0xff);
                continue;
            }
            if (pos + 1 + n > len || labels.size() >= 128) {
                throw new IllegalArgumentException("bad name");
            }
            labels.add(new String(b, pos + 1, n, StandardCharsets.UTF_8));
            pos += 1 + n;
        }
        if (!jumped) {
            p[0] = pos;
        }
        return labels;
    }

    static List<String> labels(String dotted) {
        List<String> out = new ArrayList<>();
        for (String l : dotted.split("\\.")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** {@code host.local.}: labels joined with dots, with the root's dot. */
    static String dotted(List<String> labels) {
        return String.join(".", labels) + ".";
    }

    private static String key(List<String> labels) {
        return String.join("\u0001", labels).toLowerCase(Locale.ROOT);
    }

    /** One question (QM, class IN): its name, type and class. */
    static byte[] question(List<String> labels, int type) {
        ByteArrayOutputStream q = new ByteArrayOutputStream();
        for (String l : labels) {
            byte[] raw = l.getBytes(StandardCharsets.UTF_8);
            q.write(Math.min(63, raw.length));
            q.write(raw, 0, Math.min(63, raw.length));
        }
        q.write(0);
        q.write(type >> 8);
        q.write(type);
        q.write(0);
        q.write(1);
        return q.toByteArray();
    }

    /** A query message (id 0, flags 0) carrying {@code questions}. */
    static byte[] message(List<byte[]> questions) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 0, 0, 0, (byte) (questions.size() >> 8), (byte) questions.size(), 0, 0, 0, 0, 0, 0});
        questions.forEach(m::writeBytes);
        return m.toByteArray();
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
