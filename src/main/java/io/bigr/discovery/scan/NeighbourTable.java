package io.bigr.discovery.scan;

import io.bigr.discovery.core.MacAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's IPv4 neighbour (ARP) table: which hosts on directly attached networks this machine has resolved,
 * with their MACs. Read with {@code ip -4 neigh show} (it gives the entry state, so a fresh answer can be told from a
 * stale memory) and, where iproute2 is missing, from {@code /proc/net/arp} (complete entries only, no state).
 * Reading sends nothing on the network.
 */
public final class NeighbourTable {
    private static final long IP_TIMEOUT_MS = 2000;

    /** Entry states as iproute2 prints them; {@code COMPLETE} stands for a /proc/net/arp entry of unknown age. */
    public enum State { REACHABLE, STALE, DELAY, PROBE, PERMANENT, NOARP, COMPLETE, INCOMPLETE, FAILED, NONE }

    /** One entry; {@code mac} is normalised and null for unresolved entries. */
    public record Neighbour(String ip, String mac, String device, State state) {
        /** Resolved to a real unicast MAC. */
        public boolean resolved() {
            return mac != null && !"00:00:00:00:00:00".equals(mac) && !"ff:ff:ff:ff:ff:ff".equals(mac);
        }

        /** Confirmed by an answer moments ago (our own probes trigger that confirmation). */
        public boolean fresh() {
            return resolved() && (state == State.REACHABLE || state == State.DELAY || state == State.PROBE);
        }
    }

    private NeighbourTable() {
    }

    /** The current table; empty when neither source can be read. */
    public static List<Neighbour> read() {
        List<Neighbour> fromIp = readIpNeigh();
        if (fromIp != null) {
            return fromIp;
        }
        try {
            return parseProcArp(Files.readString(Path.of("/proc/net/arp"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Resolved entries only, as cheaply as possible: {@code /proc/net/arp} (no process to start), falling back to
     * {@link #read()} where it does not exist.
     */
    public static List<Neighbour> readResolved() {
        try {
            return parseProcArp(Files.readString(Path.of("/proc/net/arp"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return read();
        }
    }

    private static List<Neighbour> readIpNeigh() {
        try {
            Process p = new ProcessBuilder("ip", "-4", "neigh", "show").redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(IP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? parseIpNeigh(new String(out, StandardCharsets.UTF_8)) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code 10.0.0.1 dev eth0 lladdr 00:11:22:33:44:55 REACHABLE} per line. */
    static List<Neighbour> parseIpNeigh(String text) {
        List<Neighbour> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || f[0].indexOf('.') < 0) {
                continue;
            }
            String dev = null;
            String mac = null;
            State state = State.NONE;
            for (int i = 1; i < f.length; i++) {
                if ("dev".equals(f[i]) && i + 1 < f.length) {
                    dev = f[++i];
                } else if ("lladdr".equals(f[i]) && i + 1 < f.length) {
                    mac = MacAddresses.normalize(f[++i]);
                } else {
                    try {
                        state = State.valueOf(f[i].toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        // flags such as "router" or "proxy": not a state
                    }
                }
            }
            out.add(new Neighbour(f[0], mac, dev, state));
        }
        return out;
    }

    /** {@code /proc/net/arp}: header, then IP, HW type, flags, MAC, mask, device. Flag 0x2 = complete. */
    static List<Neighbour> parseProcArp(String text) {
        List<Neighbour> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            boolean complete;
            try {
                complete = (Integer.decode(f[2]) & 0x2) != 0;
            } catch (NumberFormatException e) {
                complete = false;
            }
            out.add(new Neighbour(f[0], complete ? MacAddresses.normalize(f[3]) : null, f[5],
                    complete ? State.COMPLETE : State.INCOMPLETE));
        }
        return out;
    }
}
