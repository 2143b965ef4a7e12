package io.bigr.discovery.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Conditional and cached reads (docs/DOMAIN.md §6.14). Every GET of a data route is tagged with an {@code ETag} made
 * of the data version (which every writer bumps in its own transaction, so several servers on one PostgreSQL agree;
 * read through {@code db/DataVersion}, which asks the database only after this process wrote or when its last answer
 * is older than a short bound) and, for the routes of {@link #CLOCK_ROUTES}, the current minute (reports that depend
 * on the clock, such as days to a certificate's expiry, change with time, not only with data). A request whose {@code If-None-Match} names the current
 * tag gets {@code 304} without the route running; a repeated request with the same path, query and {@code Accept}
 * gets the bytes rendered the first time, gzip-compressed once when the client accepts gzip.
 *
 * <p>One request renders a body that is not cached yet; requests for the same body in the same version and minute
 * wait for that rendering instead of rendering it again. When only the minute has moved on, the previous minute's
 * body is served while one request renders the new one. The version is read before the route reads its data, so a
 * body is never cached under a version newer than the data it shows. Bodies are kept up to {@link #MAX_ENTRY_BYTES}
 * each and {@link #MAX_BYTES} in all (compressed copies included), least recently used first out; a change of version
 * empties the cache.
 */
@Priority(Priorities.USER)
public final class ReadCache implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    /** First path segments (under /api) whose GET answers depend only on the data and the clock. */
    static final Set<String> ROUTES = Set.of("data", "assets", "changes", "scans", "subnets", "switches",
            "certificates", "topology", "compliance", "analytics", "risk", "vulnerabilities");
    /**
     * Of {@link #ROUTES}, those whose answers also change with the clock (days to a certificate's expiry, the risk
     * report's age of an asset, analytics' window of days): their tags and kept bodies last a minute. The others
     * depend on the data alone (absolute times in, stored times out), so their tags hold until the data changes
     * and a client polling them gets {@code 304} for as long.
     */
    static final Set<String> CLOCK_ROUTES = Set.of("certificates", "risk", "analytics");
    static final long MAX_ENTRY_BYTES = 8L << 20;
    /**
     * A body larger than {@link #MAX_ENTRY_BYTES} (the whole inventory at 100,000 assets is about 90 MB) is kept only
     * compressed, while it is written, up to this many compressed bytes; identity clients get it inflated on the way
     * out, which costs a fraction of rendering it again.
     */
    static final long MAX_PACKED_BYTES = 24L << 20;
    static final long MAX_BYTES = 48L << 20;
    /** How long a request waits for another request rendering the same body before rendering it itself. */
    static final long WAIT_MILLIS = 20_000;
    /** Bodies smaller than this are never compressed (as Dropwizard's gzip handler's minimum). */
    static final int GZIP_MIN_BYTES = 256;
    /** Headers of a rendered body that a replay repeats: the export's file name and row count. */
    static final List<String> KEPT_HEADERS = List.of("Content-Disposition", "X-Total-Count");

    /** Bodies read through this cache that {@link #due} may name, most recently read last. */
    static final int MAX_RECENT = 32;
    /** At most this many bodies are rendered ahead per change of the data ({@link #due}). */
    static final int MAX_WARM = 4;

    /**
     * A request property marking a request this server makes of itself to render a body ahead of its next read
     * ({@link ReadWarmer}); only code in this process can set a property, so the token filter lets it through.
     */
    public static final String WARMING = ReadCache.class.getName() + ".warming";
    private static final String TAG = ReadCache.class.getName() + ".tag";
    private static final String RENDER = ReadCache.class.getName() + ".render";
    private static final String STORE = ReadCache.class.getName() + ".store";
    private static final String GZIP = ReadCache.class.getName() + ".gzip";
    /** Set on a render a client asked for afresh ({@code Cache-Control: no-cache}). */
    private static final String FRESH = ReadCache.class.getName() + ".fresh";

    private final LongSupplier version;
    private final Clock clock;
    private final Executor background;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Flight> flights = new HashMap<>();
    /** In the order last read, most recent last (moved to the end on each read). */
    private final Map<String, Recent> recent = new LinkedHashMap<>();
    private long kept;
    /** Renders a body again in the background, once asked ({@link #refreshWith}); null: readers render. */
    private volatile java.util.function.Consumer<Recent> refresher;
    private long cachedVersion = Long.MIN_VALUE;
    private long warmedVersion = Long.MIN_VALUE;
    private long settlingVersion = Long.MIN_VALUE;
    private long settlingSinceNanos;
    private long bytes;

    /** {@code background} compresses a new body for gzip clients after it was served (off the request's path). */
    public ReadCache(LongSupplier version, Clock clock, Executor background) {
        this.version = Objects.requireNonNull(version);
        this.clock = Objects.requireNonNull(clock);
        this.background = Objects.requireNonNull(background);
    }

    /** One rendered body: identity bytes and, once asked for, their gzip form. */
    static final class Entry {
        final String key;
        final long version;
        final long minute;
        /** The identity bytes; null for a packed entry, which keeps only {@link #gzip} and {@link #length}. */
        final byte[] body;
        /** The identity length. */
        final long length;
        final MediaType type;
        /** The response headers a replay repeats ({@link #KEPT_HEADERS}), by name. */
        final Map<String, String> headers;
        private byte[] gzip;
        private boolean compressed;
        /** Bytes this entry counts for in the cache's total (guarded by the cache's lock). */
        volatile long counted;

        Entry(String key, long version, long minute, byte[] body, MediaType type, Map<String, String> headers) {
            this(key, version, minute, body, body.length, null, type, headers);
        }

        /** A packed entry: gzip bytes of an identity body of {@code length} bytes. */
        Entry(String key, long version, long minute, byte[] gzip, long length, MediaType type,
              Map<String, String> headers) {
            this(key, version, minute, null, length, gzip, type, headers);
        }

        private Entry(String key, long version, long minute, byte[] body, long length, byte[] gzip, MediaType type,
                      Map<String, String> headers) {
            this.key = key;
            this.version = version;
            this.minute = minute;
            this.body = body;
            this.length = length;
            this.gzip = gzip;
            this.compressed = gzip != null;
            this.type = type;
            this.headers = headers;
        }

        /** Identity bytes held in memory (none for a packed entry). */
        int bodyBytes() {
            return body == null ? 0 : body.length;
        }

        EntityTag tag() {
            return ReadCache.tag(version, minute);
        }

        /** The gzip form, compressed by the first caller; null when compressing does not make the body smaller. */
        synchronized byte[] gzip() {
            if (!compressed) {
                compressed = true;
                if (body != null && body.length >= GZIP_MIN_BYTES) {
                    byte[] z = ReadCache.gzip(body);
                    gzip = z.length < body.length ? z : null;
                }
            }
            return gzip;
        }

        synchronized int gzipLength() {
            return gzip == null ? 0 : gzip.length;
        }
    }

    /** A body being rendered by one request, which the others asking for it in the same version and minute wait for. */
    static final class Flight {
        final String key;
        final long version;
        final long minute;
        final long startedNanos = System.nanoTime();
        final CompletableFuture<Entry> done = new CompletableFuture<>();

        /** Registered by the server's own rendering ahead ({@link ReadWarmer}), not by a client. */
        boolean warming;

        Flight(String key, long version, long minute) {
            this.key = key;
            this.version = version;
            this.minute = minute;
        }

        boolean current(long v, long m) {
            return version == v && minute == m && young();
        }

        /** Younger than {@link #WAIT_MILLIS}: a request may still wait for it. */
        boolean young() {
            return System.nanoTime() - startedNanos < TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        }

        Entry await() {
            long left = WAIT_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            try {
                return left <= 0 ? null : done.get(left, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException | TimeoutException e) {
                return null;
            }
        }
    }

    /**
     * A body clients read lately: the request that renders it again ({@code path} under the API's root, raw query,
     * {@code Accept}), when it was last read, and how long its last rendering took and how many bytes it keeps.
     */
    public static final class Recent {
        final String key;
        public final String path;
        public final String query;
        public final String accept;
        long lastReadNanos;
        /** When {@link #due} last named it (0: never); it is named again only once read after that. */
        long dueNanos;
        long renderNanos = -1;
        long keptBytes;
        /** Renderings of this body kept so far (clients' and the warmer's). */
        long renders;

        Recent(String key, String path, String query, String accept) {
            this.key = key;
            this.path = path;
            this.query = query;
            this.accept = accept;
        }
    }

    /** What a lookup decided: serve {@code entry}, wait for {@code flight}, or render (and complete) {@code flight}. */
    private record Decision(Entry entry, Flight flight, boolean render, Recent refresh) {
        Decision(Entry entry, Flight flight, boolean render) {
            this(entry, flight, render, null);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (!("GET".equals(method) || head)) {
            return;
        }
        String path = request.getUriInfo().getPath(false);
        String first = path.startsWith("/") ? path.substring(1) : path;
        int slash = first.indexOf('/');
        String route = slash < 0 ? first : first.substring(0, slash);
        if (!ROUTES.contains(route)) {
            return;
        }
        long v;
        try {
            v = version.getAsLong();
        } catch (RuntimeException e) {
            return; // the database is down or not migrated: the route itself answers (503 or its error)
        }
        long m = CLOCK_ROUTES.contains(route) ? clock.millis() / 60_000 : 0;
        EntityTag tag = tag(v, m);
        request.setProperty(TAG, tag);
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        String key = path + "?" + query + "|" + accept;
        boolean warming = Boolean.TRUE.equals(request.getProperty(WARMING));
        if (!head && !warming) {
            noteRead(key, path, query, accept);
        }
        String noneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (noneMatch != null && matches(noneMatch, tag)) {
            request.abortWith(Response.notModified(tag).build());
            return;
        }
        boolean gzip = acceptsGzip(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
        request.setProperty(GZIP, gzip);
        String asked = request.getHeaderString(HttpHeaders.CACHE_CONTROL);
        if (asked != null && asked.toLowerCase(Locale.ROOT).contains("no-cache")) {
            // A client's "Cache-Control: no-cache" asks for a freshly rendered body, which is kept; except a body
            // that outgrows an entry rendered for a client that does not take gzip: compressing it only to keep it
            // would take the second core from the render (0.4 s for the whole inventory at 100,000 assets), and
            // ordinary reads and refresh-ahead keep it instead. The version is adopted first, as any read does, or
            // the first read of a new version would not be kept.
            synchronized (this) {
                adopt(v);
            }
            request.setProperty(RENDER, new Flight(key, v, m));
            request.setProperty(FRESH, Boolean.TRUE);
            return;
        }
        Decision d = decide(key, v, m, !head, warming);
        if (d.refresh() != null) {
            refresher.accept(d.refresh());
        }
        Entry hit = d.entry();
        if (hit == null && d.flight() != null && !d.render()) {
            hit = d.flight().await();
        }
        if (hit != null) {
            if (noneMatch != null && matches(noneMatch, hit.tag())) {
                request.abortWith(Response.notModified(hit.tag()).build());
            } else {
                request.abortWith(serve(hit, gzip));
            }
            return;
        }
        if (!head) {
            request.setProperty(RENDER, d.render() ? d.flight() : new Flight(key, v, m));
        }
    }

    private Response serve(Entry hit, boolean gzip) {
        byte[] z = gzip || hit.body == null ? hit.gzip() : null;
        if (z != null && hit.body != null && hit.counted == hit.body.length) {
            account(hit); // compressed by this request
        }
        Response.ResponseBuilder r;
        if (!gzip && hit.body == null) {
            // A packed body for a client that does not take gzip: inflated as it is sent.
            byte[] packed = z;
            StreamingOutput inflate = out -> {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed), 64 * 1024)) {
                    in.transferTo(out);
                }
            };
            r = Response.ok(inflate, hit.type).header(HttpHeaders.CONTENT_LENGTH, hit.length);
        } else {
            byte[] body = z != null ? z : hit.body;
            r = Response.ok(body, hit.type).header(HttpHeaders.CONTENT_LENGTH, body.length); // not chunked
        }
        r.tag(hit.tag()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (z != null && gzip) {
            r.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        hit.headers.forEach(r::header);
        return r.build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object tag = request.getProperty(TAG);
        Object render = request.getProperty(RENDER);
        if (!(tag instanceof EntityTag t) || response.getStatus() != 200 || !response.hasEntity()) {
            if (render instanceof Flight f) {
                finish(f, null);
            }
            return;
        }
        if (!response.getHeaders().containsKey(HttpHeaders.ETAG)) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, t);
        }
        // Clients may keep the body but must ask again (a conditional request) before using it.
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        if (render != null) {
            request.setProperty(STORE, Boolean.TRUE);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(RENDER) instanceof Flight flight) || context.getProperty(STORE) == null) {
            context.proceed();
            return;
        }
        Entry entry = null;
        boolean gzipClient = Boolean.TRUE.equals(context.getProperty(GZIP));
        boolean pack = gzipClient || context.getProperty(FRESH) == null;
        Capture capture = new Capture(context.getOutputStream(), gzipClient, pack, () -> {
            context.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
            context.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        });
        boolean handedOff = false;
        try {
            context.setOutputStream(capture);
            context.proceed();
            capture.release();
            Map<String, String> kept = new LinkedHashMap<>();
            for (String name : KEPT_HEADERS) {
                Object value = context.getHeaders().getFirst(name);
                if (value != null) {
                    kept.put(name, value.toString());
                }
            }
            MediaType type = context.getMediaType();
            if (capture.packer != null && capture.packer.client != null) {
                // The client gets the packer's gzip: the request ends when the packer has written the last of it.
                long length = capture.length;
                byte[] gzip = capture.packer.end().join();
                capture.packer.clientFailed();
                entry = gzip == null ? null
                        : new Entry(flight.key, flight.version, flight.minute, gzip, length, type, kept);
            } else if (capture.packer != null && !capture.packer.overflowed) {
                // The packer finishes (and keeps) the body on its own thread: the response does not wait for it.
                long length = capture.length;
                capture.packer.end().whenComplete((gzip, failure) -> finish(flight, gzip == null ? null
                        : new Entry(flight.key, flight.version, flight.minute, gzip, length, type, kept)));
                handedOff = true;
            } else if (capture.packer == null && capture.copy != null) {
                entry = new Entry(flight.key, flight.version, flight.minute, capture.copy.toByteArray(), type, kept);
            }
        } finally {
            if (!handedOff) {
                if (capture.packer != null) {
                    capture.packer.abort();
                }
                finish(flight, entry);
            }
        }
        if (entry != null && entry.body != null && gzipClient) {
            Entry compress = entry;
            background.execute(() -> {
                if (cached(compress)) {
                    compress.gzip();
                    account(compress);
                }
            });
        }
    }

    private synchronized Decision decide(String key, long v, long m, boolean mayRender, boolean warming) {
        adopt(v);
        Entry e = entries.get(key);
        if (e != null && e.minute >= m) {
            return new Decision(e, null, false);
        }
        Flight f = flights.get(key);
        boolean inFlight = f != null && f.current(v, m);
        if (e != null && e.minute == m - 1) {
            // Only the clock moved on: the last minute's body while one request renders this minute's.
            if (inFlight || !mayRender) {
                return new Decision(e, null, false);
            }
            Recent r = recent.get(key);
            if (!warming && refresher != null && r != null) {
                // Rendered ahead instead ({@link ReadWarmer}): this reader too gets the last minute's body.
                return new Decision(e, null, false, r);
            }
            return new Decision(null, register(key, v, m, warming), true);
        }
        if (inFlight) {
            return new Decision(null, f, false);
        }
        return mayRender ? new Decision(null, register(key, v, m, warming), true) : new Decision(null, null, false);
    }

    /** A new data version empties the cache (called with the cache's lock held). */
    private void adopt(long v) {
        if (v != cachedVersion) {
            entries.clear();
            bytes = 0;
            cachedVersion = v;
        }
    }

    private Flight register(String key, long v, long m, boolean warming) {
        Flight f = new Flight(key, v, m);
        f.warming = warming;
        flights.put(key, f);
        return f;
    }

    /**
     * Bodies of the clock-bound routes whose minute has moved on (same data version) are then rendered by
     * {@code refresher} in the background, and every reader, the first included, gets the last minute's body
     * meanwhile; without one, the first reader renders this minute's and waits for it.
     */
    public void refreshWith(java.util.function.Consumer<Recent> refresher) {
        this.refresher = refresher;
    }

    private synchronized void noteRead(String key, String path, String query, String accept) {
        Recent r = recent.remove(key);
        if (r == null) {
            r = new Recent(key, path, query, accept);
        }
        r.lastReadNanos = System.nanoTime();
        recent.put(key, r);
        if (recent.size() > MAX_RECENT) {
            var oldest = recent.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * The bodies to render again now, ahead of their next read (refresh-ahead, docs/DOMAIN.md §6.14): once per change
     * of the data version, those read within {@code window} whose last rendering took at least {@code slowerThan},
     * read again since this last named them (data that changes faster than clients read is not rendered for nobody)
     * and that are neither kept nor being rendered at the new version, once the version has held for {@code settle}
     * and no client is rendering a body (so that rendering ahead does not slow the first readers of a change, who
     * render on their own); most recently read first, at most
     * {@link #MAX_WARM}, and no more than the cache holds ({@link #MAX_BYTES}, by their last sizes). Asks for the data
     * version only while some body was read within the window, so an idle server does not poll its database.
     */
    public List<Recent> due(java.time.Duration window, java.time.Duration slowerThan, java.time.Duration settle) {
        long now = System.nanoTime();
        long windowNanos = window.toNanos();
        synchronized (this) {
            if (recent.values().stream().noneMatch(r -> now - r.lastReadNanos <= windowNanos)) {
                return List.of();
            }
        }
        long v;
        try {
            v = version.getAsLong();
        } catch (RuntimeException e) {
            return List.of(); // the database is unreachable: the next tick asks again
        }
        synchronized (this) {
            if (v == warmedVersion) {
                return List.of();
            }
            if (v != settlingVersion) {
                settlingVersion = v;
                settlingSinceNanos = now;
            }
            if (now - settlingSinceNanos < settle.toNanos()) {
                return List.of(); // a save may bump the version again; and its first readers render on their own
            }
            for (Flight f : flights.values()) {
                if (!f.warming && f.young()) {
                    return List.of(); // a client is rendering: the two cores are its, asked again next tick
                }
            }
            warmedVersion = v;
            adopt(v);
            List<Recent> candidates = new ArrayList<>();
            for (Recent r : recent.values()) {
                Flight f = flights.get(r.key);
                if (now - r.lastReadNanos <= windowNanos && r.renderNanos >= slowerThan.toNanos()
                        && (r.dueNanos == 0 || r.lastReadNanos - r.dueNanos > 0)
                        && !entries.containsKey(r.key) && (f == null || f.version != v)) {
                    candidates.add(r);
                }
            }
            List<Recent> due = new ArrayList<>();
            long budget = MAX_BYTES;
            for (int i = candidates.size() - 1; i >= 0 && due.size() < MAX_WARM; i--) {
                Recent r = candidates.get(i);
                if (r.keptBytes <= budget) {
                    budget -= r.keptBytes;
                    r.dueNanos = now;
                    due.add(r);
                }
            }
            return due;
        }
    }

    /** Ends a rendering: keeps its body (when it is one of the current version) and hands it to the waiters. */
    private void finish(Flight f, Entry entry) {
        synchronized (this) {
            if (flights.get(f.key) == f) {
                flights.remove(f.key);
            }
            Recent r = recent.get(f.key);
            if (r != null && entry != null) {
                r.renderNanos = System.nanoTime() - f.startedNanos;
                r.keptBytes = entry.body != null ? entry.body.length : entry.gzipLength();
                r.renders++;
            }
            if (entry != null && entry.version == cachedVersion) {
                Entry old = entries.get(entry.key);
                if (old == null || old.minute <= entry.minute) {
                    entries.put(entry.key, entry);
                    kept++;
                    entry.counted = entry.body != null ? entry.body.length : entry.gzipLength();
                    bytes += entry.counted - (old == null ? 0 : old.counted);
                    evict();
                }
            }
        }
        f.done.complete(entry);
    }

    private synchronized boolean cached(Entry e) {
        return entries.get(e.key) == e;
    }

    /** Counts a body's gzip form in the cache's bytes, if the body is still cached. */
    private synchronized void account(Entry e) {
        if (entries.get(e.key) == e) {
            long now = e.bodyBytes() + e.gzipLength();
            bytes += now - e.counted;
            e.counted = now;
            evict();
        }
    }

    private void evict() {
        var oldest = entries.entrySet().iterator();
        while (bytes > MAX_BYTES && oldest.hasNext()) {
            bytes -= oldest.next().getValue().counted;
            oldest.remove();
        }
    }

    static EntityTag tag(long version, long minute) {
        return new EntityTag(version + "-" + minute);
    }

    private static boolean matches(String header, EntityTag tag) {
        String quoted = "\"" + tag.getValue() + "\"";
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(quoted) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code Accept-Encoding} value accepts gzip (named or {@code *}, with a q above zero). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim().toLowerCase(Locale.ROOT);
            if (!(coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*"))) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < p.length; i++) {
                String q = p[i].trim().toLowerCase(Locale.ROOT);
                if (q.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(q.substring(2).trim()) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 8));
        try (GZIPOutputStream z = gzipStream(out, Deflater.DEFAULT_COMPRESSION)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A gzip stream over {@code out} at {@code level}, with a 64 KiB buffer. */
    static GZIPOutputStream gzipStream(OutputStream out, int level) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
    }

    /** Bodies rendered and kept so far, by clients' requests and by {@link ReadWarmer}'s (for tests). */
    public synchronized long kept() {
        return kept;
    }

    /** Renderings kept of the body read at {@code pathAndQuery} (under the API's root, any Accept), for tests. */
    public synchronized long rendersOf(String pathAndQuery) {
        String wanted = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
        long n = 0;
        for (Recent r : recent.values()) {
            String key = r.key.startsWith("/") ? r.key.substring(1) : r.key;
            if (key.startsWith(wanted + "|")) {
                n += r.renders;
            }
        }
        return n;
    }

    /** Cached bodies and their bytes (for tests and the benchmark). */
    public synchronized long[] size() {
        return new long[] {entries.size(), bytes};
    }

    /**
     * Passes every byte on and keeps a copy: as it is up to {@link #MAX_ENTRY_BYTES}, then handed (what was kept so far
     * and the rest) to a {@link Packer}, which compresses it on its own thread up to {@link #MAX_PACKED_BYTES} of gzip.
     *
     * <p>For a client that accepts gzip the bytes are held while they fit an entry: a body that ends there is passed
     * on as it is (the server's gzip handler compresses it, as any response), and a body that outgrows it is sent as
     * the packer's gzip ({@code Content-Encoding} set before the first byte), so a large body is compressed once, on
     * the packer's thread, instead of twice (a 90 MB inventory: once at level 1 for the cache, and again by the
     * gzip handler on the request's thread).
     */
    private static final class Capture extends FilterOutputStream {
        /** The body as written while it fits an entry; null once handed to the packer (its 8 MB freed). */
        ByteArrayOutputStream copy = new ByteArrayOutputStream(64 * 1024);
        Packer packer;
        long length;
        private final boolean hold;
        /** False: a body that outgrows an entry is dropped (copy null) instead of handed to a packer. */
        private final boolean pack;
        private final Runnable gzipHeaders;

        Capture(OutputStream out, boolean gzipClient, boolean pack, Runnable gzipHeaders) {
            super(out);
            this.hold = gzipClient;
            this.pack = pack;
            this.gzipHeaders = gzipHeaders;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!hold) {
                out.write(b, off, len);
            }
            keep(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (!hold) {
                out.flush();
            }
        }

        private void keep(byte[] b, int off, int len) throws IOException {
            length += len;
            if (packer == null && copy == null) {
                return; // dropped: not kept
            }
            if (packer == null && copy.size() + (long) len <= MAX_ENTRY_BYTES) {
                copy.write(b, off, len);
                return;
            }
            if (packer == null && !pack) {
                copy = null;
                return;
            }
            if (packer == null) {
                if (hold) {
                    gzipHeaders.run();
                    packer = Packer.start(copy.toByteArray(), MAX_PACKED_BYTES, out);
                } else {
                    packer = Packer.start(copy.toByteArray());
                }
                copy = null;
            }
            packer.write(b, off, len);
            if (packer.client != null) {
                packer.clientFailed(); // the client went away: the route stops writing, as it would writing itself
            }
        }

        /** The body is complete: a held body that fit an entry goes to the client as it is. */
        void release() throws IOException {
            if (hold && packer == null) {
                copy.writeTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            if (!hold) {
                super.close();
            }
            // else the body is still to be released or is the packer's to send; the response closes it after
        }
    }

    /**
     * Compresses a body that outgrew {@link #MAX_ENTRY_BYTES} (gzip level 1) on its own thread while the route goes on
     * writing it, so the request pays for copying its bytes, not for compressing them: at 100,000 assets compressing
     * inline was a fifth of rendering the whole inventory. The route's thread hands over 64 KiB chunks through a
     * short queue (2 MiB at most in flight); past {@link #MAX_PACKED_BYTES} of gzip, or when the packer falls more
     * than {@link #HANDOVER_SECONDS} behind, nothing is kept and the route writes on without it.
     */
    static final class Packer implements Runnable {
        static final int CHUNK = 64 * 1024;
        static final long HANDOVER_SECONDS = 5;
        private static final byte[] END = new byte[0];
        private final java.util.concurrent.BlockingQueue<byte[]> chunks =
                new java.util.concurrent.ArrayBlockingQueue<>(32);
        private final CompletableFuture<byte[]> packed = new CompletableFuture<>();
        private final long maxPacked;
        /** The client's stream when the packer's gzip is the response (every chunk is then sent), else null. */
        final OutputStream client;
        /** The client's write failure (it went away), rethrown on the request's thread. */
        private volatile IOException clientFailure;
        /** The route failed: the packer sends nothing more. */
        private volatile boolean aborted;
        private byte[] staging = new byte[CHUNK];
        private int staged;
        /** Set when nothing will be kept (too big, given up, or failed); read by both threads. */
        volatile boolean overflowed;

        Packer(long maxPacked, OutputStream client) {
            this.maxPacked = maxPacked;
            this.client = client;
        }

        static Packer start(byte[] first) {
            return start(first, MAX_PACKED_BYTES);
        }

        static Packer start(byte[] first, long maxPacked) {
            return start(first, maxPacked, null);
        }

        /** With {@code client}: also the response, gzip; kept only up to {@code maxPacked}, sent whole. */
        static Packer start(byte[] first, long maxPacked, OutputStream client) {
            Packer p = new Packer(maxPacked, client);
            Thread t = new Thread(p, "bigr-read-cache-pack");
            t.setDaemon(true);
            t.start();
            p.hand(first);
            return p;
        }

        /** Called by the writing thread only. */
        void write(byte[] b, int off, int len) {
            while (len > 0 && (client != null || !overflowed)) {
                int n = Math.min(len, CHUNK - staged);
                System.arraycopy(b, off, staging, staged, n);
                staged += n;
                off += n;
                len -= n;
                if (staged == CHUNK) {
                    hand(staging);
                    staging = new byte[CHUNK];
                    staged = 0;
                }
            }
        }

        /** The last bytes are written: the gzip bytes when they are complete, or null if nothing is kept. */
        CompletableFuture<byte[]> end() {
            if (staged > 0) {
                hand(java.util.Arrays.copyOf(staging, staged));
            }
            staging = null;
            staged = 0;
            signalEnd();
            return packed;
        }

        /**
         * The body will not be kept (the route failed or the client went away). A packer sending the response stops
         * sending and is waited for, so nothing writes to the response after the request's thread moves on.
         */
        void abort() {
            aborted = true;
            overflowed = true;
            staging = null;
            staged = 0;
            chunks.clear(); // not needed any more; the packer discards what it still takes
            signalEnd();
            if (client != null) {
                try {
                    packed.get(HANDOVER_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // it stopped one way or another; nothing is kept
                }
            }
        }

        /**
         * The packer takes until the end mark, discarding once overflowed, so the mark always finds room; bounded
         * anyway, so a packer that died cannot hold the request.
         */
        private void signalEnd() {
            try {
                if (!chunks.offer(END, HANDOVER_SECONDS, TimeUnit.SECONDS)) {
                    overflowed = true;
                    packed.complete(null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                overflowed = true;
                packed.complete(null);
            }
        }

        /** Throws the client's write failure, if the packer met one sending the response. */
        void clientFailed() throws IOException {
            IOException failure = clientFailure;
            if (failure != null) {
                // a new exception each time: the route's closing writes meet it again, and a stream's
                // try-with-resources cannot add an exception to itself as suppressed
                throw new IOException(failure.getMessage(), failure);
            }
        }

        private void hand(byte[] chunk) {
            if (aborted) {
                return;
            }
            if (client != null) {
                // Every chunk is the response's: the writer waits for a slow client as it would writing itself (the
                // packer takes until the end mark whatever fails, so this wait ends).
                try {
                    chunks.put(chunk);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    clientFailure = new java.io.InterruptedIOException("interrupted while handing the body over");
                    overflowed = true;
                }
                return;
            }
            if (overflowed) {
                return;
            }
            try {
                if (!chunks.offer(chunk, HANDOVER_SECONDS, TimeUnit.SECONDS)) {
                    overflowed = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                overflowed = true;
            }
        }

        @Override
        public void run() {
            if (client != null) {
                runForClient();
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            try (GZIPOutputStream z = gzipStream(out, Deflater.BEST_SPEED)) {
                // Until the end mark, which end() or abort() always send: a slow client may hold the writer for
                // long, and its body is still worth keeping.
                for (byte[] chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                    if (!overflowed) {
                        z.write(chunk);
                        if (out.size() > maxPacked) {
                            overflowed = true;
                        }
                    }
                }
                z.finish();
            } catch (IOException | InterruptedException | RuntimeException e) {
                overflowed = true;
                chunks.clear();
            }
            packed.complete(overflowed ? null : out.toByteArray());
        }

        /**
         * The client's gzip: every chunk compressed and sent, kept too while the kept bytes stay within
         * {@code maxPacked}. Takes until the end mark whatever fails, so the writer never waits for nothing.
         */
        private void runForClient() {
            ByteArrayOutputStream kept = new ByteArrayOutputStream(1 << 20);
            OutputStream both = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (!overflowed) {
                        kept.write(b, off, len);
                        if (kept.size() > maxPacked) {
                            overflowed = true;
                            kept.reset();
                        }
                    }
                    if (clientFailure == null) {
                        try {
                            client.write(b, off, len);
                        } catch (IOException e) {
                            clientFailure = e;
                        }
                    }
                }
            };
            GZIPOutputStream z = null;
            try {
                z = gzipStream(both, Deflater.BEST_SPEED);
            } catch (IOException e) {
                clientFailure = e;
            }
            try {
                for (byte[] chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                    if (z != null && clientFailure == null && !aborted) {
                        try {
                            z.write(chunk);
                        } catch (IOException | RuntimeException e) {
                            clientFailure = e instanceof IOException io ? io : new IOException(e);
                            overflowed = true;
                            z = null;
                        }
                    }
                }
                if (z != null && clientFailure == null && !aborted) {
                    z.finish(); // never after a failed route: a complete gzip stream would pass for a whole body
                    client.flush();
                }
            } catch (IOException | RuntimeException e) {
                if (clientFailure == null) {
                    clientFailure = e instanceof IOException io ? io : new IOException(e);
                }
                overflowed = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clientFailure = new java.io.InterruptedIOException("interrupted while packing");
                overflowed = true;
            }
            packed.complete(overflowed || clientFailure != null ? null : kept.toByteArray());
        }
    }
}
