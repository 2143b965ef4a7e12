package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what open services say about themselves: the SSH version line, the FTP and SMTP greetings, and an HTTP
 * server's {@code Server} header and page {@code <title>} (the body decoded by {@link HttpText}). Evidence only;
 * nothing is logged in or sent beyond one {@code GET /}.
 *
 * <p>Bounded three ways: at most {@link #MAX_PORTS_PER_HOST} ports per host and {@link #MAX_GRABS} in total, at most
 * {@link #MAX_BYTES} read per connection with a per-connection timeout, and one overall deadline after which
 * unfinished reads are abandoned.
 */
public final class Banners {
    static final int MAX_PORTS_PER_HOST = 4;
    static final int MAX_GRABS = 1024;
    static final int MAX_BYTES = 4096;
    private static final int THREADS = 32;
    private static final Set<Integer> GREETING = Set.of(21, 22, 25, 110, 143, 587, 2222);
    private static final Set<Integer> HTTP = Set.of(80, 8000, 8008, 8080, 8081, 8888, 5000, 9000);
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>([^<]{0,200})", Pattern.CASE_INSENSITIVE);
    private static final Pattern SERVER = Pattern.compile("(?im)^server:[ \\t]*(.{0,200}?)\\r?$");

    /**
     * What one port said. {@code text} is the raw start of the answer (at most 1,024 characters), the input of
     * the docs/DOMAIN.md §4.4 banner fingerprint; {@code server} and {@code title} are set for HTTP.
     */
    public record Banner(String ip, int port, String service, String text, String server, String title) {
        ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("service", service);
            if (server != null || title != null) {
                if (server != null) {
                    o.put("server", server);
                }
                if (title != null) {
                    o.put("title", title);
                }
            } else {
                o.put("banner", firstLine(text));
            }
            return o;
        }
    }

    private Banners() {
    }

    /** Ports of {@code open} that this class knows how to ask, in the order they are asked. */
    static boolean speaks(int port) {
        return GREETING.contains(port) || HTTP.contains(port);
    }

    /** ip → port → banner, for the open ports this class speaks, read before {@code deadline}. */
    public static Map<String, Map<Integer, Banner>> grab(Map<String, List<Integer>> openPorts, Duration timeout,
                                                          Duration deadline) {
        List<String[]> jobs = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : openPorts.entrySet()) {
            int n = 0;
            for (int port : e.getValue()) {
                if (speaks(port) && n < MAX_PORTS_PER_HOST && jobs.size() < MAX_GRABS) {
                    jobs.add(new String[] {e.getKey(), Integer.toString(port)});
                    n++;
                }
            }
        }
        Map<String, Map<Integer, Banner>> out = new ConcurrentHashMap<>();
        if (jobs.isEmpty()) {
            return out;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, jobs.size()), r -> {
            Thread t = new Thread(r, "bigr-banner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (String[] job : jobs) {
                pool.execute(() -> {
                    Banner b = read(job[0], Integer.parseInt(job[1]), (int) timeout.toMillis());
                    if (b != null) {
                        out.computeIfAbsent(b.ip(), k -> new ConcurrentHashMap<>()).put(b.port(), b);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Map<Integer, Banner>> copy = new LinkedHashMap<>();
        out.forEach((ip, m) -> copy.put(ip, Map.copyOf(m)));
        return copy;
    }

    /** One connection: greeting services are read, HTTP gets one GET. Null when nothing readable came back. */
    static Banner read(String ip, int port, int timeoutMs) {
        return read(ip, port, timeoutMs, HTTP.contains(port));
    }

    /** {@link #read(String, int, int)} with the protocol chosen by the caller ({@code http}: send one GET). */
    static Banner read(String ip, int port, int timeoutMs, boolean http) {
        try (Socket s = new Socket()) {
            s.setSoLinger(true, 0);
            s.connect(new InetSocketAddress(ProbeEngine.address(ScanTarget.parseAddress(ip)), port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            if (http) {
                s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + ip + "\r\nUser-Agent: bigr-discovery\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            byte[] raw = new byte[http ? MAX_BYTES : 512];
            int len = readUpTo(s.getInputStream(), raw, http);
            if (http) {
                HttpText.Response response = HttpText.decode(raw, len);
                return response.text().isBlank() ? null : httpBanner(ip, port, response);
            }
            String text = new String(raw, 0, len, StandardCharsets.ISO_8859_1);
            return text.isBlank() ? null : new Banner(ip, port, service(port, text), clip(text), null, null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** An HTTP answer given as text (header bytes one to one, as ISO-8859-1); the body is decoded as on the wire. */
    static Banner httpBanner(String ip, int port, String text) {
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        return httpBanner(ip, port, HttpText.decode(raw, raw.length));
    }

    static Banner httpBanner(String ip, int port, HttpText.Response response) {
        String text = response.text();
        Matcher sm = SERVER.matcher(text);
        String server = sm.find() ? sm.group(1).trim() : null;
        Matcher tm = TITLE.matcher(text);
        String title = tm.find() ? tm.group(1).trim().replaceAll("\\s+", " ") : null;
        // The fingerprint reads the response head only, as a HEAD request would have returned (§4.4).
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        return new Banner(ip, port, "http", clip(head), server == null || server.isEmpty() ? null : server,
                title == null || title.isEmpty() ? null : title);
    }

    private static String service(int port, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("ssh-")) {
            return "ssh";
        }
        return switch (port) {
            case 21 -> "ftp";
            case 25, 587 -> "smtp";
            case 110 -> "pop3";
            case 143 -> "imap";
            default -> port == 22 || port == 2222 ? "ssh" : "unknown";
        };
    }

    /**
     * Fills {@code buf}: greetings end at the first line; HTTP is read until the server closes or the buffer is
     * full. Returns the number of bytes read.
     */
    private static int readUpTo(InputStream in, byte[] buf, boolean untilClose) throws IOException {
        int max = buf.length;
        int len = 0;
        try {
            while (len < max) {
                int r = in.read(buf, len, max - len);
                if (r < 0) {
                    break;
                }
                len += r;
                if (!untilClose && indexOf(buf, len, (byte) '\n') >= 0) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // keep what arrived in time
        }
        return len;
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
        return t.length() > 1024 ? t.substring(0, 1024) : t;
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
