package io.bigr.discovery.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.OutputStream;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh-ahead for the {@link ReadCache} (docs/DOMAIN.md §6.14): once a second, while clients have read through the
 * cache in the last {@code window}, asks it which slow bodies the data changed under ({@link ReadCache#due}) and
 * renders them again, one at a time, by a request this server makes of itself through Jersey (no socket, no token:
 * {@link ReadCache#WARMING}). The body lands in the cache as a client's rendering would, so after a scan the
 * dashboard's whole-inventory reads are served from memory instead of each first reader waiting seconds for them; a
 * client that asks while such a rendering runs waits for it rather than starting a second one.
 */
public final class ReadWarmer implements ContainerLifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReadWarmer.class);
    /** The base URI of the in-process requests: the API's root ({@code /api/*}); bodies never name it. */
    static final URI BASE = URI.create("http://localhost/api/");
    /** How long one rendering ahead may take before the warmer gives up on it (the rendering itself runs on). */
    static final long RENDER_TIMEOUT_SECONDS = 120;

    private static final SecurityContext ANONYMOUS = new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    };

    private final ReadCache cache;
    private final Duration window;
    private final Duration slowerThan;
    private final Duration settle;
    private final AtomicLong rendered = new AtomicLong();
    private volatile ApplicationHandler handler;
    private volatile ScheduledExecutorService timer;
    private final java.util.Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** How long the data version must hold, with no client rendering, before bodies are rendered ahead. */
    public static final Duration SETTLE = Duration.ofSeconds(1);

    public ReadWarmer(ReadCache cache, Duration window, Duration slowerThan) {
        this(cache, window, slowerThan, SETTLE);
    }

    ReadWarmer(ReadCache cache, Duration window, Duration slowerThan, Duration settle) {
        this.cache = Objects.requireNonNull(cache);
        this.window = Objects.requireNonNull(window);
        this.slowerThan = Objects.requireNonNull(slowerThan);
        this.settle = Objects.requireNonNull(settle);
    }

    /**
     * Ticks every second on {@code timer} (a single thread the caller's lifecycle stops), which also renders, on the
     * cache's request, the bodies of clock-bound routes whose minute moved on ({@link ReadCache#refreshWith}).
     */
    public void start(ScheduledExecutorService timer) {
        attach(timer);
        timer.scheduleWithFixedDelay(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Renders the cache's refresh requests on {@code timer}, without the ticks ({@link #start} adds them). */
    void attach(ScheduledExecutorService timer) {
        this.timer = timer;
        cache.refreshWith(this::renderLater);
    }

    /** Renders {@code r} on the timer's thread, once however often it is asked before that rendering ends. */
    void renderLater(ReadCache.Recent r) {
        ScheduledExecutorService t = timer;
        ApplicationHandler h = handler;
        if (t == null || h == null || !queued.add(r.key)) {
            return;
        }
        try {
            t.execute(() -> {
                try {
                    if (render(h, r)) {
                        rendered.incrementAndGet();
                    }
                } finally {
                    queued.remove(r.key);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(r.key); // stopping
        }
    }

    /** Bodies rendered ahead so far. */
    public long rendered() {
        return rendered.get();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A failed tick must not end the schedule; the next one asks again.
            LOG.warn("Rendering a read ahead failed: {}", e.getClass().getSimpleName());
        }
    }

    /** One round: renders what {@link ReadCache#due} names now; returns how many renderings succeeded. */
    int tick() {
        ApplicationHandler h = handler;
        if (h == null) {
            return 0;
        }
        int done = 0;
        for (ReadCache.Recent r : cache.due(window, slowerThan, settle)) {
            if (render(h, r)) {
                done++;
                rendered.incrementAndGet();
            }
        }
        return done;
    }

    /** Renders one body through the application; false when it did not answer 200 (or could not be asked). */
    private static boolean render(ApplicationHandler h, ReadCache.Recent r) {
        try {
            return renderOrThrow(h, r);
        } catch (RuntimeException e) {
            // One body that cannot be rendered ahead (its reader will) must not stop the others of the round.
            LOG.debug("Rendering a read ahead failed: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    private static boolean renderOrThrow(ApplicationHandler h, ReadCache.Recent r) {
        String path = r.path.startsWith("/") ? r.path.substring(1) : r.path;
        URI uri = BASE.resolve(path + (r.query == null ? "" : "?" + r.query));
        ContainerRequest request = new ContainerRequest(BASE, uri, "GET", ANONYMOUS, new MapPropertiesDelegate(),
                h.getConfiguration());
        request.setProperty(ReadCache.WARMING, Boolean.TRUE);
        if (r.accept != null) {
            request.header(HttpHeaders.ACCEPT, r.accept);
        }
        request.header(HttpHeaders.ACCEPT_ENCODING, "gzip");
        Future<ContainerResponse> response = h.apply(request, OutputStream.nullOutputStream());
        try {
            return response.get(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS).getStatus() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void onStartup(Container container) {
        handler = container.getApplicationHandler();
    }

    @Override
    public void onReload(Container container) {
        handler = container.getApplicationHandler();
    }

    @Override
    public void onShutdown(Container container) {
        handler = null;
    }
}
