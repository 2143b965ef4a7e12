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
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Conditional and cached reads (docs/DOMAIN.md §6.14). Every GET of a data route is tagged with an {@code ETag} made
 * of the data version (which every writer bumps in its own transaction, so several servers on one PostgreSQL agree)
 * and the current minute (reports that depend on the clock, such as days to a certificate's expiry, change with
 * time, not only with data). A request whose {@code If-None-Match} names the current tag gets {@code 304} without
 * the route running; a repeated request with the same path, query and {@code Accept} gets the bytes rendered the
 * first time. The version is read before the route reads its data, so a body is never cached under a version
 * newer than the data it shows. Bodies are kept up to {@link #MAX_ENTRY_BYTES} each and {@link #MAX_BYTES} in all,
 * least recently used first out; any change of version or minute empties the cache.
 */
@Priority(Priorities.USER)
public final class ReadCache implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    /** First path segments (under /api) whose GET answers depend only on the data and the clock. */
    static final Set<String> ROUTES = Set.of("data", "assets", "changes", "scans", "subnets", "switches",
            "certificates", "topology", "compliance", "analytics", "risk", "vulnerabilities");
    static final long MAX_ENTRY_BYTES = 8L << 20;
    static final long MAX_BYTES = 48L << 20;

    private static final String TAG = ReadCache.class.getName() + ".tag";
    private static final String KEY = ReadCache.class.getName() + ".key";
    private static final String STORE = ReadCache.class.getName() + ".store";

    private final LongSupplier version;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private String generation = "";
    private long bytes;

    public ReadCache(LongSupplier version, Clock clock) {
        this.version = Objects.requireNonNull(version);
        this.clock = Objects.requireNonNull(clock);
    }

    private record Entry(byte[] body, MediaType type, String disposition) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method))) {
            return;
        }
        String path = request.getUriInfo().getPath(false);
        String first = path.startsWith("/") ? path.substring(1) : path;
        int slash = first.indexOf('/');
        if (!ROUTES.contains(slash < 0 ? first : first.substring(0, slash))) {
            return;
        }
        long v;
        try {
            v = version.getAsLong();
        } catch (RuntimeException e) {
            return; // the database is down or not migrated: the route itself answers (503 or its error)
        }
        String gen = v + "-" + clock.millis() / 60_000;
        EntityTag tag = new EntityTag(gen);
        request.setProperty(TAG, tag);
        String noneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (noneMatch != null && matches(noneMatch, tag)) {
            request.abortWith(Response.notModified(tag).build());
            return;
        }
        String key = path + "?" + request.getUriInfo().getRequestUri().getRawQuery() + "|"
                + request.getHeaderString(HttpHeaders.ACCEPT);
        Entry hit = lookup(gen, key);
        if (hit != null) {
            Response.ResponseBuilder r = Response.ok(hit.body(), hit.type()).tag(tag);
            if (hit.disposition() != null) {
                r.header("Content-Disposition", hit.disposition());
            }
            request.abortWith(r.build());
            return;
        }
        request.setProperty(KEY, gen + "|" + key);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object tag = request.getProperty(TAG);
        if (!(tag instanceof EntityTag t) || response.getStatus() != 200) {
            return;
        }
        if (!response.getHeaders().containsKey(HttpHeaders.ETAG)) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, t);
        }
        // Clients may keep the body but must ask again (a conditional request) before using it.
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        if (request.getProperty(KEY) != null && response.hasEntity()) {
            request.setProperty(STORE, Boolean.TRUE);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        Object key = context.getProperty(KEY);
        if (key == null || context.getProperty(STORE) == null) {
            context.proceed();
            return;
        }
        OutputStream out = context.getOutputStream();
        Capture capture = new Capture(out);
        context.setOutputStream(capture);
        context.proceed();
        if (!capture.overflowed) {
            Object disposition = context.getHeaders().getFirst("Content-Disposition");
            String[] parts = key.toString().split("\\|", 2);
            store(parts[0], parts[1], new Entry(capture.copy.toByteArray(), context.getMediaType(),
                    disposition == null ? null : disposition.toString()));
        }
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

    private synchronized Entry lookup(String gen, String key) {
        if (!gen.equals(generation)) {
            entries.clear();
            bytes = 0;
            generation = gen;
            return null;
        }
        return entries.get(key);
    }

    private synchronized void store(String gen, String key, Entry entry) {
        if (!gen.equals(generation)) {
            return; // the data or the minute moved on while this body was rendered
        }
        Entry old = entries.put(key, entry);
        bytes += entry.body().length - (old == null ? 0 : old.body().length);
        var oldest = entries.entrySet().iterator();
        while (bytes > MAX_BYTES && oldest.hasNext()) {
            bytes -= oldest.next().getValue().body().length;
            oldest.remove();
        }
    }

    /** Cached bodies and their bytes (for tests and the benchmark). */
    public synchronized long[] size() {
        return new long[] {entries.size(), bytes};
    }

    /** Passes every byte on and keeps a copy until the entry cap is passed. */
    private static final class Capture extends FilterOutputStream {
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        boolean overflowed;

        Capture(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            keep(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            keep(b, off, len);
        }

        private void keep(byte[] b, int off, int len) {
            if (overflowed) {
                return;
            }
            if (copy.size() + (long) len > MAX_ENTRY_BYTES) {
                overflowed = true;
                copy.reset();
                return;
            }
            copy.write(b, off, len);
        }
    }
}
