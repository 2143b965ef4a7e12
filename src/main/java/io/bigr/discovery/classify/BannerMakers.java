package io.bigr.discovery.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The device maker named in what a service says about itself (docs/DOMAIN.md §4.3): a small table of HTTP
 * {@code Server} header and greeting patterns ({@code /io/bigr/discovery/classify/banner-makers.txt}), consulted
 * only when the MAC gives no vendor. Immutable and thread-safe; the bundled table is read once per process.
 */
public final class BannerMakers {
    static final String RESOURCE = "/io/bigr/discovery/classify/banner-makers.txt";
    /** {@code raw_evidence.vendor_source} of a vendor taken from an HTTP {@code Server} header. */
    public static final String SOURCE_HTTP_SERVER = "http_server";
    /** {@code raw_evidence.vendor_source} of a vendor taken from a greeting (SSH, FTP, SMTP...). */
    public static final String SOURCE_BANNER = "banner";

    /** One line of the table, with the example texts that must yield it. */
    record Maker(String vendor, Pattern pattern, List<String> examples) {
    }

    /** Which maker, from which kind of text, on which port, and the text itself. */
    public record Match(String vendor, String source, int port, String text) {
        /** The {@code vendor_match} evidence string, e.g. {@code port 8080 Server: Hikvision-Webs → Hikvision}. */
        public String describe() {
            return "port " + port + (SOURCE_HTTP_SERVER.equals(source) ? " Server: " : " ") + text + " → " + vendor;
        }
    }

    private final List<Maker> makers;

    BannerMakers(List<Maker> makers) {
        this.makers = List.copyOf(makers);
    }

    public static BannerMakers bundled() {
        return Bundled.MAKERS;
    }

    List<Maker> makers() {
        return makers;
    }

    /** The first maker (in table order) whose pattern occurs in {@code text}; null when none does. */
    String makerOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (Maker m : makers) {
            if (m.pattern().matcher(text).find()) {
                return m.vendor();
            }
        }
        return null;
    }

    /**
     * The maker named by {@code raw_evidence.banners} (port → {@code {"service", "banner" | "server", ...}}, or the
     * plain text of earlier releases): ports in ascending order, per port the {@code Server} header, then the
     * greeting line. Null when no banner names a maker.
     */
    public Match find(JsonNode banners) {
        if (banners == null || !banners.isObject()) {
            return null;
        }
        Map<Integer, JsonNode> byPort = new TreeMap<>();
        banners.fields().forEachRemaining(e -> {
            try {
                byPort.put(Integer.parseInt(e.getKey().trim()), e.getValue());
            } catch (NumberFormatException ignored) {
                // not a port key: not a banner
            }
        });
        for (Map.Entry<Integer, JsonNode> e : byPort.entrySet()) {
            JsonNode b = e.getValue();
            String server = b.isObject() ? text(b.get("server")) : null;
            String greeting = b.isObject() ? text(b.get("banner")) : text(b);
            String vendor = makerOf(server);
            if (vendor != null) {
                return new Match(vendor, SOURCE_HTTP_SERVER, e.getKey(), server);
            }
            if (greeting != null) {
                String line = greeting.lines().findFirst().orElse("").strip();
                vendor = makerOf(line);
                if (vendor != null) {
                    return new Match(vendor, SOURCE_BANNER, e.getKey(), line);
                }
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    /**
     * Parses the table: {@code Vendor = pattern} lines, each followed by {@code e.g. text} example lines; {@code #}
     * comments and blank lines are skipped.
     *
     * @throws IllegalStateException naming the line when a line is malformed or a pattern does not compile
     */
    static BannerMakers parse(BufferedReader in, String name) throws IOException {
        List<Maker> out = new ArrayList<>();
        String vendor = null;
        Pattern pattern = null;
        List<String> examples = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("e.g. ")) {
                if (vendor == null) {
                    throw new IllegalStateException(name + " line " + n + ": example before any maker");
                }
                examples.add(t.substring(5).strip());
                continue;
            }
            int eq = t.indexOf(" = ");
            if (eq <= 0) {
                throw new IllegalStateException(name + " line " + n + ": expected 'Vendor = pattern'");
            }
            if (vendor != null) {
                out.add(new Maker(vendor, pattern, List.copyOf(examples)));
                examples.clear();
            }
            vendor = t.substring(0, eq).strip();
            try {
                pattern = Pattern.compile(t.substring(eq + 3).strip(), Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException(name + " line " + n + ": bad pattern: " + e.getDescription(), e);
            }
        }
        if (vendor != null) {
            out.add(new Maker(vendor, pattern, List.copyOf(examples)));
        }
        return new BannerMakers(out);
    }

    /** Holder idiom: the bundled table is parsed on first use, once per process. */
    private static final class Bundled {
        static final BannerMakers MAKERS = load();

        private static BannerMakers load() {
            try (InputStream in = BannerMakers.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
