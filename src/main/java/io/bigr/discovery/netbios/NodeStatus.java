package io.bigr.discovery.netbios;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * NetBIOS node status (RFC 1002 §4.2.17, "NBSTAT"; docs/DOMAIN.md §5.15): one UDP query for the wildcard name to
 * port 137 of each host, sent again once to hosts that have not answered, and the answers' name tables read: each
 * registered name with its suffix (00 workstation, 20 file server, 1C domain controllers, 1B domain master browser,
 * ...) and group flag, and the adapter address. A query only reads; nothing is registered. Bounded: at most
 * {@link #MAX_HOSTS} hosts, at most {@link #OPEN_AT_ONCE} sockets, one overall wait.
 */
public final class NodeStatus {
    static final int PORT = 137;
    static final int MAX_HOSTS = 1024;
    static final int OPEN_AT_ONCE = 256;

    /** One registered name: {@code name}, its suffix byte, and whether it is a group name. */
    public record Name(String name, int suffix, boolean group) {
        /** {@code CORP<1C> (group)} / {@code WS01<20>}: the text fingerprints read. */
        public String text() {
            return name + "<" + String.format(Locale.ROOT, "%02X", suffix) + ">" + (group ? " (group)" : "");
        }
    }

    /** A host's answer: its names in the order given, and the adapter MAC (null when all zero). */
    public record Answer(String ip, List<Name> names, String mac) {
        public Answer {
            names = List.copyOf(names);
        }

        /** The machine name: the first unique name with suffix 00, else null. */
        public String machineName() {
            return names.stream().filter(n -> !n.group() && n.suffix() == 0).map(Name::name).findFirst().orElse(null);
        }

        /** The name table as one text, names in the order given, comma-separated. */
        public String text() {
            return String.join(", ", names.stream().map(Name::text).toList());
        }
    }

    private NodeStatus() {
    }

    /** The NBSTAT query for {@code *} with transaction id {@code id}. */
    static byte[] query(int id) {
        byte[] q = new byte[50];
        q[0] = (byte) (id >> 8);
        q[1] = (byte) id;
        q[5] = 1; // QDCOUNT
        q[12] = 0x20;
        byte[] name = new byte[16];
        name[0] = '*';
        for (int i = 0; i < 16; i++) {
            q[13 + 2 * i] = (byte) ('A' + ((name[i] >> 4) & 0x0f));
            q[14 + 2 * i] = (byte) ('A' + (name[i] & 0x0f));
        }
        q[45] = 0;
        q[47] = 0x21; // NBSTAT
        q[49] = 0x01; // IN
        return q;
    }

    /** Parses an NBSTAT answer; null when it is not one. */
    static Answer parse(String ip, byte[] b, int len) {
        try {
            if (len < 12 || (b[2] & 0x80) == 0 || ((b[6] & 0xff) << 8 | (b[7] & 0xff)) < 1) {
                return null;
            }
            int p = 12;
            while (p < len) {
                int l = b[p] & 0xff;
                if (l == 0) {
                    p++;
                    break;
                }
                if ((l & 0xc0) == 0xc0) {
                    p += 2;
                    break;
                }
                p += l + 1;
            }
            int type = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
            if (type != 0x21) {
                return null;
            }
            p += 10; // type, class, ttl, rdlength
            int count = b[p++] & 0xff;
            List<Name> names = new ArrayList<>();
            for (int i = 0; i < count && p + 18 <= len; i++, p += 18) {
                String name = new String(b, p, 15, StandardCharsets.ISO_8859_1).replaceAll("[\\x00-\\x1f\\x7f]", "")
                        .strip();
                int suffix = b[p + 15] & 0xff;
                boolean group = (b[p + 16] & 0x80) != 0;
                if (!name.isEmpty()) {
                    names.add(new Name(name, suffix, group));
                }
            }
            String mac = null;
            if (p + 6 <= len) {
                byte[] m = java.util.Arrays.copyOfRange(b, p, p + 6);
                boolean zero = true;
                for (byte x : m) {
                    zero &= x == 0;
                }
                if (!zero) {
                    mac = HexFormat.ofDelimiter(":").formatHex(m);
                }
            }
            return names.isEmpty() ? null : new Answer(ip, names, mac);
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * Asks each of {@code ips} (at most {@link #MAX_HOSTS}) and waits at most {@code wait} in all for the answers.
     * Each host is asked on its own connected UDP channel, so a host without NetBIOS that says so (an ICMP port
     * unreachable) is done at once instead of being waited for; at most {@link #OPEN_AT_ONCE} channels are open at
     * once (the others are asked as channels free up, within the same wait).
     */
    public static Map<String, Answer> ask(List<String> ips, Duration wait) {
        Map<String, Answer> out = new LinkedHashMap<>();
        List<String> todo = ips.size() > MAX_HOSTS ? ips.subList(0, MAX_HOSTS) : ips;
        if (todo.isEmpty()) {
            return out;
        }
        long start = System.nanoTime();
        long end = start + wait.toNanos();
        long resend = TimeUnit.MILLISECONDS.toNanos(400);
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(todo);
        Map<java.nio.channels.DatagramChannel, Long> sentAt = new java.util.HashMap<>();
        java.util.Set<java.nio.channels.DatagramChannel> resent = new java.util.HashSet<>();
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1500);
            int id = 0x4200;
            // Bounded: each host is opened once, each channel ends by answer, refusal, error or the overall wait.
            while (System.nanoTime() - end < 0 && (!queue.isEmpty() || !sentAt.isEmpty())) {
                while (!queue.isEmpty() && sentAt.size() < OPEN_AT_ONCE) {
                    String ip = queue.poll();
                    java.nio.channels.DatagramChannel ch = null;
                    try {
                        ch = java.nio.channels.DatagramChannel.open();
                        ch.configureBlocking(false);
                        ch.connect(new InetSocketAddress(InetAddress.getByName(ip), PORT));
                        ch.write(java.nio.ByteBuffer.wrap(query(id++)));
                        ch.register(selector, java.nio.channels.SelectionKey.OP_READ, ip);
                        sentAt.put(ch, System.nanoTime());
                    } catch (IOException e) {
                        closeQuietly(ch);  // unreachable now: no answer from it
                    }
                }
                long now = System.nanoTime();
                long next = end - now;
                for (Map.Entry<java.nio.channels.DatagramChannel, Long> e : sentAt.entrySet()) {
                    if (!resent.contains(e.getKey())) {
                        next = Math.min(next, e.getValue() + resend - now);
                    }
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(next)));
                for (java.nio.channels.SelectionKey key : selector.selectedKeys()) {
                    java.nio.channels.DatagramChannel ch = (java.nio.channels.DatagramChannel) key.channel();
                    String ip = (String) key.attachment();
                    buf.clear();
                    try {
                        int n = ch.read(buf);
                        Answer a = n > 0 ? parse(ip, buf.array(), n) : null;
                        if (a == null) {
                            continue;
                        }
                        out.put(ip, a);
                    } catch (IOException e) {
                        // ICMP port unreachable (PortUnreachableException) or another error: this host is done
                    }
                    key.cancel();
                    sentAt.remove(ch);
                    closeQuietly(ch);
                }
                selector.selectedKeys().clear();
                now = System.nanoTime();
                for (Map.Entry<java.nio.channels.DatagramChannel, Long> e : sentAt.entrySet()) {
                    if (!resent.contains(e.getKey()) && now - e.getValue() >= resend) {
                        resent.add(e.getKey());
                        try {
                            e.getKey().write(java.nio.ByteBuffer.wrap(query(id++)));
                        } catch (IOException x) {
                            // an error now shows on the next read
                        }
                    }
                }
            }
            sentAt.keySet().forEach(NodeStatus::closeQuietly);
        } catch (IOException e) {
            sentAt.keySet().forEach(NodeStatus::closeQuietly);
        }
        Map<String, Answer> ordered = new LinkedHashMap<>();
        for (String ip : todo) {
            if (out.containsKey(ip)) {
                ordered.put(ip, out.get(ip));
            }
        }
        return ordered;
    }

    private static void closeQuietly(java.nio.channels.DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
