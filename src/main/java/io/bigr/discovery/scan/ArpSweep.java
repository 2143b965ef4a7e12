package io.bigr.discovery.scan;

import io.bigr.discovery.core.MacAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Active ARP sweep (docs/DOMAIN.md §5.4) through Debian's {@code arp-scan}: it crafts the who-has broadcasts on the raw
 * interface, which needs root (CAP_NET_RAW) and works only for a directly attached network. It runs as a child
 * process with a hard deadline and is killed when it overstays; its plain output ({@code IP<TAB>MAC} per line) is
 * parsed. Without root, without the tool, or for a routed target the sweep does not run, and {@link Plan} says why.
 */
public final class ArpSweep {
    static final String TOOL = "arp-scan";

    /** Whether a sweep can run for a target, and on which interface; {@code reason} explains a no. */
    public record Plan(boolean runnable, String device, String reason) {
    }

    /** What a sweep found; {@code error} is set when it ran but failed. */
    public record Result(Map<String, String> macByIp, long millis, String error) {
    }

    private ArpSweep() {
    }

    public static Plan plan(ScanTarget target, boolean root) {
        if (!root) {
            return new Plan(false, null, "not root: ARP frames need CAP_NET_RAW");
        }
        String tool = findTool();
        if (tool == null) {
            return new Plan(false, null, "arp-scan is not installed (apt-get install arp-scan)");
        }
        // The ends of the target decide; this machine's own addresses route via "local ... dev lo", so skip them.
        // The interfaces and the routing table are read once for all four.
        java.util.Set<Integer> locals;
        String routes;
        try {
            locals = localAddresses();
            routes = Files.readString(Path.of("/proc/net/route"), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            locals = null;
            routes = null;
        }
        String dev = null;
        boolean sameLink = true;
        for (long i : new long[] {0, 1, target.count() - 1, target.count() - 2}) {
            if (i < 0 || i >= target.count()) {
                continue;
            }
            String ip = ScanTarget.format(target.address(i));
            String d = routes == null ? onLinkDevice(ip) : onLinkDevice(ScanTarget.parseAddress(ip), locals, routes);
            if ("local".equals(d)) {
                continue;
            }
            if (d == null || (dev != null && !dev.equals(d))) {
                sameLink = false;
                break;
            }
            dev = d;
        }
        if (!sameLink || dev == null) {
            return new Plan(false, null, "target is not on a directly attached network");
        }
        if ("lo".equals(dev)) {
            return new Plan(false, null, "loopback has no ARP");
        }
        return new Plan(true, dev, "root, arp-scan present, target on-link via " + dev);
    }

    /** Runs the sweep; returns at the latest after {@code deadline} (the process is then killed). */
    public static Result run(ScanTarget target, String device, Duration deadline) {
        return run(target, device, deadline, (ip, mac) -> { });
    }

    /**
     * Runs the sweep, telling {@code found} each reply as it comes (line-buffered through coreutils' {@code stdbuf}
     * where it exists, so that a host found in the first round need not wait for the retries); returns at the
     * latest after {@code deadline} (the process is then killed).
     */
    public static Result run(ScanTarget target, String device, Duration deadline,
                             java.util.function.BiConsumer<String, String> found) {
        long start = System.nanoTime();
        String range = ScanTarget.format(target.address(0)) + "-" + ScanTarget.format(target.address(target.count() - 1));
        java.util.List<String> cmd = new java.util.ArrayList<>();
        String stdbuf = findTool("stdbuf");
        if (stdbuf != null) {
            cmd.addAll(java.util.List.of(stdbuf, "-oL"));
        }
        cmd.addAll(java.util.List.of(findTool(), "--interface=" + device, "--plain", "--quiet", "--ignoredups",
                "--retry=2", "--timeout=150", "--bandwidth=4000000", range));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            // Read on this thread: arp-scan writes little, and the deadline below kills it if it hangs.
            Thread killer = new Thread(() -> {
                try {
                    if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }, "bigr-arp-deadline");
            killer.setDaemon(true);
            killer.start();
            Map<String, String> macs = new LinkedHashMap<>();
            boolean said = false;
            try (java.io.BufferedReader r = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                // Bounded: one reply line per address at most (--ignoredups), and the process is killed at the
                // deadline, which ends the stream.
                while ((line = r.readLine()) != null) {
                    said |= !line.isBlank();
                    Map.Entry<String, String> e = parseLine(line, target);
                    if (e != null && macs.putIfAbsent(e.getKey(), e.getValue()) == null) {
                        found.accept(e.getKey(), e.getValue());
                    }
                }
            }
            p.waitFor();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (p.exitValue() != 0 && !said) {
                return new Result(Map.of(), ms, "arp-scan exited with " + p.exitValue());
            }
            return new Result(macs, ms, null);
        } catch (IOException e) {
            return new Result(Map.of(), (System.nanoTime() - start) / 1_000_000, "arp-scan failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Map.of(), (System.nanoTime() - start) / 1_000_000, "interrupted");
        }
    }

    /** {@code 10.0.0.5<TAB>00:50:56:aa:bb:cc[<TAB>vendor]} lines; replies outside the target are ignored. */
    static Map<String, String> parse(String out, ScanTarget target) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            Map.Entry<String, String> e = parseLine(line, target);
            if (e != null) {
                found.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return found;
    }

    /** One reply line as (ip, mac), or null when it is not a reply inside the target. */
    static Map.Entry<String, String> parseLine(String line, ScanTarget target) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 2) {
            return null;
        }
        try {
            if (!target.contains(ScanTarget.parseAddress(f[0]))) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        String mac = MacAddresses.normalize(f[1]);
        return mac != null && mac.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}") ? Map.entry(f[0], mac) : null;
    }

    /**
     * The interface through which {@code ip} is reached without a gateway; "local" for this machine's own
     * address; null when routed or unknown.
     */
    static String onLinkDevice(String ip) {
        try {
            return onLinkDevice(ScanTarget.parseAddress(ip), localAddresses(),
                    Files.readString(Path.of("/proc/net/route"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return onLinkDeviceByIpRoute(ip);
        }
    }

    private static String onLinkDevice(int addr, java.util.Set<Integer> locals, String procNetRoute) {
        return locals.contains(addr) ? "local" : routeDevice(procNetRoute, addr);
    }

    /**
     * Longest-prefix match in the kernel's main routing table ({@code /proc/net/route}, little-endian hex): the
     * device when the matching route has no gateway, null when it has one or nothing matches. Read from a file
     * because starting {@code ip} several times costs more than the sweep saves on a busy machine.
     */
    static String routeDevice(String procNetRoute, int addr) {
        String best = null;
        int bestLen = -1;
        boolean bestDirect = false;
        String[] lines = procNetRoute.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            int dest = Integer.reverseBytes(Integer.parseUnsignedInt(f[1], 16));
            int gateway = Integer.reverseBytes(Integer.parseUnsignedInt(f[2], 16));
            int mask = Integer.reverseBytes(Integer.parseUnsignedInt(f[7], 16));
            int len = Integer.bitCount(mask);
            if ((addr & mask) == (dest & mask) && len > bestLen) {
                best = f[0];
                bestLen = len;
                bestDirect = gateway == 0;
            }
        }
        return bestDirect ? best : null;
    }

    private static java.util.Set<Integer> localAddresses() throws IOException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address v4) {
                    byte[] b = v4.getAddress();
                    out.add(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
                }
            }
        }
        return out;
    }

    private static String onLinkDeviceByIpRoute(String ip) {
        try {
            Process p = new ProcessBuilder("ip", "-4", "route", "get", ip).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            String[] f = out.trim().split("\\s+");
            if (f.length > 0 && "local".equals(f[0])) {
                return "local";
            }
            String dev = null;
            for (int i = 0; i + 1 < f.length; i++) {
                if ("via".equals(f[i])) {
                    return null;
                }
                if ("dev".equals(f[i])) {
                    dev = f[i + 1];
                }
            }
            return dev;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String findTool() {
        return findTool(TOOL);
    }

    private static String findTool(String tool) {
        for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin", "/usr/local/bin"}) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
