package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Locale;

/**
 * Sends a scan result to a remote BİGR server ({@code POST <server>/api/scans}, the docs/DOMAIN.md §2.7 JSON plus
 * {@code details}, {@code Authorization: Bearer <token>}) so that a scanner on one network can feed a central
 * inventory.
 *
 * <p>Never loses a scan: network errors and 5xx answers are retried with exponential backoff; when every attempt
 * failed, or the server refused the result (4xx), the JSON is written to the outbox folder
 * ({@code ~/.bigr/outbox/}) and {@link Outcome#outboxFile()} says where. The token never appears in a message.
 */
public final class RemoteScanPoster {
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** posted: the server's status and body; otherwise the outbox file and why. */
    public record Outcome(boolean posted, int status, String serverScanId, Path outboxFile, String problem) {
    }

    private final URI endpoint;
    private final String token;
    private final Path outbox;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient client;

    public RemoteScanPoster(String serverUrl, String token, Path outbox, int attempts, Duration backoff) {
        this.endpoint = endpoint(serverUrl);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--server needs --token");
        }
        this.token = token;
        this.outbox = outbox;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The outbox in the user's home, {@code ~/.bigr/outbox}: $HOME as the shell means it, else user.home. */
    public static Path defaultOutbox() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".bigr", "outbox");
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

    public Outcome post(ScanResult result) {
        ObjectNode body = ScanResultJson.toJson(result);
        String json = Json.write(body);
        String problem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(endpoint)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = res.statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(true, status, scanId(res.body()), null, null);
                }
                problem = "server answered HTTP " + status + serverMessage(res.body());
                if (status < 500) {
                    break; // the server read the request and refused it: repeating it will not help
                }
            } catch (IOException e) {
                problem = "cannot reach " + endpoint.getHost() + " (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            }
            if (attempt < attempts) {
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
        return new Outcome(false, 0, null, keep(result, json), problem);
    }

    private Path keep(ScanResult result, String json) {
        try {
            Files.createDirectories(outbox);
            String name = "scan-" + STAMP.format(result.startedAt()) + "-"
                    + result.target().replaceAll("[^0-9A-Za-z.-]", "_") + ".json";
            Path file = outbox.resolve(name);
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the outbox file in " + outbox + ": " + e.getMessage(), e);
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
        if (n != null && n.hasNonNull("message")) {
            String m = n.get("message").asText();
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
