package io.bigr.discovery.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestDb;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fuzz campaign of docs/DOMAIN.md §2.8 as a test: {@value #REQUESTS} hostile requests from
 * {@link HostileRequests} (seed {@code -Dbigr.fuzz.seed}, default fixed; {@code -Dbigr.fuzz.requests} to run more)
 * against the real application on loopback, over every route. Asserts, request by request: no 5xx and no hang; a
 * body no larger than {@value #MAX_BODY} bytes (an error no larger than {@value #MAX_ERROR_BODY}); every 4xx in the
 * one JSON error shape with no stack trace, SQL or exception name; no row stored or changed by a rejected write.
 * Afterwards every read route answers 200, health is 200 and a valid scan is still accepted. Prints the counts by
 * status. Bounded in count and in time ({@value #DEADLINE_SECONDS} s per database).
 */
abstract class HostileRequestsContract {
    static final int REQUESTS = Integer.getInteger("bigr.fuzz.requests", 5_000);
    static final long SEED = Long.getLong("bigr.fuzz.seed", 20_261_202L);
    static final int MAX_BODY = 1 << 20;
    static final int MAX_ERROR_BODY = 4096;
    static final int DEADLINE_SECONDS = 240;
    /** Everything a write could store, as one comparable text. */
    static final String STORED = """
            SELECT (SELECT count(*) FROM scans) || '/' || (SELECT count(*) FROM assets) || '/'
              || (SELECT count(*) FROM scan_assets) || '/' || (SELECT count(*) FROM asset_changes) || '/'
              || (SELECT count(*) FROM subnets) || '/' || (SELECT count(*) FROM certificates) || '/'
              || (SELECT count(*) FROM assets WHERE manual_category IS NOT NULL) || '/'
              || (SELECT COALESCE(sum(length(manual_note)), 0) FROM assets) || '/'
              || (SELECT COALESCE(sum(length(label)) + sum(COALESCE(vlan_id, 0)), 0) FROM subnets) || '/'
              || (SELECT COALESCE(sum(length(cn)) + sum(COALESCE(key_size, 0)), 0) FROM certificates)""";

    abstract Dialect dialect();

    @Test
    void hostileRequestsNeverGetA5xxNorStoreARow() throws Exception {
        try (TestDb db = TestDb.create(dialect()).migrate(); ApiApp app = ApiApp.start(db)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<String> ips = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "127.1", "2130706433", "fe80::1%eth0");
            HostileRequests seedGen = new HostileRequests(SEED, Instant.now(), ips, List.of("x"));
            HttpResponse<String> seeded = send(client, app, new HostileRequests.Request("POST", "/api/scans",
                    Json.write(seedGen.scanDocument()), null));
            assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(201);
            String scanId = Json.parseOrNull(seeded.body()).get("scan_id").asText();
            HostileRequests gen = new HostileRequests(SEED, Instant.now(), ips, List.of(scanId, "x", "../x"));

            Map<String, Integer> byStatus = new TreeMap<>();
            Map<String, Long> msByRoute = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            String stored = stored(db);
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(DEADLINE_SECONDS).toNanos();
            int sent = 0;
            for (; sent < REQUESTS && System.nanoTime() < deadline && failures.size() < 20; sent++) {
                HostileRequests.Request req = gen.next();
                long t0 = System.nanoTime();
                Answer a = req.raw() != null ? sendRaw(app, req) : answer(client, app, req);
                msByRoute.merge(req.route(), (System.nanoTime() - t0) / 1_000_000L, Long::sum);
                byStatus.merge(a.status == 0 ? "closed" : Integer.toString(a.status), 1, Integer::sum);
                String problem = problem(req, a);
                if (req.isWrite()) {
                    String now = stored(db);
                    if (a.status >= 400 && !now.equals(stored)) {
                        problem = (problem == null ? "" : problem + "; ") + "rejected write changed the store "
                                + stored + " -> " + now;
                    }
                    stored = now;
                }
                if (problem != null) {
                    failures.add(problem + "\n    request: " + req.describe() + "\n    answer: " + a.status + " "
                            + (a.body.length() > 300 ? a.body.substring(0, 300) + "…" : a.body));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "fuzz %s seed=%d: %d requests in %.1f s, by status %s%n",
                    dialect().value(), SEED, sent, seconds, byStatus);
            System.out.printf(Locale.ROOT, "fuzz %s milliseconds by route: %s%n", dialect().value(), msByRoute);
            assertThat(failures).as("requests that broke a rule (seed " + SEED + ")").isEmpty();
            assertThat(sent).as("requests sent within %d s", DEADLINE_SECONDS).isEqualTo(REQUESTS);
            assertHealthyAfterwards(client, app);
        }
    }

    /** The rule a request's answer broke, or null. */
    private static String problem(HostileRequests.Request req, Answer a) {
        if (a.status >= 500) {
            return "5xx";
        }
        if (a.status == 0) {
            return req.raw() != null ? null : "no answer";
        }
        if (a.bytes > MAX_BODY) {
            return "body of " + a.bytes + " bytes";
        }
        if (a.status >= 400) {
            if (a.bytes > MAX_ERROR_BODY) {
                return "error body of " + a.bytes + " bytes";
            }
            JsonNode error = Json.parseOrNull(a.body);
            if (error == null || !error.path("error").isTextual() || error.path("code").asInt() != a.status) {
                return "error not in the JSON error shape";
            }
            String lower = a.body.toLowerCase(Locale.ROOT);
            if (lower.contains("exception") || a.body.contains("SELECT ") || a.body.contains("\tat ")
                    || lower.contains("jackson") || lower.contains("sqlite") || lower.contains("psql")) {
                return "error leaks internals";
            }
        }
        return null;
    }

    private static void assertHealthyAfterwards(HttpClient client, ApiApp app) throws Exception {
        for (String path : List.of("/api/health", "/api/data", "/api/assets", "/api/scans", "/api/changes",
                "/api/subnets", "/api/switches", "/api/certificates", "/api/topology", "/api/compliance",
                "/api/analytics", "/api/risk", "/api/vulnerabilities", "/api/assets/export?format=jsonl",
                "/api/data?scope=inventory")) {
            HttpResponse<String> r = send(client, app, new HostileRequests.Request("GET", path, null, null));
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        }
        HostileRequests fresh = new HostileRequests(1, Instant.now(), List.of("10.0.0.1"), List.of("x"));
        HttpResponse<String> r = send(client, app, new HostileRequests.Request("POST", "/api/scans",
                Json.write(fresh.scanDocument()), null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static String stored(TestDb db) {
        return db.jdbi().withHandle(h -> h.createQuery(STORED).mapTo(String.class).one());
    }

    record Answer(int status, String body, long bytes) {
    }

    private static Answer answer(HttpClient client, ApiApp app, HostileRequests.Request req)
            throws InterruptedException {
        try {
            HttpResponse<String> r = send(client, app, req);
            return new Answer(r.statusCode(), r.body(), r.body().getBytes(StandardCharsets.UTF_8).length);
        } catch (IOException e) {
            return new Answer(0, "no answer: " + e, 0);
        }
    }

    private static HttpResponse<String> send(HttpClient client, ApiApp app, HostileRequests.Request req)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(req.path())))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ApiApp.TOKEN);
        if (req.body() != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(req.method(), req.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(req.body()));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes the raw bytes, half-closes, reads the answer (status 0 when the server closed without one). */
    private static Answer sendRaw(ApiApp app, HostileRequests.Request req) throws IOException {
        byte[] bytes = new String(req.raw(), StandardCharsets.ISO_8859_1).replace("{token}", ApiApp.TOKEN)
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            byte[] all = in.readNBytes(MAX_BODY + 8192);
            String head = new String(all, StandardCharsets.ISO_8859_1);
            int split = head.indexOf("\r\n\r\n");
            if (!head.startsWith("HTTP/1.1 ") || split < 0) {
                return new Answer(0, head, all.length);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            byte[] body = java.util.Arrays.copyOfRange(all, split + 4, all.length);
            if (head.substring(0, split).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(status, new String(body, StandardCharsets.UTF_8), body.length);
        } catch (SocketTimeoutException e) {
            return new Answer(599, "no answer within 30 s", 0);
        } catch (java.net.SocketException e) {
            return new Answer(0, "connection reset", 0);
        }
    }

    private static byte[] dechunk(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < text.length()) {
            int eol = text.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(text.substring(i, eol).trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, Math.min(size, body.length - eol - 2));
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
