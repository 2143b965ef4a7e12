package io.bigr.discovery.upnp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Reads description documents (docs/DOMAIN.md §5.14): one {@code GET} each, in the clear, without following
 * redirects, at most {@link #MAX_BYTES} read, {@link #TIMEOUT} to connect and to answer; at most {@link #THREADS} at
 * once, {@link #MAX_FETCHES} per call and one overall deadline, after which unfinished fetches give nothing. Only
 * {@code http} URLs on the addresses the caller allows are fetched. Reading a description changes nothing on a
 * device.
 */
public final class DescriptionFetcher {
    static final int MAX_BYTES = 64 * 1024;
    static final int THREADS = 16;
    static final int MAX_FETCHES = 512;
    static final Duration TIMEOUT = Duration.ofMillis(1500);

    /** One document to read and how to read it. */
    public record Request(String ip, URI url, BiFunction<String, byte[], DeviceDescription> parser) {
    }

    private DescriptionFetcher() {
    }

    /** The URL as a fetchable {@code http} URI on one of {@code allowed}, or null. */
    public static URI httpOn(String location, Set<String> allowed) {
        try {
            URI u = URI.create(location.trim());
            if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || !allowed.contains(u.getHost())) {
                return null;
            }
            return u;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Fetches and parses every request (bounded as the class says); per request the description, or none. */
    public static Map<Request, DeviceDescription> fetch(List<Request> requests, Duration deadline) {
        Map<Request, DeviceDescription> out = new LinkedHashMap<>();
        if (requests.isEmpty()) {
            return out;
        }
        List<Request> todo = requests.size() > MAX_FETCHES ? requests.subList(0, MAX_FETCHES) : requests;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, todo.size()), r -> {
            Thread t = new Thread(r, "bigr-describe");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        try {
            List<Future<DeviceDescription>> futures = new ArrayList<>();
            for (Request r : todo) {
                futures.add(pool.submit(() -> one(client, r)));
            }
            long end = System.nanoTime() + deadline.toNanos();
            for (int i = 0; i < todo.size(); i++) {
                try {
                    DeviceDescription d = futures.get(i).get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (d != null) {
                        out.put(todo.get(i), d);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    // timed out or failed: no description from this one
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static DeviceDescription one(HttpClient client, Request r) {
        try {
            HttpRequest req = HttpRequest.newBuilder(r.url()).timeout(TIMEOUT).header("User-Agent", "bigr-discovery")
                    .GET().build();
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                if (resp.statusCode() != 200) {
                    return null;
                }
                byte[] body = in.readNBytes(MAX_BYTES);
                return r.parser().apply(r.url().toString(), body);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
