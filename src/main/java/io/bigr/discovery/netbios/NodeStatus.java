package io.bigr.discovery.netbios;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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
 * {@link #MAX_HOSTS} hosts, one socket, one overall wait.
 */
public final class NodeStatus {
    static final int PORT = 137;
    static final int MAX_HOSTS = 1024;

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

    /** Asks each of {@code ips} (at most {@link #MAX_HOSTS}) and waits at most {@code wait} in all for the answers. */
    public static Map<String, Answer> ask(List<String> ips, Duration wait) {
        Map<String, Answer> out = new LinkedHashMap<>();
        List<String> todo = ips.size() > MAX_HOSTS ? ips.subList(0, MAX_HOSTS) : ips;
        if (todo.isEmpty()) {
            return out;
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(50);
            long start = System.nanoTime();
            long end = start + wait.toNanos();
            boolean resent = false;
            send(s, todo, out);
            byte[] buf = new byte[1500];
            while (out.size() < todo.size() && System.nanoTime() - end < 0) {
                if (!resent && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(400)) {
                    send(s, todo, out);
                    resent = true;
                }
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                String from = p.getAddress().getHostAddress();
                if (todo.contains(from) && !out.containsKey(from)) {
                    Answer a = parse(from, p.getData(), p.getLength());
                    if (a != null) {
                        out.put(from, a);
                    }
                }
            }
        } catch (IOException e) {
            // no NetBIOS evidence
        }
        return out;
    }

    private static void send(DatagramSocket s, List<String> ips, Map<String, Answer> answered) {
        int id = 0x4200;
        for (String ip : ips) {
            if (answered.containsKey(ip)) {
                continue;
            }
            byte[] q = query(id++);
            try {
                s.send(new DatagramPacket(q, q.length, new InetSocketAddress(InetAddress.getByName(ip), PORT)));
            } catch (IOException e) {
                // unreachable now: no answer from it
            }
        }
    }
}
