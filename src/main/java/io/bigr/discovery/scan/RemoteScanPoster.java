package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.core.ScanResultJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a scan result to a remote BİGR server ({@code POST <server>/api/scans}, the docs/DOMAIN.md §2.7 JSON plus
 * {@code details}, {@code Authorization: Bearer <token>}) so that a scanner on one network can feed a central
 * inventory.
 *
 * <p>Never loses a scan and stores it once: every result carries the scanner's idempotency key (docs/DOMAIN.md
 * §2.7), so a result sent twice is stored once. Network errors and 5xx answers are retried with exponential backoff;
 * when every attempt failed, or the server refused the result (4xx), the JSON is written to the {@link Outbox}
 * ({@code ~/.bigr/outbox/}) and {@link Outcome#outboxFile()} says where. Before a new result is posted, the results
 * waiting in the outbox are sent, oldest first ({@link #flush}); {@code bigr outbox send} does the same on demand.
 * The token never appears in a message.
 */
public final class RemoteScanPoster {
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** posted: the server's status and body; otherwise the outbox file and why; and what the outbox flush did. */
    public record Outcome(boolean posted, int status, String serverScanId, Path outboxFile, String problem,
                          Flush flushed) {
    }

    /**
     * What sending the outbox did: {@code delivered} results were stored (or were already, a replay), {@code refused}
     * the server answered 4xx for (kept, with why), and {@code unreachable} says why the rest were not tried.
     */
    public record Flush(List<Path> delivered, Map<Path, String> refused, String unreachable, int waiting) {
        public boolean complete() {
            return refused.isEmpty() && unreachable == null;
        }
    }

    private final URI endpoint;
    private final String serverUrl;
    private final String token;
    private final Outbox outbox;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient client;

    public RemoteScanPoster(String serverUrl, String token, Path outbox, int attempts, Duration backoff) {
        this.endpoint = endpoint(serverUrl);
        this.serverUrl = serverUrl.trim();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--server needs a token (BIGR_TOKEN or --token-file)");
        }
        this.token = token;
        this.outbox = new Outbox(outbox);
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The outbox in the user's home, {@code ~/.bigr/outbox}: $HOME as the shell means it, else user.home. */
    public static Path defaultOutbox() {
        return Outbox.inHome().dir();
    }

    /** {@code <server>/api/scans}; throws with a one-line message for anything but an http(s) URL. */
    public static URI endpoint(String serverUrl) {
        URI u;
        try {
            u = URI.create(serverUrl.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid --server URL (expected e.g. https://bigr.example.org)");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("Invalid --server URL (expected e.g. https://bigr.example.org)");
        }
        String base = u.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/scans");
    }

    /** Sends what waits in the outbox, then posts {@code result}, keeping it in the outbox when that fails. */
    public Outcome post(ScanResult result) {
        Flush flushed = flush();
        String json = Json.write(ScanResultJson.toJson(result));
        Answer a = send(json, attempts);
        if (a.posted()) {
            return new Outcome(true, a.status(), scanId(a.body()), null, null, flushed);
        }
        return new Outcome(false, 0, null, keep(result, json), a.problem(), flushed);
    }

    /** The outbox this poster keeps results in. */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * Sends every result of the outbox, oldest first, one attempt each: a stored one (201, or 200 for a result the
     * server already had) leaves the outbox; a refused one (4xx) stays and is reported; when the server cannot be
     * reached (or answers 5xx) the rest stay for the next time.
     */
    public Flush flush() {
        List<Path> waiting;
        try {
            waiting = outbox.pending();
        } catch (IOException e) {
            return new Flush(List.of(), Map.of(), "cannot read the outbox " + outbox.dir(), 0);
        }
        List<Path> delivered = new ArrayList<>();
        Map<Path, String> refused = new LinkedHashMap<>();
        for (Path file : waiting) {
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                refused.put(file, "cannot read it");
                continue;
            }
            Answer a = send(json, 1);
            if (a.posted()) {
                try {
                    outbox.delivered(file);
                } catch (IOException e) {
                    refused.put(file, "delivered, but it could not be removed from the outbox");
                    continue;
                }
                delivered.add(file);
            } else if (a.status() >= 400 && a.status() < 500) {
                refused.put(file, a.problem());
            } else {
                return new Flush(delivered, refused, a.problem(), waiting.size());
            }
        }
        return new Flush(delivered, refused, null, waiting.size());
    }

    /** The server's answer to one body: posted (2xx), or the status (0 without one) and why not. */
    private record Answer(boolean posted, int status, String body, String problem) {
    }

    private Answer send(String json, int tries) {
        String problem = null;
        int lastStatus = 0;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(endpoint)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = res.statusCode();
                if (status >= 200 && status < 300) {
                    return new Answer(true, status, res.body(), null);
                }
                lastStatus = status;
                problem = "server answered HTTP " + status + serverMessage(res.body());
                if (status < 500) {
                    break; // the server read the request and refused it: repeating it will not help
                }
            } catch (IOException e) {
                lastStatus = 0;
                problem = "cannot reach " + endpoint.getHost() + " (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            }
            if (attempt < tries) {
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
        return new Answer(false, lastStatus, null, problem);
    }

    private Path keep(ScanResult result, String json) {
        try {
            String name = "scan-" + STAMP.format(result.startedAt()) + "-"
                    + result.target().replaceAll("[^0-9A-Za-z.-]", "_")
                    + (result.idempotencyKey() == null ? "" : "-" + result.idempotencyKey().replaceAll("[^0-9A-Za-z-]", "_"))
                    + ".json";
            return outbox.keep(name, json, serverUrl);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the outbox file in " + outbox.dir() + ": " + e.getMessage(), e);
        }
    }

    private static String scanId(String body) {
        JsonNode n = Json.parseOrNull(body);
        if (n == null) {
            return null;
        }
        JsonNode id = n.has("scan_id") ? n.get("scan_id") : n.get("id");
        return id == null || id.isNull() ? null : id.asText();
    }

    private static String serverMessage(String body) {
        JsonNode n = Json.parseOrNull(body);
        String key = n == null ? null : n.hasNonNull("error") ? "error" : n.hasNonNull("message") ? "message" : null;
        if (key != null) {
            String m = n.get(key).asText();
            return ": " + (m.length() > 200 ? m.substring(0, 200) : m);
        }
        return "";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
