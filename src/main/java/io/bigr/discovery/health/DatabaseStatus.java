package io.bigr.discovery.health;

import com.codahale.metrics.health.HealthCheck;
import io.bigr.discovery.db.BigrDataSourceFactory;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.PingDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facts {@code GET /api/health} reports and the admin health check {@code database-schema} checks: the database
 * answers {@code SELECT 1} through the pool (with its latency), its kind, and the number of changeSets not yet
 * applied. Healthy means reachable with no pending migration.
 *
 * <p>Pending changeSets are counted on a separate, unpooled connection, because Liquibase leaves auto-commit off on
 * the connection it is given (docs/STACK-NOTES.md Q4.6) and a pooled connection would carry that state to the next
 * request; the count is cached for a minute so a polling load balancer does not parse the changelog on every probe.
 */
public final class DatabaseStatus extends HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStatus.class);
    private static final long PENDING_TTL_NANOS = 60_000_000_000L;

    private final PingDao ping;
    private final BigrDataSourceFactory database;
    private volatile Integer pendingCache;
    private volatile long pendingCheckedAt;

    /** One probe's result; {@code pendingMigrations} is null when the database could not be reached. */
    public record Probe(boolean reachable, double latencyMs, String kind, Integer pendingMigrations) {
        public boolean healthy() {
            return reachable && pendingMigrations != null && pendingMigrations == 0;
        }
    }

    public DatabaseStatus(PingDao ping, BigrDataSourceFactory database) {
        this.ping = ping;
        this.database = database;
    }

    public Probe probe() {
        long start = System.nanoTime();
        try {
            ping.ping();
        } catch (RuntimeException e) {
            return new Probe(false, 0.0, database.getDialect().value(), null);
        }
        double latency = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
        Integer pending = pendingMigrations();
        return new Probe(pending != null, latency, database.getDialect().value(), pending);
    }

    /** Pending changeSets, re-read at most once a minute (each check opens its own connection); null on failure. */
    private Integer pendingMigrations() {
        long now = System.nanoTime();
        Integer cached = pendingCache;
        if (cached != null && now - pendingCheckedAt < PENDING_TTL_NANOS) {
            return cached;
        }
        try {
            cached = Databases.pendingMigrations(database);
        } catch (Exception e) {
            LOG.warn("counting pending migrations failed: {}", e.getClass().getSimpleName());
            return null;
        }
        pendingCache = cached;
        pendingCheckedAt = now;
        return cached;
    }

    @Override
    protected Result check() {
        Probe p = probe();
        ResultBuilder b = p.healthy() ? Result.builder().healthy() : Result.builder().unhealthy();
        return b.withMessage(!p.reachable() ? "database unreachable"
                        : p.pendingMigrations() > 0 ? p.pendingMigrations() + " pending migration(s): run `bigr db migrate`"
                        : "ok")
                .withDetail("kind", p.kind())
                .withDetail("latency_ms", p.latencyMs())
                .withDetail("pending_migrations", p.pendingMigrations())
                .build();
    }
}
