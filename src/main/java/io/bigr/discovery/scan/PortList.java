package io.bigr.discovery.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP ports a scan probes, in probe order: the 26 defaults of docs/DOMAIN.md §5.5, a user list ({@code --ports}) or
 * the N most frequently open ports ({@code --top-ports}, from the bundled {@code top-ports.txt}). Never empty,
 * never duplicated, every port in 1..65535.
 */
public record PortList(List<Integer> ports, String source) {
    /** docs/DOMAIN.md §5.5, in this order. */
    public static final List<Integer> DEFAULTS = List.of(22, 80, 443, 3389, 8080, 3306, 5432, 21, 23, 25, 53, 161,
            445, 9100, 554, 1883, 8443, 5000, 548, 631, 1900, 5353, 8008, 62078, 8888, 49152);
    private static final String TOP_PORTS = "top-ports.txt";

    public PortList {
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("no ports to scan");
        }
    }

    public static PortList defaults() {
        return new PortList(DEFAULTS, "default");
    }

    /**
     * {@code 22,80,8000-8010}: comma-separated ports or inclusive ranges; duplicates dropped, order kept.
     * The message of the exception is the one line shown to the user.
     */
    public static PortList parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--ports needs a comma-separated list, e.g. 22,80,443 or 8000-8010");
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                if (dash > 0) {
                    int lo = port(p.substring(0, dash), text);
                    int hi = port(p.substring(dash + 1), text);
                    if (hi < lo) {
                        throw bad(text, "range " + p + " ends before it starts");
                    }
                    for (int i = lo; i <= hi; i++) {
                        out.add(i);
                    }
                } else {
                    out.add(port(p, text));
                }
            } catch (NumberFormatException e) {
                throw bad(text, "'" + p + "' is not a port number");
            }
        }
        return new PortList(new ArrayList<>(out), "list");
    }

    /** The first {@code n} (1..1000) ports of the bundled frequency-ordered list. */
    public static PortList top(int n) {
        List<Integer> all = topPorts();
        if (n < 1 || n > all.size()) {
            throw new IllegalArgumentException("--top-ports must be between 1 and " + all.size() + ", got " + n);
        }
        return new PortList(all.subList(0, n), "top-" + n);
    }

    /** The whole bundled list, most frequently open first. */
    public static List<Integer> topPorts() {
        try (InputStream in = PortList.class.getResourceAsStream(TOP_PORTS)) {
            if (in == null) {
                throw new IllegalStateException(TOP_PORTS + " is missing from the classpath");
            }
            List<Integer> ports = new ArrayList<>(1000);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    ports.add(Integer.parseInt(line));
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return ports.size();
    }

    private static int port(String s, String text) {
        int p = Integer.parseInt(s.trim());
        if (p < 1 || p > 65535) {
            throw bad(text, "port " + p + " is outside 1-65535");
        }
        return p;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("Invalid --ports '" + text + "': " + why);
    }
}
