package io.bigr.discovery.webhook;

import io.bigr.discovery.core.AppVersion;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.db.CertificateDao;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.db.WebhookDao;
import io.bigr.discovery.vuln.VulnerabilityReport;
import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook delivery (docs/DOMAIN.md §8.5), outbox style: a scan's save only commits its change rows, and this
 * dispatcher, on its own thread, turns committed rows into events and sends them, so a slow or dead receiver never
 * delays a save. Each tick: change-log rows after the cursor become events (new asset, port opened/closed,
 * missed/gone/returned); when there were new rows, version-confirmed CVE matches not noticed before; at most once a
 * minute, certificates expiring within {@code certificateDays}; then due deliveries are posted, signed
 * ({@link WebhookSignature}), and retried with doubling backoff until {@code maxAttempts}. Every attempt is in the
 * delivery log ({@code webhook_deliveries}). Scans saved by other processes into the same database (bigr scan, other
 * servers) are sent too. The secret is never logged; log lines name the receiver's host only.
 */
public final class WebhookDispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 20;
    private static final int DELIVERIES_PER_TICK = 50;
    private static final Duration CERTIFICATE_INTERVAL = Duration.ofMinutes(1);

    private final WebhookDao dao;
    private final CertificateDao certificates;
    private final Supplier<VulnerabilityReport> vulnerabilities;
    private final Dialect dialect;
    private final WebhookSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private ScheduledExecutorService executor;
    private Instant lastCertificateCheck = Instant.EPOCH;

    public WebhookDispatcher(WebhookDao dao, CertificateDao certificates, Supplier<VulnerabilityReport> vulnerabilities,
                             Dialect dialect, WebhookSettings settings, Clock clock) {
        this.dao = dao;
        this.certificates = certificates;
        this.vulnerabilities = vulnerabilities;
        this.dialect = dialect;
        this.settings = settings;
        this.clock = clock;
        // HTTP/1.1: no h2c upgrade dance with receivers that do not speak HTTP/2 in clear text.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bigr-webhooks");
            t.setDaemon(true);
            return t;
        });
        long ms = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::safeTick, 0, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next tick tries again. No SQL or secret in the line.
            LOG.warn("webhook tick failed: {}", e.getClass().getSimpleName());
            LOG.debug("webhook tick failure", e);
        }
    }

    /** One round: notice new events, then send what is due. Public for tests, which drive it without the timer. */
    public synchronized void tick() {
        collect();
        deliver();
    }

    void collect() {
        Instant now = clock.instant();
        boolean first = dao.cursor().isEmpty();
        boolean any = false;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int read = dao.collectChanges(dialect == Dialect.POSTGRESQL, BATCH, row -> WebhookEvents.of(row, now),
                    settings.urls(), now);
            any |= read > 0;
            if (read < BATCH) {
                break;
            }
        }
        if (first || any) {
            // The first run records the matches that already exist without sending them (no history replay).
            List<String> to = first ? List.of() : settings.urls();
            for (VulnerabilityReport.Summary s : vulnerabilities.get().summaries()) {
                for (VulnerabilityReport.Match m : s.matches()) {
                    if ("version_confirmed".equals(m.matchType())) {
                        notice(WebhookEvents.of(m, now), to, now);
                    }
                }
            }
        }
        if (!now.isBefore(lastCertificateCheck.plus(CERTIFICATE_INTERVAL))) {
            lastCertificateCheck = now;
            for (Certificate c : certificates.expiring(settings.certificateDays())) {
                if (c.validTo() != null) {
                    notice(WebhookEvents.of(c, now), settings.urls(), now);
                }
            }
        }
    }

    private void notice(WebhookDao.Event e, List<String> urls, Instant now) {
        dao.notice(e.key(), e.type(), e.payload(), now, urls);
    }

    void deliver() {
        Instant now = clock.instant();
        for (WebhookDao.Due d : dao.due(now, DELIVERIES_PER_TICK)) {
            // Claimed for twice the timeout: another server skips it meanwhile, and it is due again if this one dies.
            if (dao.claim(d.id(), now, now.plus(settings.timeout().multipliedBy(2))) != 1) {
                continue;
            }
            send(d);
        }
    }

    private void send(WebhookDao.Due d) {
        byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "bigr-discovery/" + AppVersion.current())
                    .header("X-Bigr-Event", d.eventType())
                    .header("X-Bigr-Event-Id", d.eventKey())
                    .header("X-Bigr-Delivery", Long.toString(d.id()))
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(settings.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = r.statusCode();
            if (status / 100 == 2) {
                dao.delivered(d.id(), status, clock.instant());
                LOG.info("webhook {} delivered to {} (HTTP {})", d.eventType(), host(d.url()), status);
                return;
            }
            error = "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName();
        }
        int attempts = d.attempts() + 1;
        boolean last = attempts >= settings.maxAttempts();
        Instant next = clock.instant().plus(settings.backoff(attempts));
        dao.failedAttempt(d.id(), last ? "failed" : "pending", status, error, next);
        LOG.warn("webhook {} to {} failed ({}), attempt {} of {}{}", d.eventType(), host(d.url()), error, attempts,
                settings.maxAttempts(), last ? ", giving up" : "");
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
